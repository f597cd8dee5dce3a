import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '../../auth/principal.js';
import { ApiError, ErrorCode } from '../../common/errors/index.js';
import { AppConfig } from '../../config/index.js';
import type { JobOutputDto } from '../dto/job-output.dto.js';
import { JobLocator } from '../job-locator.js';
import { mayManageJob, permissionDenied } from '../job-access.js';
import { isLiveJob, type AnyJob } from '../view/job-view.js';
import { isFinishedState } from '../view/job-state.js';
import { lookupUid, openOutputFile, type OpenedOutput } from './output-file.js';
import { followOutput, type OutputEvent } from './output-follower.js';
import { resolveOutputPath, toGatewayPath, type OutputStream } from './output-path.js';
import { tailFile } from './tail.js';

const HEARTBEAT_MS = 15_000;

interface OutputTarget {
  cluster: string;
  job: AnyJob;
  /** The file as the cluster names it. */
  path: string;
  open: () => Promise<OpenedOutput>;
}

/** GET /v1/jobs/{id}/output and /error: the tail of a job's file, or a live follow (SSE). */
@Injectable()
export class JobOutputService {
  constructor(
    private readonly locator: JobLocator,
    private readonly config: AppConfig,
  ) {}

  async tail(
    principal: Principal,
    cluster: string | undefined,
    id: string,
    stream: OutputStream,
    lines: number | undefined,
  ): Promise<JobOutputDto> {
    const target = await this.target(principal, cluster, id, stream);
    const opened = await target.open();
    const handle = this.opened(opened, target, id);
    try {
      const tail = await tailFile(handle, {
        lines: lines ?? this.config.jobs.outputDefaultLines,
        maxBytes: this.config.jobs.outputMaxBytes,
      });
      return {
        job_id: id,
        stream,
        path: target.path,
        lines: tail.lines,
        truncated: tail.truncated,
        size_bytes: tail.size,
      };
    } finally {
      await handle.close();
    }
  }

  /**
   * Streams the tail, then every new line, as Server-Sent Events until the job ends or the
   * client goes away. Errors found before the stream starts are thrown (the envelope).
   */
  async follow(
    principal: Principal,
    cluster: string | undefined,
    id: string,
    stream: OutputStream,
    lines: number | undefined,
    req: Request,
    res: Response,
  ): Promise<void> {
    const target = await this.target(principal, cluster, id, stream);
    const snapshot = await this.locator.snapshot(target.cluster);
    const jobId = target.job.id;
    const jobEnded = () => {
      const live = snapshot.get(jobId);
      return live === undefined || isFinishedState(live.state)
        ? { ended: true, state: live?.state ?? target.job.state }
        : { ended: false, state: live.state };
    };
    const opened = await target.open();
    let tail: string[] = [];
    let from = 0;
    if (opened.kind === 'open') {
      try {
        const result = await tailFile(opened.handle, {
          lines: lines ?? this.config.jobs.outputDefaultLines,
          maxBytes: this.config.jobs.outputMaxBytes,
        });
        tail = result.lines;
        from = result.end;
      } finally {
        await opened.handle.close();
      }
    } else if (opened.kind === 'refused' || jobEnded().ended) {
      // Nothing will ever appear: answer like the plain route does.
      this.opened(opened, target, id);
    }

    const abort = new AbortController();
    req.on('close', () => abort.abort());
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      await send(res, 'open', JSON.stringify({ job_id: id, stream, path: target.path }));
      for (const line of tail) await send(res, 'line', line);
      const events = followOutput({
        open: target.open,
        from,
        pollMs: this.config.jobs.followPollMs,
        jobEnded,
        signal: abort.signal,
      });
      for await (const event of events) await sendEvent(res, event);
    } finally {
      clearInterval(heartbeat);
      res.end();
    }
  }

  private async target(
    principal: Principal,
    clusterName: string | undefined,
    id: string,
    stream: OutputStream,
  ): Promise<OutputTarget> {
    const cluster = this.locator.cluster(clusterName);
    const { job } = await this.locator.locate(cluster, id);
    if (!mayManageJob(principal, cluster, job)) {
      throw permissionDenied(
        `Only the owner of job ${id}, operators and admins may read its output`,
        id,
      );
    }
    const root = this.config.clusters.find((c) => c.name === cluster)?.pathRoot || undefined;
    const path = resolveOutputPath(
      { ...job, batchHost: isLiveJob(job) ? job.batchHost : (job.nodes[0] ?? null) },
      stream,
    );
    const gatewayPath = toGatewayPath(path, root);
    const uid = (isLiveJob(job) ? job.userId : null) ?? (await lookupUid(job.user, root));
    return { cluster, job, path, open: () => openOutputFile(gatewayPath, { root, uid }) };
  }

  /** The handle of an opened file, or the error that tells the client why there is none. */
  private opened(opened: OpenedOutput, target: OutputTarget, id: string) {
    switch (opened.kind) {
      case 'open':
        return opened.handle;
      case 'missing':
        return this.missing(target, id);
      case 'refused':
        throw permissionDenied(
          `Output file ${target.path} of job ${id} cannot be read: ${opened.reason}`,
          id,
        );
    }
  }

  private missing(target: OutputTarget, id: string): never {
    const running = !isFinishedState(target.job.state);
    throw new ApiError(
      ErrorCode.RESOURCE_NOT_FOUND,
      `Output file ${target.path} of job ${id} does not exist${running ? ' yet' : ''}`,
      {
        resource_type: 'job_output',
        resource_id: id,
        path: target.path,
        job_state: target.job.state,
      },
    );
  }
}

function send(res: Response, event: string, data: string): Promise<void> {
  if (res.write(`event: ${event}\ndata: ${data}\n\n`)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function sendEvent(res: Response, event: OutputEvent): Promise<void> {
  switch (event.type) {
    case 'line':
      return send(res, 'line', event.line);
    case 'reset':
      return send(res, 'reset', '{}');
    case 'end':
      return send(res, 'end', JSON.stringify({ state: event.state }));
  }
}
