import type { Job } from '@app/slurm-gateway';
import { isFinishedState } from '../view/job-state.js';

/** The fields a list can filter and sort on: shared by live jobs and accounting records. */
export type QueryableJob = Pick<
  Job,
  | 'id'
  | 'name'
  | 'user'
  | 'account'
  | 'partition'
  | 'qos'
  | 'state'
  | 'submitTime'
  | 'startTime'
  | 'endTime'
  | 'priority'
> & { stateFlags?: string[] };

export const JOB_SORT_FIELDS = [
  'submit_time',
  'start_time',
  'end_time',
  'priority',
  'job_id',
  'user',
  'state',
  'name',
  'partition',
] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

export interface JobFilter {
  /** Canonical states (base states or flags); a job matches when any applies. */
  states?: readonly string[];
  users?: readonly string[];
  partitions?: readonly string[];
  accounts?: readonly string[];
  qos?: readonly string[];
  names?: readonly string[];
  /** Jobs active at some point in [since, until] (epoch seconds), like sacct -S/-E. */
  since?: number;
  until?: number;
}

/** The end time a client sees: a running job's projected end is not an end. */
export function shownEndTime(job: QueryableJob): number | null {
  return isFinishedState(job.state) ? job.endTime : null;
}

function oneOf(values: readonly string[] | undefined, value: string | null): boolean {
  return values === undefined || values.length === 0 || (value !== null && values.includes(value));
}

function stateMatches(states: readonly string[] | undefined, job: QueryableJob): boolean {
  if (states === undefined || states.length === 0) {
    return true;
  }
  return states.includes(job.state) || (job.stateFlags ?? []).some((f) => states.includes(f));
}

function inWindow(filter: JobFilter, job: QueryableJob): boolean {
  if (filter.until !== undefined && job.submitTime !== null && job.submitTime > filter.until) {
    return false;
  }
  const end = shownEndTime(job);
  return filter.since === undefined || end === null || end >= filter.since;
}

export function matchesFilter(job: QueryableJob, filter: JobFilter): boolean {
  return (
    stateMatches(filter.states, job) &&
    oneOf(filter.users, job.user) &&
    oneOf(filter.partitions, job.partition) &&
    oneOf(filter.accounts, job.account) &&
    oneOf(filter.qos, job.qos) &&
    oneOf(filter.names, job.name) &&
    inWindow(filter, job)
  );
}

type SortKey = (job: QueryableJob) => number | string | null;

const SORT_KEYS: Record<JobSortField, SortKey> = {
  submit_time: (j) => j.submitTime,
  start_time: (j) => j.startTime,
  end_time: shownEndTime,
  priority: (j) => j.priority,
  job_id: (j) => numericId(j.id),
  user: (j) => j.user,
  state: (j) => j.state,
  name: (j) => j.name,
  partition: (j) => j.partition,
};

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * A total order for paging: the sort field in the requested direction, missing values last
 * in either direction, then the job id in the same direction, so every page walk is stable.
 */
export function jobComparator(
  field: JobSortField,
  order: SortOrder,
): (a: QueryableJob, b: QueryableJob) => number {
  const key = SORT_KEYS[field];
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      const byKey = compareValues(ka, kb);
      if (byKey !== 0) return sign * byKey;
    }
    return sign * compareIds(a.id, b.id);
  };
}

function numericId(id: string): number | null {
  const n = Number(id);
  return Number.isFinite(n) ? n : null;
}

/**
 * Numeric job id order; ids that are not plain numbers come after the numeric ones, in text
 * order. A strict total order (incremental selections rely on it): mixing numeric and text
 * comparisons between the two kinds would not be transitive ("10" < "1a" < "2" < "10").
 */
function compareIds(a: string, b: string): number {
  const na = numericId(a);
  const nb = numericId(b);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  if ((na === null) !== (nb === null)) return na === null ? 1 : -1;
  return compareValues(a, b);
}

/** Filters and sorts in one pass over the list; the input is left untouched. */
export function selectJobs<T extends QueryableJob>(
  jobs: Iterable<T>,
  filter: JobFilter,
  sort: JobSortField,
  order: SortOrder,
): T[] {
  const selected: T[] = [];
  for (const job of jobs) {
    if (matchesFilter(job, filter)) {
      selected.push(job);
    }
  }
  return selected.sort(jobComparator(sort, order));
}

/**
 * Live jobs plus accounting records, each job once: the live record wins because it is
 * fresher (accounting lags behind slurmctld).
 */
export function mergeJobs<L extends QueryableJob, H extends QueryableJob>(
  live: readonly L[],
  history: readonly H[],
): (L | H)[] {
  const seen = new Set<string>();
  const merged: (L | H)[] = [];
  for (const job of live) {
    seen.add(job.id);
    merged.push(job);
  }
  for (const record of history) {
    if (!seen.has(record.id)) {
      seen.add(record.id);
      merged.push(record);
    }
  }
  return merged;
}
