import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LogLevelName } from '../../config/http.config.js';
import { currentRequestId } from '../http/request-context.js';

type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

/**
 * Nest's JSON console logger plus the request id of the current request (when there is one),
 * with common secret-bearing keys masked.
 */
export class JsonLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: JsonLogOptions,
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const entry = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    if (requestId !== undefined && entry.request_id === undefined) entry.request_id = requestId;
    return entry;
  }
}

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** LOG_LEVEL=info → the levels Nest enables (everything at or above it). */
export function logLevelsFor(level: LogLevelName): LogLevel[] {
  const nestLevel: LogLevel = level === 'info' ? 'log' : level;
  return ORDER.slice(0, ORDER.indexOf(nestLevel) + 1);
}

export const REDACTED_KEYS = [
  'password',
  'secret',
  'client_secret',
  'token',
  'access_token',
  'authorization',
  'api_key',
  'apiKey',
  'x-api-key',
];

export function createLogger(level: LogLevelName, format: 'json' | 'text'): ConsoleLogger {
  const options = { logLevels: logLevelsFor(level), redact: REDACTED_KEYS };
  return format === 'json'
    ? new JsonLogger({ ...options, json: true, flattenParams: true })
    : new ConsoleLogger(options);
}
