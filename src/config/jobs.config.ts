import type { EnvReader } from './env-reader.js';

export interface JobsConfig {
  /** Working directory of submissions that name none (must exist on the compute nodes). */
  defaultWorkdir: string;
  /** Lines returned by the output routes when `lines` is not given. */
  outputDefaultLines: number;
  /** Most bytes read from the end of an output file for one answer. */
  outputMaxBytes: number;
  /** How often a followed output file is checked for new lines. */
  followPollMs: number;
  /** Window of accounting reads for finished-state lists without start_time (hours back). */
  historyDefaultHours: number;
  /** How long an accounting answer is reused by identical list/detail reads. */
  historyCacheMs: number;
  /** How long an Idempotency-Key keeps its first answer. */
  idempotencyTtlHours: number;
  /** Submission records (command, environment) are kept this long. */
  submissionRetentionDays: number;
}

/**
 * JOBS_DEFAULT_WORKDIR (/tmp), JOBS_OUTPUT_DEFAULT_LINES (100), JOBS_OUTPUT_MAX_BYTES (8 MiB),
 * JOBS_FOLLOW_POLL_MS (1000), JOBS_HISTORY_DEFAULT_HOURS (24), JOBS_HISTORY_CACHE_MS (5000),
 * JOBS_IDEMPOTENCY_TTL_HOURS (24), JOBS_SUBMISSION_RETENTION_DAYS (30).
 */
export function readJobsConfig(env: EnvReader): JobsConfig {
  const defaultWorkdir = env.string('JOBS_DEFAULT_WORKDIR', '/tmp');
  if (!defaultWorkdir.startsWith('/')) {
    env.fail('JOBS_DEFAULT_WORKDIR', `must be an absolute path (got "${defaultWorkdir}")`);
  }
  return {
    defaultWorkdir,
    outputDefaultLines: env.int('JOBS_OUTPUT_DEFAULT_LINES', 100, { min: 1, max: 10_000 }),
    outputMaxBytes: env.int('JOBS_OUTPUT_MAX_BYTES', 8 * 1024 * 1024, {
      min: 1024,
      max: 256 * 1024 * 1024,
    }),
    followPollMs: env.int('JOBS_FOLLOW_POLL_MS', 1000, { min: 50, max: 60_000 }),
    historyDefaultHours: env.int('JOBS_HISTORY_DEFAULT_HOURS', 24, { min: 1, max: 24 * 366 }),
    historyCacheMs: env.int('JOBS_HISTORY_CACHE_MS', 5000, { min: 0, max: 600_000 }),
    idempotencyTtlHours: env.int('JOBS_IDEMPOTENCY_TTL_HOURS', 24, { min: 1, max: 24 * 30 }),
    submissionRetentionDays: env.int('JOBS_SUBMISSION_RETENTION_DAYS', 30, { min: 1, max: 3650 }),
  };
}
