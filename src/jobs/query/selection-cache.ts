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
  /**
   * The ids changed after `version`, each with its item at `version` (undefined: none), or
   * null when unknown (the selection then starts over).
   */
  changesSince(version: number): ReadonlyMap<string, T | undefined> | null;
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
 * from the changed jobs alone (binary searches and one copy) instead of filtering and sorting
 * 20,000 jobs, which kept requests waiting behind it. The arrays handed out are never mutated.
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
      const changes = source.changesSince(hit.version);
      if (changes) jobs = updateSelection(hit.jobs, changes, { source, filter, sort, order });
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
 * The selection `previous` (made at the version `changes` start from) after `changes`, equal
 * to a fresh `selectJobs`. The comparator is a strict total order on fields of the job
 * itself, so binary searches find where each changed job was and where it now belongs:
 * O(k log n) comparisons and one plain copy into a new array; `previous` is left untouched.
 * Null when a job is not where the order puts it (`previous` is not from that version).
 */
export function updateSelection<T extends QueryableJob>(
  previous: readonly T[],
  changes: ReadonlyMap<string, T | undefined>,
  { source, filter, sort, order }: Selection<T>,
): readonly T[] | null {
  const compare = jobComparator(sort, order);
  const drop: number[] = [];
  const add: T[] = [];
  for (const [id, before] of changes) {
    if (before && matchesFilter(before, filter)) {
      const at = lowerBound(previous, before, compare);
      if (previous[at] !== before) return null;
      drop.push(at);
    }
    const now = source.get(id);
    if (now && matchesFilter(now, filter)) add.push(now);
  }
  if (drop.length === 0 && add.length === 0) return previous;
  drop.sort((a, b) => a - b);
  add.sort(compare);
  const addAt = add.map((job) => lowerBound(previous, job, compare));
  const next: T[] = [];
  let d = 0;
  let a = 0;
  for (let i = 0; i < previous.length; i++) {
    while (a < add.length && addAt[a] === i) next.push(add[a++]);
    if (drop[d] === i) d++;
    else next.push(previous[i]);
  }
  while (a < add.length) next.push(add[a++]);
  return next;
}

/** The first index whose job does not sort before `job` (`sorted.length` when none). */
function lowerBound<T>(sorted: readonly T[], job: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(sorted[mid], job) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
