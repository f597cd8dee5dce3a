import type { Logger } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';

/** First key of the sampler's advisory locks ("S9MS"); the second is hashtext(cluster). */
export const SAMPLER_LOCK_CLASS = 0x53394d53;

/**
 * Leadership of the metrics sampler, one Postgres session-level advisory lock per cluster
 * held on a dedicated connection. When the holding process dies its connection closes,
 * Postgres drops the lock, and the next process to try takes over: no lease to expire.
 */
export class SamplerLock {
  private runner: QueryRunner | null = null;
  private readonly held = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** True when this process holds (or just took) the lock of `cluster`. */
  async hold(cluster: string): Promise<boolean> {
    try {
      const runner = await this.connection();
      if (this.held.has(cluster)) {
        // The lock lives as long as the session: a live connection means it is still ours.
        await runner.query('SELECT 1');
        return true;
      }
      const rows = (await runner.query(
        'SELECT pg_try_advisory_lock($1::int4, hashtext($2)) AS locked',
        [SAMPLER_LOCK_CLASS, cluster],
      )) as { locked: boolean }[];
      if (rows[0]?.locked === true) {
        this.held.add(cluster);
        this.logger.log(`metrics sampler: this process now samples cluster ${cluster}`);
        return true;
      }
      return false;
    } catch (error) {
      this.logger.warn(`metrics sampler: lock connection failed: ${String(error)}`);
      await this.drop();
      return false;
    }
  }

  isHeld(cluster: string): boolean {
    return this.held.has(cluster);
  }

  /** Gives every lock back (shutdown). */
  async releaseAll(): Promise<void> {
    const runner = this.runner;
    if (!runner) return;
    for (const cluster of this.held) {
      await runner
        .query('SELECT pg_advisory_unlock($1::int4, hashtext($2))', [SAMPLER_LOCK_CLASS, cluster])
        .catch(() => undefined);
    }
    await this.drop();
  }

  private async connection(): Promise<QueryRunner> {
    if (this.runner && !this.runner.isReleased) return this.runner;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    this.runner = runner;
    return runner;
  }

  private async drop(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.held.clear();
    if (runner && !runner.isReleased) await runner.release().catch(() => undefined);
  }
}
