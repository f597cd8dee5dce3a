import {
  selectJobs,
  type JobFilter,
  type JobSortField,
  type QueryableJob,
  type SortOrder,
} from './job-query.js';

interface Entry<T> {
  version: number;
  jobs: T[];
}

/** Distinct filter/sort combinations remembered per cluster. */
const MAX_ENTRIES = 64;

/**
 * Sorted selections of a snapshot, recomputed only when the snapshot changed: many clients
 * paging through the same list (a dashboard, a benchmark) share one filter-and-sort pass
 * per snapshot version instead of sorting 20,000 jobs per request.
 */
export class SelectionCache<T extends QueryableJob> {
  private readonly entries = new Map<string, Entry<T>>();

  select(
    source: { version: number; all(): T[] },
    filter: JobFilter,
    sort: JobSortField,
    order: SortOrder,
  ): T[] {
    const key = JSON.stringify([filter, sort, order]);
    const version = source.version;
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Most recently used last: the oldest entry is evicted first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.jobs;
    }
    const jobs = selectJobs(source.all(), filter, sort, order);
    this.entries.delete(key);
    this.entries.set(key, { version, jobs });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return jobs;
  }
}
