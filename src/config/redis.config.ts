import type { EnvReader } from './env-reader.js';

export interface RedisConfig {
  url: string;
}

export function readRedisConfig(env: EnvReader): RedisConfig {
  return { url: env.url('REDIS_URL', ['redis:', 'rediss:']) };
}
