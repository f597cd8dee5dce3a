import type { Job, JobBaseState, JobHistoryRecord } from '@app/slurm-gateway';

/** Base states of jobs that slurmctld still considers live. */
export const LIVE_STATES: readonly JobBaseState[] = ['PENDING', 'RUNNING', 'SUSPENDED'];

export function isFinished(state: JobBaseState): boolean {
  return !LIVE_STATES.includes(state);
}

type CountedJob = Pick<Job, 'id' | 'state' | 'endTime'>;
type CountedRecord = Pick<JobHistoryRecord, 'id' | 'state' | 'endTime'>;

/**
 * The jobs counted by the cluster metrics: every live job of the snapshot, plus every job that
 * finished at or after `sinceSeconds`, from the snapshot (recently finished jobs slurmctld still
 * holds) or from accounting. A job present in both is counted once, with the snapshot's state.
 */
export function countedJobs(
  live: readonly CountedJob[],
  finished: readonly CountedRecord[],
  sinceSeconds: number,
): Map<string, JobBaseState> {
  const seen = new Map<string, JobBaseState>();
  const recent = (endTime: number | null): boolean => endTime !== null && endTime >= sinceSeconds;
  for (const job of live) {
    if (!isFinished(job.state) || recent(job.endTime)) seen.set(job.id, job.state);
  }
  for (const rec of finished) {
    if (seen.has(rec.id) || !isFinished(rec.state) || !recent(rec.endTime)) continue;
    seen.set(rec.id, rec.state);
  }
  return seen;
}

/** Count by state, states with no job left out. */
export function countByState(
  states: Iterable<JobBaseState>,
): Partial<Record<JobBaseState, number>> {
  const counts: Partial<Record<JobBaseState, number>> = {};
  for (const s of states) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

/** How many of the counted jobs have finished. */
export function finishedCount(states: Iterable<JobBaseState>): number {
  let n = 0;
  for (const s of states) if (isFinished(s)) n++;
  return n;
}
