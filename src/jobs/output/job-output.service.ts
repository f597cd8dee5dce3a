import { Injectable } from '@nestjs/common';
import type { FileHandle } from 'node:fs/promises';
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
import { tailFile, type TailResult } from './tail.js';

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
    const tail = await this.readTail(this.opened(await target.open(), target, id), lines);
    return {
      job_id: id,
      stream,
      path: target.path,
      lines: tail.lines,
      truncated: tail.truncated,
      size_bytes: tail.size,
    };
  }

  /**
   * The tail, then every new line, until the job ends or `signal` aborts: events for the SSE
   * route and for a WebSocket channel. Whatever is wrong before streaming starts (unknown
   * job, not allowed, a file that will never appear) is thrown, not streamed.
   */
  async follow(
    principal: Principal,
    cluster: string | undefined,
    id: string,
    stream: OutputStream,
    options: { lines?: number; signal: AbortSignal },
  ): Promise<AsyncGenerator<OutputEvent>> {
    const target = await this.target(principal, cluster, id, stream);
    const snapshot = await this.locator.snapshot(target.cluster);
    const jobEnded = () => {
      const live = snapshot.get(target.job.id);
      return live === undefined || isFinishedState(live.state)
        ? { ended: true, state: live?.state ?? target.job.state }
        : { ended: false, state: live.state };
    };
    const opened = await target.open();
    if (opened.kind !== 'open' && (opened.kind === 'refused' || jobEnded().ended)) {
      // Nothing will ever appear: answer like the plain route does.
      this.opened(opened, target, id);
    }
    const tail = opened.kind === 'open' ? await this.readTail(opened.handle, options.lines) : null;
    const pollMs = this.config.jobs.followPollMs;
    return (async function* (): AsyncGenerator<OutputEvent> {
      yield { type: 'open', jobId: id, stream, path: target.path };
      for (const line of tail?.lines ?? []) yield { type: 'line', line };
      yield* followOutput({
        open: target.open,
        from: tail?.end ?? 0,
        pollMs,
        jobEnded,
        signal: options.signal,
      });
    })();
  }

  /** The last lines of an open file (closed afterwards). */
  private async readTail(handle: FileHandle, lines: number | undefined): Promise<TailResult> {
    try {
      return await tailFile(handle, {
        lines: lines ?? this.config.jobs.outputDefaultLines,
        maxBytes: this.config.jobs.outputMaxBytes,
      });
    } finally {
      await handle.close();
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
