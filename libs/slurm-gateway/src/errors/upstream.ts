import { SlurmError, type SlurmErrorKind, type SlurmUpstreamError } from '../slurm.error.js';
import { kindFromErrorNumber, kindFromHttpStatus } from './errno-kinds.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The items of slurmrestd's `errors[]`, whatever their spelling:
 * {error_number, error, source, description} (v0.0.40+, 22.05 mostly),
 * {error_code, error} (22.05 submit) and {error, errno} (22.05 nodes).
 */
export function upstreamErrors(body: unknown): SlurmUpstreamError[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(isObject).map((item) => ({
    errorNumber: num(item.error_number) ?? num(item.error_code) ?? num(item.errno),
    error: str(item.error) ?? str(item.description) ?? 'Unknown Slurm error',
    source: str(item.source),
    description: str(item.description),
  }));
}

/** `warnings[]` as plain messages (v0.0.40+; absent on v0.0.38). */
export function upstreamWarnings(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.warnings)) return [];
  return body.warnings
    .map((w) => (isObject(w) ? (str(w.description) ?? str(w.source)) : str(w)))
    .filter((w): w is string => w !== null);
}

/** The one error item that best describes the failure (first with a number, else first). */
function primary(errors: SlurmUpstreamError[]): SlurmUpstreamError | undefined {
  return errors.find((e) => e.errorNumber !== null && e.errorNumber !== 0) ?? errors[0];
}

function messageOf(item: SlurmUpstreamError): string {
  if (item.description && item.description !== item.error) {
    return `${item.error}: ${item.description}`;
  }
  return item.error;
}

export interface FailureInput {
  cluster: string;
  httpStatus: number;
  body: unknown;
  /** Raw text when the body is not JSON (e.g. 401 text/plain). */
  text?: string;
}

/** Build the SlurmError for a failed call; kind from the errno table, else from the status. */
export function failureFromResponse(input: FailureInput): SlurmError {
  const errors = upstreamErrors(input.body);
  const item = primary(errors);
  const errorNumber = item?.errorNumber ?? null;
  let kind: SlurmErrorKind =
    kindFromErrorNumber(errorNumber) ??
    (input.httpStatus >= 200 && input.httpStatus < 300
      ? 'internal'
      : kindFromHttpStatus(input.httpStatus));
  // 22.05 answers almost every failure with 500; a 401/511 is always about credentials.
  if (input.httpStatus === 401 || input.httpStatus === 511) kind = 'unauthorized';
  const fallback = input.text?.trim() ? input.text.trim().slice(0, 500) : null;
  const message = item
    ? messageOf(item)
    : (fallback ?? `slurmrestd answered HTTP ${input.httpStatus}`);
  return new SlurmError({
    kind,
    message,
    cluster: input.cluster,
    errorNumber,
    httpStatus: input.httpStatus,
    warnings: upstreamWarnings(input.body),
    errors,
  });
}

/** True when a response carries a failure: HTTP >= 400 or a non-empty errors[]. */
export function isFailure(httpStatus: number, body: unknown): boolean {
  return httpStatus >= 400 || upstreamErrors(body).length > 0;
}
