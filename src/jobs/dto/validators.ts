import { registerDecorator, type ValidationOptions } from 'class-validator';
import { parseDuration, parseIsoToEpoch, parseMemory } from '../../common/format/index.js';
import { normalizeSignal } from '../actions/signals.js';
import { canonicalState } from '../view/job-state.js';

function define(
  name: string,
  message: string,
  test: (value: unknown) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate: test },
    });
  };
}

/** Slurm --time formats ("30", "4:00:00", "1-12:00:00"), at least one minute. */
export const IsSlurmDuration = (options?: ValidationOptions): PropertyDecorator =>
  define(
    'isSlurmDuration',
    '$property must be a Slurm duration such as "30", "4:00:00" or "1-12:00:00"',
    (value) => typeof value === 'string' && (parseDuration(value) ?? 0) > 0,
    options,
  );

/** Memory sizes such as "64GB", "512MB", "2048" (MB). */
export const IsSlurmMemory = (options?: ValidationOptions): PropertyDecorator =>
  define(
    'isSlurmMemory',
    '$property must be a memory size such as "64GB" or "512MB"',
    (value) => typeof value === 'string' && (parseMemory(value) ?? 0) > 0,
    options,
  );

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An object of environment variables: valid names, string values. */
export const IsEnvironment = (options?: ValidationOptions): PropertyDecorator =>
  define(
    'isEnvironment',
    '$property must map variable names ([A-Za-z_][A-Za-z0-9_]*) to strings',
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.entries(value).every(([k, v]) => ENV_NAME.test(k) && typeof v === 'string'),
    options,
  );

function hasControlCharacters(text: string, allowNewlines: boolean): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    const newline = char === '\n' || char === '\t' || char === '\r';
    if ((code < 0x20 && !(allowNewlines && newline)) || code === 0x7f) return true;
  }
  return false;
}

/** Text without control characters (newlines and tabs too when `allowNewlines`). */
export const IsPlainText = (
  allowNewlines = false,
  options?: ValidationOptions,
): PropertyDecorator =>
  define(
    'isPlainText',
    allowNewlines
      ? '$property must not contain NUL or other control characters'
      : '$property must be one line without control characters',
    (value) => typeof value === 'string' && !hasControlCharacters(value, allowNewlines),
    options,
  );

/** A comma list of job states Slurm knows (names or squeue codes). */
export const IsJobStateList = (options?: ValidationOptions): PropertyDecorator =>
  define(
    'isJobStateList',
    '$property must be job states separated by commas (e.g. "PENDING,RUNNING" or "PD,R")',
    (value) =>
      typeof value === 'string' && splitList(value).every((s) => canonicalState(s) !== null),
    options,
  );

/** An instant as ISO 8601 or epoch seconds. */
export const IsEpochOrIso = (options?: ValidationOptions): PropertyDecorator =>
  define(
    'isEpochOrIso',
    '$property must be an ISO 8601 time or epoch seconds',
    (value) => typeof value === 'string' && parseIsoToEpoch(value) !== null,
    options,
  );

/** A signal name (SIGTERM, TERM) or number (15). */
export const IsSignal = (options?: ValidationOptions): PropertyDecorator =>
  define(
    'isSignal',
    '$property must be a signal name such as SIGTERM or a number from 1 to 64',
    (value) => typeof value === 'string' && normalizeSignal(value) !== null,
    options,
  );

/** "a, b,,c" → ["a", "b", "c"]. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Query strings carry text: "true"/"1" and "false"/"0" become booleans, anything else stays. */
export function toBoolean({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

/** Query strings carry text: digits become a number, anything else stays for the validators. */
export function toInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

/** Job ids may come as JSON numbers; they are strings everywhere else. */
export function toJobIds({ value }: { value: unknown }): unknown {
  const one = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
  return Array.isArray(value) ? value.map(one) : one(value);
}
