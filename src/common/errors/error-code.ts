/** The error codes of the API's error envelope (spec: "Common Error Codes"). */
export enum ErrorCode {
  INVALID_REQUEST = 'INVALID_REQUEST',
  AUTHENTICATION_FAILED = 'AUTHENTICATION_FAILED',
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  RESOURCE_NOT_FOUND = 'RESOURCE_NOT_FOUND',
  RESOURCE_CONFLICT = 'RESOURCE_CONFLICT',
  RATE_LIMIT_EXCEEDED = 'RATE_LIMIT_EXCEEDED',
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  SLURM_ERROR = 'SLURM_ERROR',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}

/** The HTTP status of each code; SLURM_ERROR's default, refined per failure by the mapper. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.INVALID_REQUEST:
    case ErrorCode.VALIDATION_ERROR:
      return 400;
    case ErrorCode.AUTHENTICATION_FAILED:
      return 401;
    case ErrorCode.PERMISSION_DENIED:
      return 403;
    case ErrorCode.RESOURCE_NOT_FOUND:
      return 404;
    case ErrorCode.RESOURCE_CONFLICT:
      return 409;
    case ErrorCode.RATE_LIMIT_EXCEEDED:
      return 429;
    case ErrorCode.INTERNAL_ERROR:
      return 500;
    case ErrorCode.SLURM_ERROR:
      return 502;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    default:
      return assertUnreachable(code);
  }
}

/** The code for an HTTP status produced outside our code (Nest, body parser, throttler). */
export function errorCodeOfStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.AUTHENTICATION_FAILED;
  if (status === 403) return ErrorCode.PERMISSION_DENIED;
  if (status === 404 || status === 405) return ErrorCode.RESOURCE_NOT_FOUND;
  if (status === 409) return ErrorCode.RESOURCE_CONFLICT;
  if (status === 429) return ErrorCode.RATE_LIMIT_EXCEEDED;
  if (status === 503) return ErrorCode.SERVICE_UNAVAILABLE;
  if (status >= 400 && status < 500) return ErrorCode.INVALID_REQUEST;
  return ErrorCode.INTERNAL_ERROR;
}
