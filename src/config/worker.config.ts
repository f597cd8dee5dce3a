import { isIP } from 'node:net';
import type { EnvReader } from './env-reader.js';

export interface WorkerConfig {
  /** Port of the worker's Prometheus listener (GET /metrics); undefined = no listener. */
  metricsPort: number | undefined;
  /** Address that listener binds to. */
  metricsHost: string;
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * WORKER_METRICS_PORT (unset: none), WORKER_METRICS_HOST (127.0.0.1). Read by every process;
 * only the worker (src/worker.ts) opens the listener: the API serves /metrics itself.
 */
export function readWorkerConfig(env: EnvReader): WorkerConfig {
  const metricsHost = env.string('WORKER_METRICS_HOST', '127.0.0.1');
  if (isIP(metricsHost) === 0 && !HOSTNAME.test(metricsHost)) {
    env.fail('WORKER_METRICS_HOST', `must be an IP address or a host name (got "${metricsHost}")`);
  }
  return {
    metricsPort: env.optionalInt('WORKER_METRICS_PORT', { min: 1, max: 65535 }),
    metricsHost,
  };
}
