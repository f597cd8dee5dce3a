import type { SlurmError } from '@app/slurm-gateway';
import { ApiError } from './api-error.js';
import { assertUnreachable, ErrorCode } from './error-code.js';

/** What the caller was looking for, so "not found in Slurm" can become RESOURCE_NOT_FOUND. */
export interface SlurmErrorContext {
  resourceType: string;
  resourceId: string;
}

function statusOf(error: SlurmError): number {
  switch (error.kind) {
    case 'not_found':
      return 404;
    case 'invalid':
      return 400;
    case 'conflict':
      return 409;
    case 'unavailable':
      // Unreachable (refused, timeout) → 503; reachable but failing upstream → 502.
      return error.httpStatus === null ? 503 : 502;
    case 'unauthorized':
    case 'internal':
      // The gateway's own credentials or slurmrestd failed: not the caller's fault.
      return 502;
    default:
      return assertUnreachable(error.kind);
  }
}

/**
 * Turns a SlurmError into the ApiError the client sees: SLURM_ERROR with a fitting status and
 * Slurm's own message and error number; with a context, not_found becomes RESOURCE_NOT_FOUND.
 */
export function slurmErrorToApi(error: SlurmError, context?: SlurmErrorContext): ApiError {
  if (error.kind === 'not_found' && context) {
    const notFound = ApiError.notFound(context.resourceType, context.resourceId);
    return new ApiError(
      notFound.code,
      notFound.message,
      { ...notFound.details, cluster: error.cluster },
      { cause: error },
    );
  }
  return new ApiError(
    ErrorCode.SLURM_ERROR,
    `Slurm cluster ${error.cluster}: ${error.message}`,
    {
      cluster: error.cluster,
      slurm_error: error.kind,
      slurm_error_number: error.errorNumber,
    },
    { status: statusOf(error), cause: error },
  );
}
