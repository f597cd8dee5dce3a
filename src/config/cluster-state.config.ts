import type { EnvReader } from './env-reader.js';

export interface ClusterStateConfig {
  /** How often the leader polls job states (GET jobs/state, or the update_time list on 22.05). */
  pollMs: number;
  /**
   * Share (0–1] of the time between job polls that one poll may take: a slower poll spaces
   * the next out (at most pollDuty busy, at most 2 × pollMs apart), so the poller's load on
   * slurmrestd grows less than the cluster. 1: polls follow each other without a pause.
   */
  pollDuty: number;
  /** How often the leader lists nodes. */
  nodePollMs: number;
  /**
   * Every job's details (priority, reason and the other fields a state poll cannot see) are
   * read again at least this often — a few jobs per poll on slurmrestd v0.0.40+ (see
   * sweepPerPoll), a complete list on 22.05.
   */
  fullRefreshMs: number;
  /** Time-to-live of the leader lock; a dead leader is replaced within about this long. */
  lockTtlMs: number;
  /** Parallel GET job/{id} calls of the leader. */
  fetchConcurrency: number;
  /** At most this many overdue jobs re-read per poll (v0.0.40+): bounds the sweep's load. */
  sweepPerPoll: number;
  /** How long a request waits for a snapshot that has never been loaded. */
  readyTimeoutMs: number;
  /** Whether this process may become a poller (false: it only reads the shared snapshot). */
  poller: boolean;
  /** Prefix of the Redis keys and channels (separates deployments sharing one Redis). */
  redisPrefix: string;
}

/**
 * CLUSTER_STATE_POLL_MS (2000), CLUSTER_STATE_POLL_DUTY_PERCENT (20), CLUSTER_STATE_NODE_POLL_MS (5000),
 * CLUSTER_STATE_FULL_REFRESH_MS (600000), CLUSTER_STATE_LOCK_TTL_MS (6000),
 * CLUSTER_STATE_FETCH_CONCURRENCY (6), CLUSTER_STATE_SWEEP_PER_POLL (25),
 * CLUSTER_STATE_READY_TIMEOUT_MS (60000), CLUSTER_STATE_POLLER (true),
 * CLUSTER_STATE_REDIS_PREFIX (s9s:cs).
 */
export function readClusterStateConfig(env: EnvReader): ClusterStateConfig {
  const redisPrefix = env.string('CLUSTER_STATE_REDIS_PREFIX', 's9s:cs');
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(redisPrefix)) {
    env.fail('CLUSTER_STATE_REDIS_PREFIX', 'use 1 to 64 letters, digits and : _ . -');
  }
  return {
    pollMs: env.int('CLUSTER_STATE_POLL_MS', 2000, { min: 100, max: 600_000 }),
    pollDuty: env.int('CLUSTER_STATE_POLL_DUTY_PERCENT', 20, { min: 1, max: 100 }) / 100,
    nodePollMs: env.int('CLUSTER_STATE_NODE_POLL_MS', 5000, { min: 100, max: 600_000 }),
    fullRefreshMs: env.int('CLUSTER_STATE_FULL_REFRESH_MS', 600_000, {
      min: 1000,
      max: 86_400_000,
    }),
    lockTtlMs: env.int('CLUSTER_STATE_LOCK_TTL_MS', 6000, { min: 1000, max: 600_000 }),
    fetchConcurrency: env.int('CLUSTER_STATE_FETCH_CONCURRENCY', 6, { min: 1, max: 64 }),
    sweepPerPoll: env.int('CLUSTER_STATE_SWEEP_PER_POLL', 25, { min: 0, max: 10_000 }),
    readyTimeoutMs: env.int('CLUSTER_STATE_READY_TIMEOUT_MS', 60_000, {
      min: 0,
      max: 3_600_000,
    }),
    poller: env.bool('CLUSTER_STATE_POLLER', true),
    redisPrefix,
  };
}
