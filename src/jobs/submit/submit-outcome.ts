import { isSlurmError, type Job } from '@app/slurm-gateway';
import { assertUnreachable } from '../../common/errors/index.js';

/**
 * The comment that marks the job of one submission in Slurm, so that a submission whose
 * answer was lost can find its job. The API never shows a job's comment.
 */
export function submissionMarker(submissionId: string): string {
  return `s9s:${submissionId}`;
}

/** The job carrying `marker`, if any. */
export function findMarked(jobs: Iterable<Job>, marker: string): Job | undefined {
  for (const job of jobs) if (job.comment === marker) return job;
  return undefined;
}

/**
 * 'unavailable' answers slurmctld gave itself (a refusal) or that say it was never reached:
 * connect failure, cannot create the job record, standby controller, submissions disabled,
 * database down.
 */
const DEFINITE_UNAVAILABLE = new Set([1800, 2007, 2027, 2105, 2131, 7000, 7008]);

/** Connection failures before anything was sent. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

function codeOf(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether a failed submit may nevertheless have created the job: the request may have
 * reached slurmctld and only the answer was lost (timeout, reset connection, a proxy's 502
 * or 504, slurmrestd losing slurmctld's reply), or slurmrestd accepted it and its answer
 * could not be read. Refusals (invalid, not_found, conflict, unauthorized) are definite.
 */
export function isUnknownOutcome(error: unknown): boolean {
  if (!isSlurmError(error)) return false;
  switch (error.kind) {
    case 'unavailable':
      if (error.errorNumber !== null && DEFINITE_UNAVAILABLE.has(error.errorNumber)) return false;
      return !NOT_SENT.has(codeOf(error.cause) ?? '');
    case 'internal':
      // An error status (500 without a known error number) is slurmrestd's own answer.
      return error.httpStatus === null || (error.httpStatus >= 200 && error.httpStatus < 300);
    case 'invalid':
    case 'not_found':
    case 'conflict':
    case 'unauthorized':
      return false;
    default:
      return assertUnreachable(error.kind);
  }
}

/** What became of a submission whose answer was lost. */
export type SubmitResolution =
  | { kind: 'found'; job: Job }
  /** Slurm has no job with the marker: the submission did not happen. */
  | { kind: 'absent' }
  /** Slurm could not be asked in time: the job may exist. */
  | { kind: 'unknown'; reason: string };
