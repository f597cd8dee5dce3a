import type {
  Job,
  JobStateEntry,
  ListJobsOptions,
  ListJobsResult,
  Node,
  NodeUpdate,
  Partition,
  SignalJobOptions,
  SlurmWriteResult,
  SubmitJobRequest,
  SubmitJobResult,
} from '../../model/index.js';
import { failureFromResponse } from '../../errors/upstream.js';
import { SlurmError } from '../../slurm.error.js';
import type { SlurmHttp } from '../../transport/slurm-http.js';
import { BaseAdapter, items } from '../shared/base-adapter.js';
import { signalName, submitResult, withoutUndefined } from '../shared/submit.js';
import { num, obj, str, type Raw } from '../shared/values.js';
import { jobFromV0040, jobStateFromV0040 } from './job.js';
import { nodeFromV0040 } from './node.js';
import { partitionFromV0040 } from './partition.js';
import { submitBodyV0040 } from './requests.js';

/** The warning v0.0.40+ attaches to an empty job list when nothing changed. */
const UNCHANGED = /no job changes since/i;

/**
 * Slurm 23.11+ (openapi/slurmctld + openapi/slurmdbd, v0.0.40-v0.0.44). Collection paths
 * end in "/"; time query values use the "uts<epoch>" form, which v0.0.40/41 need and
 * later versions accept.
 */
export class V0040Adapter extends BaseAdapter {
  readonly family = 'v0040' as const;

  protected slurm(resource: string, collection = false): string {
    return `/slurm/${this.versions.slurm}/${resource}${collection ? '/' : ''}`;
  }

  protected db(resource: string, collection = false): string {
    return `/slurmdb/${this.versions.slurmdb ?? this.versions.slurm}/${resource}${collection ? '/' : ''}`;
  }

  protected queryTime(epochSeconds: number): string {
    return `uts${Math.floor(epochSeconds)}`;
  }

  protected toJob(raw: Raw): Job {
    return jobFromV0040(raw, this.cluster);
  }

  protected toNode(raw: Raw): Node {
    return nodeFromV0040(raw, this.cluster);
  }

  protected toPartition(raw: Raw): Partition {
    return partitionFromV0040(raw, this.cluster);
  }

  async listJobs(http: SlurmHttp, options: ListJobsOptions): Promise<ListJobsResult> {
    const jobs: Job[] = [];
    const result = await http.stream(
      this.slurm('jobs', true),
      'jobs',
      (raw) => jobs.push(this.toJob(obj(raw))),
      {
        query: {
          // ALL without DETAIL: every partition, without the costly per-job detail.
          flags: 'ALL',
          update_time:
            options.updateTime === undefined ? undefined : this.queryTime(options.updateTime),
        },
      },
    );
    const unchanged =
      options.updateTime !== undefined &&
      jobs.length === 0 &&
      result.warnings.some((w) => UNCHANGED.test(w));
    const lastUpdate = num(result.rest?.last_update);
    return {
      jobs,
      // An "unchanged" answer carries last_update 0: keep the caller's time.
      lastUpdate: unchanged || !lastUpdate ? (options.updateTime ?? lastUpdate) : lastUpdate,
      unchanged,
      warnings: unchanged ? [] : result.warnings,
    };
  }

  async jobStates(http: SlurmHttp, ids: readonly string[] | undefined): Promise<JobStateEntry[]> {
    // A CSV job_id list is rejected by 24.11 ("Failure parsing query"); repeated
    // parameters work in every version.
    const { body } = await http.json(this.slurm('jobs/state', true), {
      query: { job_id: ids?.length ? ids : undefined },
    });
    return items(body, 'jobs').map(jobStateFromV0040);
  }

  async submitJob(http: SlurmHttp, request: SubmitJobRequest): Promise<SubmitJobResult> {
    const { body, warnings } = await http.json(this.slurm('job/submit'), {
      method: 'POST',
      sendOnce: true,
      body: submitBodyV0040(request, this.versions.slurm),
      tolerate: (answer) => (num(answer.job_id) ?? 0) > 0,
    });
    return submitResult(body, warnings, this.cluster);
  }

  async signalJob(
    http: SlurmHttp,
    id: string,
    signal: string,
    options: SignalJobOptions,
  ): Promise<SlurmWriteResult> {
    const { body, warnings } = await http.json(this.slurm(`job/${encodeURIComponent(id)}`), {
      method: 'DELETE',
      query: withoutUndefined({
        signal: signalName(signal),
        flags: options.flags?.length ? options.flags.join(',') : undefined,
      }) as Record<string, string>,
    });
    // 24.11 answers 200 and reports per-job failures in status[].error.
    const failed = items(body, 'status')
      .map((entry) => obj(entry.error))
      .find((error) => (num(error.code) ?? 0) !== 0);
    if (failed) {
      throw failureFromResponse({
        cluster: this.cluster,
        httpStatus: 200,
        body: {
          errors: [
            { error_number: num(failed.code), error: str(failed.message) ?? str(failed.string) },
          ],
          warnings: body?.warnings,
        },
      });
    }
    return { warnings };
  }

  /** An unknown node is a 200 with "Failure to query node" and error_number 0 on 24.11. */
  override async getNode(http: SlurmHttp, name: string): Promise<Node> {
    try {
      return await super.getNode(http, name);
    } catch (err) {
      const unknown =
        err instanceof SlurmError &&
        err.errors.some((e) => /failure to query node/i.test(e.description ?? ''));
      if (unknown) throw this.notFound(`Node ${name} not found`, 2018);
      throw err;
    }
  }

  async updateNode(http: SlurmHttp, name: string, update: NodeUpdate): Promise<SlurmWriteResult> {
    try {
      const { warnings } = await http.json(this.slurm(`node/${encodeURIComponent(name)}`), {
        method: 'POST',
        body: withoutUndefined({ state: [update.state], reason: update.reason }),
      });
      return { warnings };
    } catch (err) {
      // slurmctld refuses a non-admin node update with 2010 "Invalid user id".
      if (err instanceof SlurmError && err.errorNumber === 2010) {
        throw new SlurmError({
          kind: 'unauthorized',
          message: `Access/permission denied: only operators may update node ${name} (${err.message})`,
          cluster: this.cluster,
          errorNumber: err.errorNumber,
          httpStatus: err.httpStatus,
          warnings: err.warnings,
          errors: err.errors,
        });
      }
      throw err;
    }
  }
}
