import { Injectable, Logger } from '@nestjs/common';
import { SlurmGateway, type JobHistoryQuery, type JobHistoryRecord } from '@app/slurm-gateway';
import { AppConfig } from '../../config/index.js';

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

/** Most answers kept; old ones are dropped first. */
const MAX_ENTRIES = 200;

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

  /** Accounting's newest record of one job, or null (also when accounting cannot answer). */
  job(cluster: string, id: string): Promise<JobHistoryRecord | null> {
    return this.cached(`${cluster}|job|${id}`, async () => {
      try {
        const client = this.gateway.client(cluster);
        if (!(await client.info()).capabilities.accounting) return null;
        return await client.getJobHistory(id);
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
    if (hit && now - hit.at < this.config.jobs.historyCacheMs) return hit.value;
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
      if (this.cache.size <= MAX_ENTRIES && now - entry.at < this.config.jobs.historyCacheMs) break;
      this.cache.delete(key);
    }
  }
}
