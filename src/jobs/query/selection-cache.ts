import {
  jobComparator,
  matchesFilter,
  selectJobs,
  type JobFilter,
  type JobSortField,
  type QueryableJob,
  type SortOrder,
} from './job-query.js';

/** What a selection is made from: a versioned snapshot that can tell what changed. */
export interface SelectionSource<T> {
  readonly version: number;
  /** Every item; read only. */
  list(): readonly T[];
  get(id: string): T | undefined;
  /** The ids changed after `version`, or null when unknown (the selection then starts over). */
  changesSince(version: number): ReadonlySet<string> | null;
}

interface Entry<T> {
  version: number;
  jobs: readonly T[];
}

/** Distinct filter/sort combinations remembered per cluster. */
const MAX_ENTRIES = 64;

/**
 * Sorted selections of a snapshot, shared by every request for the same filter and order
 * (a dashboard, a benchmark paging through one list). After a change a selection is updated
 * from the changed jobs alone: one merge pass instead of filtering and sorting 20,000 jobs,
 * which kept requests waiting behind it. The arrays handed out are never mutated.
 */
export class SelectionCache<T extends QueryableJob> {
  private readonly entries = new Map<string, Entry<T>>();

  select(
    source: SelectionSource<T>,
    filter: JobFilter,
    sort: JobSortField,
    order: SortOrder,
  ): readonly T[] {
    const key = JSON.stringify([filter, sort, order]);
    const version = source.version;
    const hit = this.entries.get(key);
    let jobs = hit?.version === version ? hit.jobs : null;
    if (jobs === null && hit) {
      const changed = source.changesSince(hit.version);
      if (changed) jobs = updateSelection(hit.jobs, changed, { source, filter, sort, order });
    }
    jobs ??= selectJobs(source.list(), filter, sort, order);
    // Most recently used last: the oldest entry is evicted first.
    this.entries.delete(key);
    this.entries.set(key, { version, jobs });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return jobs;
  }
}

interface Selection<T> {
  source: Pick<SelectionSource<T>, 'get'>;
  filter: JobFilter;
  sort: JobSortField;
  order: SortOrder;
}

/**
 * The selection `previous` after the jobs `changed` were added, updated or removed, equal to
 * a fresh `selectJobs`: the unchanged jobs keep their order (the comparator is a total order
 * on fields of the job itself), the changed ones that still match are sorted on their own
 * and merged in. A new array; `previous` is left untouched.
 */
export function updateSelection<T extends QueryableJob>(
  previous: readonly T[],
  changed: ReadonlySet<string>,
  { source, filter, sort, order }: Selection<T>,
): readonly T[] {
  if (changed.size === 0) return previous;
  const compare = jobComparator(sort, order);
  const fresh: T[] = [];
  for (const id of changed) {
    const job = source.get(id);
    if (job && matchesFilter(job, filter)) fresh.push(job);
  }
  fresh.sort(compare);
  const merged: T[] = [];
  let next = 0;
  for (const job of previous) {
    if (changed.has(job.id)) continue;
    while (next < fresh.length && compare(fresh[next], job) < 0) merged.push(fresh[next++]);
    merged.push(job);
  }
  while (next < fresh.length) merged.push(fresh[next++]);
  return merged;
}
