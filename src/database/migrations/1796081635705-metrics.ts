import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Utilization samples of the metrics sampler: raw rows (one per cluster and sampling instant)
 * and hourly rows made from raw rows once they age out. The unique key makes a second
 * sampler for the same instant a no-op instead of a duplicate.
 */
export class Metrics1796081635705 implements MigrationInterface {
  name = 'Metrics1796081635705';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE metric_samples (
        id bigserial PRIMARY KEY,
        cluster text NOT NULL,
        resolution text NOT NULL CHECK (resolution IN ('raw', 'hour')),
        ts timestamptz NOT NULL,
        sample_count integer NOT NULL DEFAULT 1 CHECK (sample_count > 0),
        cpu_percent double precision NOT NULL,
        memory_percent double precision NOT NULL,
        gpu_percent double precision NOT NULL,
        cpus_alloc double precision NOT NULL,
        cpus_total double precision NOT NULL,
        memory_alloc_mb double precision NOT NULL,
        memory_total_mb double precision NOT NULL,
        gpus_alloc double precision NOT NULL,
        gpus_total double precision NOT NULL,
        jobs_running double precision NOT NULL,
        jobs_pending double precision NOT NULL,
        pending_wait_seconds double precision NOT NULL,
        sampled_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT metric_samples_cluster_resolution_ts UNIQUE (cluster, resolution, ts)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE metric_samples');
  }
}
