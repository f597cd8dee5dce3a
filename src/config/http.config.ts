import type { EnvReader } from './env-reader.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface HttpConfig {
  port: number;
  host: string;
  logLevel: LogLevelName;
  /** `json` (default): one JSON object per line; `text`: Nest's coloured console format. */
  logFormat: 'json' | 'text';
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Whether `@HotRead()` routes are answered before Express (HotReadsRouter). */
  hotReads: boolean;
}

export function readHttpConfig(env: EnvReader): HttpConfig {
  return {
    port: env.int('PORT', 3000, { min: 0, max: 65535 }),
    host: env.string('HOST', '0.0.0.0'),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: env.oneOf('LOG_FORMAT', ['json', 'text'] as const, 'json'),
    bodyLimitBytes: env.int('BODY_LIMIT_BYTES', 1024 * 1024, { min: 1024 }),
    hotReads: env.bool('HTTP_HOT_READS', true),
  };
}
