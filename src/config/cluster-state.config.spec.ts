import { readClusterStateConfig } from './cluster-state.config.js';
import { EnvReader } from './env-reader.js';

describe('readClusterStateConfig', () => {
  it('has defaults suited to production', () => {
    const env = new EnvReader({});
    expect(readClusterStateConfig(env)).toEqual({
      pollMs: 2000,
      pollDuty: 0.2,
      nodePollMs: 5000,
      fullRefreshMs: 600_000,
      lockTtlMs: 6000,
      fetchConcurrency: 6,
      sweepPerPoll: 25,
      readyTimeoutMs: 60_000,
      poller: true,
      redisPrefix: 's9s:cs',
    });
    expect(env.issues).toEqual([]);
  });

  it('reads every variable and names each bad one', () => {
    const good = new EnvReader({
      CLUSTER_STATE_POLL_MS: '500',
      CLUSTER_STATE_POLLER: 'false',
      CLUSTER_STATE_FULL_REFRESH_MS: '60000',
      CLUSTER_STATE_POLL_DUTY_PERCENT: '100',
    });
    expect(readClusterStateConfig(good)).toMatchObject({
      pollMs: 500,
      pollDuty: 1,
      poller: false,
      fullRefreshMs: 60_000,
    });
    const bad = new EnvReader({
      CLUSTER_STATE_POLL_MS: 'fast',
      CLUSTER_STATE_LOCK_TTL_MS: '10',
      CLUSTER_STATE_REDIS_PREFIX: 'a b',
      CLUSTER_STATE_POLL_DUTY_PERCENT: '0',
    });
    readClusterStateConfig(bad);
    expect(bad.issues.map((i) => i.variable)).toEqual([
      'CLUSTER_STATE_REDIS_PREFIX',
      'CLUSTER_STATE_POLL_MS',
      'CLUSTER_STATE_POLL_DUTY_PERCENT',
      'CLUSTER_STATE_LOCK_TTL_MS',
    ]);
  });
});
