import type { EnvReader } from './env-reader.js';

export interface DatabaseConfig {
  url: string;
  /** Connection pool size per process. */
  poolSize: number;
}

export function readDatabaseConfig(env: EnvReader): DatabaseConfig {
  return {
    url: env.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    poolSize: env.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  };
}
