import type { EnvReader } from './env-reader.js';

export interface MetricsConfig {
  /** Sampling period of the utilization sampler (one sampler per cluster across processes). */
  sampleIntervalMs: number;
  /** Whether this process takes part in the sampler election at all. */
  samplerEnabled: boolean;
  /** Raw samples older than this are folded into hourly rows. */
  rawRetentionDays: number;
  /** Hourly rows older than this are deleted. */
  hourlyRetentionDays: number;
  /** How often the sampler leader runs downsampling and retention. */
  retentionIntervalMs: number;
  /** How long the accounting part of /v1/metrics/cluster is reused (0 = every request asks). */
  clusterCacheMs: number;
}

/**
 * METRICS_SAMPLE_INTERVAL_MS (60000), METRICS_SAMPLER_ENABLED (true),
 * METRICS_RAW_RETENTION_DAYS (7), METRICS_HOURLY_RETENTION_DAYS (90),
 * METRICS_RETENTION_INTERVAL_MS (3600000), METRICS_CLUSTER_CACHE_MS (5000).
 */
export function readMetricsConfig(env: EnvReader): MetricsConfig {
  const rawRetentionDays = env.int('METRICS_RAW_RETENTION_DAYS', 7, { min: 1, max: 366 });
  const hourlyRetentionDays = env.int('METRICS_HOURLY_RETENTION_DAYS', 90, {
    min: 1,
    max: 3660,
  });
  if (hourlyRetentionDays < rawRetentionDays) {
    env.fail(
      'METRICS_HOURLY_RETENTION_DAYS',
      'must not be shorter than METRICS_RAW_RETENTION_DAYS',
    );
  }
  return {
    sampleIntervalMs: env.int('METRICS_SAMPLE_INTERVAL_MS', 60_000, {
      min: 200,
      max: 3_600_000,
    }),
    samplerEnabled: env.bool('METRICS_SAMPLER_ENABLED', true),
    rawRetentionDays,
    hourlyRetentionDays,
    retentionIntervalMs: env.int('METRICS_RETENTION_INTERVAL_MS', 3_600_000, {
      min: 1000,
      max: 86_400_000,
    }),
    clusterCacheMs: env.int('METRICS_CLUSTER_CACHE_MS', 5000, { min: 0, max: 600_000 }),
  };
}
