import { Injectable } from '@nestjs/common';
import { SlurmGateway } from '@app/slurm-gateway';
import { ClusterStateService, type JobSnapshot } from '../../cluster-state/index.js';
import { findMarked, type SubmitResolution } from './submit-outcome.js';

export interface LostSubmit {
  cluster: string;
  slurmUser: string;
  /** The comment the job was submitted with (submissionMarker). */
  marker: string;
  /** When the submit failed (epoch ms). */
  failedAt: number;
}

/**
 * Only a poll begun this long after the failure counts: slurmrestd may still pass on a
 * request it held when the connection broke, and API hosts' clocks differ a little.
 */
const SETTLE_MS = 1000;
/**
 * How long to wait for that poll: a poll of 20,000 jobs takes seconds, the first one after a
 * start much longer; a retry waits a minute for the first request's answer.
 */
const CONFIRM_TIMEOUT_MS = 45_000;
/** Most jobs read one by one (new jobs whose details the snapshot does not hold yet). */
const MAX_DIRECT_READS = 50;

/**
 * Learns whether a submit whose answer was lost created its job: looks for the job's marker
 * in the cluster snapshot once a poll begun after the failure has confirmed it. State-only
 * polls (slurmrestd v0.0.40+) list a new job before its details (and comment) are fetched,
 * so jobs the snapshot does not hold yet are read from slurmctld one by one; full-list polls
 * (v0.0.38) hold every job once confirmed. Never lists all jobs.
 */
@Injectable()
export class SubmitOutcomeResolver {
  constructor(
    private readonly state: ClusterStateService,
    private readonly gateway: SlurmGateway,
  ) {}

  async resolve(lost: LostSubmit): Promise<SubmitResolution> {
    const snapshot = this.state.jobs(lost.cluster);
    if (!(await snapshot.confirmedSince(lost.failedAt + SETTLE_MS, CONFIRM_TIMEOUT_MS))) {
      return { kind: 'unknown', reason: 'the job snapshot was not refreshed after the failure' };
    }
    const jobs = snapshot.all();
    const marked = findMarked(jobs, lost.marker);
    if (marked) return { kind: 'found', job: marked };
    try {
      return await this.readNewJobs(snapshot, new Set(jobs.map((job) => job.id)), lost);
    } catch (error) {
      return { kind: 'unknown', reason: `reading new jobs failed: ${String(error)}` };
    }
  }

  /** @param searched ids of the jobs already searched (the poller may add more meanwhile) */
  private async readNewJobs(
    snapshot: JobSnapshot,
    searched: ReadonlySet<string>,
    lost: LostSubmit,
  ): Promise<SubmitResolution> {
    const client = this.gateway.client(lost.cluster, lost.slurmUser);
    if (!(await client.info()).capabilities.jobStateQuery) return { kind: 'absent' };
    const ids = (await client.jobStates())
      .map((entry) => entry.id)
      .filter((id) => !searched.has(id))
      .sort((a, b) => parseInt(b, 10) - parseInt(a, 10)); // newest first
    if (ids.length > MAX_DIRECT_READS) {
      return { kind: 'unknown', reason: `${ids.length} new jobs are not read yet` };
    }
    for (const id of new Set(ids)) {
      // Fetched by the poller in the meantime, else read now (and stored for every reader).
      const job = snapshot.get(id) ?? (await snapshot.refreshJob(id));
      if (job?.comment === lost.marker) return { kind: 'found', job };
    }
    return { kind: 'absent' };
  }
}
