import { Injectable, Logger } from '@nestjs/common';
import { SlurmGateway, type JobHistoryQuery, type JobHistoryRecord } from '@app/slurm-gateway';
import { AppConfig } from '../../config/index.js';

interface Cached<T> {
  at: number;
  value: Promise<T>;
  /** Overrides JOBS_HISTORY_CACHE_MS for this entry once its value is known. */
  ttlMs?: number;
}

/** Most answers kept; old ones are dropped first. */
const MAX_ENTRIES = 5000;
/**
 * A pending job's accounting record (submit line, no usage yet) does not change until the
 * job starts: clients polling the details of many pending jobs must not become one slurmdbd
 * query each every few seconds.
 */
const PENDING_RECORD_TTL_MS = 300_000;

/**
 * The jobs module's reads of Slurm accounting. Identical reads within JOBS_HISTORY_CACHE_MS
 * share one slurmdbd query (concurrent ones share the request in flight), so many clients
 * listing finished jobs do not multiply the load on slurmdbd. Clusters without accounting
 * have no history.
 */
@Injectable()
export class JobHistoryReader {
  private readonly logger = new Logger(JobHistoryReader.name);
  private readonly cache = new Map<string, Cached<unknown>>();

  constructor(
    private readonly gateway: SlurmGateway,
    private readonly config: AppConfig,
  ) {}

  /** Records matching `query`; `key` names the query for the cache (its time window may drift). */
  list(cluster: string, key: string, query: () => JobHistoryQuery): Promise<JobHistoryRecord[]> {
    return this.cached(`${cluster}|list|${key}`, async () => {
      const client = this.gateway.client(cluster);
      if (!(await client.info()).capabilities.accounting) return [];
      return client.listJobHistory(query());
    });
  }

  /**
   * Accounting's newest record of one job, or null (also when accounting cannot answer).
   * `pending`: the job has not started, so a record found stays valid for minutes.
   */
  job(cluster: string, id: string, { pending = false } = {}): Promise<JobHistoryRecord | null> {
    const key = `${cluster}|job|${id}`;
    const hit = this.cache.get(key);
    if (hit && !pending && hit.ttlMs !== undefined) hit.ttlMs = undefined; // it started meanwhile
    return this.cached(key, async () => {
      try {
        const client = this.gateway.client(cluster);
        if (!(await client.info()).capabilities.accounting) return null;
        const record = await client.getJobHistory(id);
        const entry = this.cache.get(key);
        if (pending && record !== null && entry) entry.ttlMs = PENDING_RECORD_TTL_MS;
        return record;
      } catch (error) {
        // Details of live jobs must not fail because slurmdbd is slow or down.
        this.logger.warn(
          `accounting record of job ${id} on ${cluster} unavailable: ${String(error)}`,
        );
        return null;
      }
    });
  }

  /** Forgets what is known about one job (after a mutation). */
  forgetJob(cluster: string, id: string): void {
    this.cache.delete(`${cluster}|job|${id}`);
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key) as Cached<T> | undefined;
    if (hit && now - hit.at < (hit.ttlMs ?? this.config.jobs.historyCacheMs)) return hit.value;
    const entry: Cached<T> = { at: now, value: load() };
    this.cache.delete(key);
    this.cache.set(key, entry);
    // A failed read is not reused.
    entry.value.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    this.evict(now);
    return entry.value;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.cache) {
      const ttl = entry.ttlMs ?? this.config.jobs.historyCacheMs;
      if (this.cache.size <= MAX_ENTRIES && now - entry.at < ttl) break;
      this.cache.delete(key);
    }
  }
}
