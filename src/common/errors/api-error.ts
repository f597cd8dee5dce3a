import { ErrorCode, httpStatusOf } from './error-code.js';

export type ErrorDetails = Record<string, unknown>;

export interface ApiErrorOptions {
  /** Overrides the code's usual status (e.g. SLURM_ERROR as 400, 404, 409, 503). */
  status?: number;
  cause?: unknown;
  /** Response headers to add (e.g. Retry-After). */
  headers?: Record<string, string>;
}

/**
 * The one error type services throw; the global filter renders it as the envelope
 * `{error: {code, message, details, request_id, timestamp}}`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options: ApiErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = options.status ?? httpStatusOf(code);
    this.headers = options.headers ?? {};
  }

  static notFound(resourceType: string, resourceId: string, message?: string): ApiError {
    const label = resourceType.charAt(0).toUpperCase() + resourceType.slice(1);
    return new ApiError(
      ErrorCode.RESOURCE_NOT_FOUND,
      message ?? `${label} ${resourceId} not found`,
      { resource_type: resourceType, resource_id: resourceId },
    );
  }

  static validation(field: string, message: string): ApiError {
    return new ApiError(ErrorCode.VALIDATION_ERROR, 'Request validation failed', {
      fields: [{ field, messages: [message] }],
    });
  }
}
