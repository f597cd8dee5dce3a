/** Every upstream failure becomes one SlurmError, in one place (transport + adapters). */

export type SlurmErrorKind =
  'not_found' | 'invalid' | 'conflict' | 'unavailable' | 'unauthorized' | 'internal';

/** One item of slurmrestd's `errors[]`. */
export interface SlurmUpstreamError {
  errorNumber: number | null;
  error: string;
  source: string | null;
  description: string | null;
}

export interface SlurmErrorInit {
  kind: SlurmErrorKind;
  message: string;
  cluster: string;
  errorNumber?: number | null;
  httpStatus?: number | null;
  warnings?: string[];
  errors?: SlurmUpstreamError[];
  cause?: unknown;
}

export class SlurmError extends Error {
  readonly kind: SlurmErrorKind;
  /** Slurm's error number (errno / ESLURM_*), null when the failure is not Slurm's. */
  readonly errorNumber: number | null;
  /** HTTP status from slurmrestd, null when no response came back. */
  readonly httpStatus: number | null;
  readonly cluster: string;
  readonly warnings: string[];
  readonly errors: SlurmUpstreamError[];

  constructor(init: SlurmErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SlurmError';
    this.kind = init.kind;
    this.cluster = init.cluster;
    this.errorNumber = init.errorNumber ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.warnings = init.warnings ?? [];
    this.errors = init.errors ?? [];
  }
}

export function isSlurmError(value: unknown): value is SlurmError {
  return value instanceof SlurmError;
}
