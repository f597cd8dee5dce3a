import type { EnvReader } from './env-reader.js';

export interface RateLimitConfig {
  /** Length of one counting window in seconds (3600 in production; small in tests). */
  windowSeconds: number;
  /** Requests per window for each anonymous client IP. */
  anonymousLimit: number;
  freeLimit: number;
  proLimit: number;
  /** Used for enterprise clients without their own custom limit. */
  enterpriseDefaultLimit: number;
}

/**
 * RATE_LIMIT_WINDOW_SECONDS (3600), ANON_RATE_LIMIT (1000), RATE_LIMIT_FREE (1000),
 * RATE_LIMIT_PRO (10000), RATE_LIMIT_ENTERPRISE_DEFAULT (100000).
 */
export function readRateLimitConfig(env: EnvReader): RateLimitConfig {
  const limit = { min: 1, max: 1_000_000_000 };
  return {
    windowSeconds: env.int('RATE_LIMIT_WINDOW_SECONDS', 3600, { min: 1, max: 86_400 }),
    anonymousLimit: env.int('ANON_RATE_LIMIT', 1000, limit),
    freeLimit: env.int('RATE_LIMIT_FREE', 1000, limit),
    proLimit: env.int('RATE_LIMIT_PRO', 10_000, limit),
    enterpriseDefaultLimit: env.int('RATE_LIMIT_ENTERPRISE_DEFAULT', 100_000, limit),
  };
}
