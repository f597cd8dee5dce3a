/**
 * The one list of configuration sections. A domain adds its own section by writing
 * `src/config/<domain>.config.ts` (a reader `(env: EnvReader) => Section`) and adding one line
 * here; `AppConfig` then has a typed `<domain>` property.
 */
import { readAuthConfig } from './auth.config.js';
import { readClusterStateConfig } from './cluster-state.config.js';
import { readClustersConfig } from './clusters.config.js';
import { readDatabaseConfig } from './database.config.js';
import { readDocsConfig } from './docs.config.js';
import { readHttpConfig } from './http.config.js';
import { readJobsConfig } from './jobs.config.js';
import { readMetricsConfig } from './metrics.config.js';
import { readRateLimitConfig } from './rate-limit.config.js';
import { readRedisConfig } from './redis.config.js';
import { readWorkerConfig } from './worker.config.js';

export const CONFIG_SECTIONS = {
  http: readHttpConfig,
  database: readDatabaseConfig,
  redis: readRedisConfig,
  clusters: readClustersConfig,
  docs: readDocsConfig,
  metrics: readMetricsConfig,
  auth: readAuthConfig,
  rateLimit: readRateLimitConfig,
  clusterState: readClusterStateConfig,
  jobs: readJobsConfig,
  worker: readWorkerConfig,
} as const;
