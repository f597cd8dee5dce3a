import { EnvReader } from './env-reader.js';
import { readMetricsConfig } from './metrics.config.js';

describe('readMetricsConfig', () => {
  it('has a one-minute sampler, a week of raw samples and 90 days of hourly rows by default', () => {
    const env = new EnvReader({});
    expect(readMetricsConfig(env)).toEqual({
      sampleIntervalMs: 60_000,
      samplerEnabled: true,
      rawRetentionDays: 7,
      hourlyRetentionDays: 90,
      retentionIntervalMs: 3_600_000,
      clusterCacheMs: 5000,
    });
    expect(env.issues).toEqual([]);
  });

  it('names each bad variable', () => {
    const env = new EnvReader({
      METRICS_SAMPLE_INTERVAL_MS: '10',
      METRICS_SAMPLER_ENABLED: 'maybe',
      METRICS_RAW_RETENTION_DAYS: '30',
      METRICS_HOURLY_RETENTION_DAYS: '14',
    });
    readMetricsConfig(env);
    expect(env.issues.map((i) => i.variable)).toEqual([
      'METRICS_HOURLY_RETENTION_DAYS',
      'METRICS_SAMPLE_INTERVAL_MS',
      'METRICS_SAMPLER_ENABLED',
    ]);
  });
});
