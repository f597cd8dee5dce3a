import type { Job } from '../../model/job.js';
import type {
  JobHistoryRecord,
  JobStateEntry,
  ListJobsOptions,
  ListJobsResult,
  NodeUpdate,
  SignalJobOptions,
  SlurmWriteResult,
  SubmitJobRequest,
  SubmitJobResult,
} from '../../model/index.js';
import { SlurmError } from '../../slurm.error.js';
import type { SlurmHttp } from '../../transport/slurm-http.js';
import { BaseAdapter } from '../shared/base-adapter.js';
import { historyFromRaw } from '../shared/history.js';
import { signalName, submitResult } from '../shared/submit.js';
import { num, obj, type Raw } from '../shared/values.js';
import { jobFromV0038 } from './job.js';
import { nodeFromV0038 } from './node.js';
import { partitionFromV0038 } from './partition.js';
import { submitBodyV0038 } from './requests.js';

/**
 * Slurm 22.05 (openapi/v0.0.38 + dbv0.0.38). Paths have no trailing slash; unchanged
 * lists answer 304; almost every failure is a 500 with errors[]; no node update route
 * and no job state route.
 */
export class V0038Adapter extends BaseAdapter {
  readonly family = 'v0038' as const;

  protected slurm(resource: string): string {
    return `/slurm/${this.versions.slurm}/${resource}`;
  }

  protected db(resource: string): string {
    return `/slurmdb/${this.versions.slurmdb ?? 'v0.0.38'}/${resource}`;
  }

  protected queryTime(epochSeconds: number): string {
    return `uts${Math.floor(epochSeconds)}`;
  }

  protected toJob(raw: Raw): Job {
    return jobFromV0038(raw, this.cluster);
  }

  protected toNode(raw: Raw) {
    return nodeFromV0038(raw, this.cluster);
  }

  protected toPartition(raw: Raw) {
    return partitionFromV0038(raw, this.cluster);
  }

  /**
   * dbv0.0.38 reports return_code 0 for jobs that failed with another code (sacct shows
   * the right one): a FAILED job's 0 is unknown, not success.
   */
  protected override toHistory(raw: Raw): JobHistoryRecord {
    const record = historyFromRaw(raw, this.cluster);
    if (record.state === 'FAILED' && record.exitCode === 0 && record.exitSignal === null) {
      return { ...record, exitCode: null };
    }
    return record;
  }

  async listJobs(http: SlurmHttp, options: ListJobsOptions): Promise<ListJobsResult> {
    const jobs: Job[] = [];
    const result = await http.stream(
      this.slurm('jobs'),
      'jobs',
      (raw) => jobs.push(this.toJob(obj(raw))),
      { query: { update_time: options.updateTime } },
    );
    if (result.status === 304) {
      return { jobs: [], lastUpdate: options.updateTime ?? null, unchanged: true, warnings: [] };
    }
    // v0.0.38 has no last_update: the answer's time is the newest state we have seen.
    return { jobs, lastUpdate: Math.floor(Date.now() / 1000), unchanged: false, warnings: [] };
  }

  jobStates(): Promise<JobStateEntry[]> {
    return Promise.reject(
      new SlurmError({
        kind: 'invalid',
        message: 'Job state queries need slurmrestd v0.0.40 or newer (Slurm 23.11.5+)',
        cluster: this.cluster,
      }),
    );
  }

  async submitJob(http: SlurmHttp, request: SubmitJobRequest): Promise<SubmitJobResult> {
    // 22.05 reports the job's first pending reason (e.g. 2042 held, 2068 node not
    // available) as an error item although the job was created: a job id means success.
    const { body, warnings } = await http.json(this.slurm('job/submit'), {
      method: 'POST',
      sendOnce: true,
      body: submitBodyV0038(request),
      tolerate: (answer) => (num(answer.job_id) ?? 0) > 0,
    });
    return submitResult(body, warnings, this.cluster);
  }

  async signalJob(
    http: SlurmHttp,
    id: string,
    signal: string,
    _options: SignalJobOptions,
  ): Promise<SlurmWriteResult> {
    const { warnings } = await http.json(this.slurm(`job/${encodeURIComponent(id)}`), {
      method: 'DELETE',
      query: { signal: signalName(signal) },
    });
    return { warnings };
  }

  updateNode(_http: SlurmHttp, name: string, _update: NodeUpdate): Promise<SlurmWriteResult> {
    return Promise.reject(
      new SlurmError({
        kind: 'invalid',
        message: `slurmrestd v0.0.38 cannot update node ${name}; configure the scontrol fallback`,
        cluster: this.cluster,
      }),
    );
  }
}
