import { Injectable, Logger } from '@nestjs/common';
import type { Job, JobHistoryRecord } from '@app/slurm-gateway';
import { ClusterStateService, type JobSnapshot } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { ApiError } from '../common/errors/index.js';
import { JobHistoryReader } from './history/job-history.reader.js';
import type { AnyJob } from './view/job-view.js';

/** Job ids the API accepts: "12345", or an array task as "12340_3". */
const JOB_ID = /^(\d+)(?:_(\d+))?$/;

/** What the job looks like now (`job`): slurmctld's record, else accounting's. */
export type LocatedJob =
  | { job: AnyJob; live: Job; record: undefined }
  | { job: AnyJob; live: undefined; record: JobHistoryRecord };

export function jobNotFound(id: string): ApiError {
  return ApiError.notFound('job', id);
}

/**
 * Finds a job wherever it is known: the cluster snapshot (no Slurm call), slurmctld itself
 * for jobs too new for the snapshot or when fresh data matters (mutations), then accounting
 * for jobs slurmctld has forgotten.
 */
@Injectable()
export class JobLocator {
  private readonly logger = new Logger(JobLocator.name);

  constructor(
    private readonly state: ClusterStateService,
    private readonly history: JobHistoryReader,
    private readonly clusters: ClustersService,
  ) {}

  /**
   * The cluster a request addresses (`?cluster=`, default the first configured one).
   * @throws ApiError VALIDATION_ERROR for an unknown cluster.
   */
  cluster(name: string | undefined): string {
    return this.clusters.resolve(name);
  }

  /** The cluster's snapshot, once it holds data. */
  async snapshot(cluster: string): Promise<JobSnapshot> {
    const snapshot = this.state.jobs(cluster);
    await snapshot.ready();
    return snapshot;
  }

  /**
   * @param fresh read slurmctld's current record instead of the snapshot's (mutations need
   *   the current state and priority; it also updates the snapshot).
   * @throws ApiError RESOURCE_NOT_FOUND when neither slurmctld nor accounting knows the job.
   */
  async locate(cluster: string, id: string, { fresh = false } = {}): Promise<LocatedJob> {
    const match = JOB_ID.exec(id);
    if (!match) throw jobNotFound(id);
    const snapshot = await this.snapshot(cluster);
    let live =
      match[2] === undefined
        ? snapshot.get(id)
        : findArrayTask(snapshot, match[1], Number(match[2]));
    if (live === undefined || fresh) {
      live = (await this.reread(snapshot, live?.id ?? id)) ?? (fresh ? undefined : live);
    }
    if (live !== undefined) return { job: live, live, record: undefined };
    const record = await this.history.job(cluster, id);
    if (record === null) throw jobNotFound(id);
    return { job: record, live: undefined, record };
  }

  /** Re-reads a job from slurmctld into the snapshot after a change; never throws. */
  async refresh(cluster: string, id: string): Promise<Job | undefined> {
    this.history.forgetJob(cluster, id);
    return this.reread(this.state.jobs(cluster), id);
  }

  private async reread(snapshot: JobSnapshot, id: string): Promise<Job | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    try {
      return await snapshot.refreshJob(id);
    } catch (error) {
      this.logger.warn(`refreshing job ${id} on ${snapshot.cluster} failed: ${String(error)}`);
      return snapshot.get(id);
    }
  }
}

function findArrayTask(snapshot: JobSnapshot, arrayJobId: string, taskId: number): Job | undefined {
  return snapshot.all().find((job) => job.arrayJobId === arrayJobId && job.arrayTaskId === taskId);
}
