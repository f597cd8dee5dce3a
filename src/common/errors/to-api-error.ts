import { HttpException, NotFoundException } from '@nestjs/common';
import { isSlurmError } from '@app/slurm-gateway';
import { ApiError } from './api-error.js';
import { ErrorCode, errorCodeOfStatus } from './error-code.js';
import { slurmErrorToApi } from './slurm-error.mapper.js';

/** Errors of the body parser (http-errors) carry a status and a type such as entity.parse.failed. */
interface ParserError {
  status: number;
  type?: string;
  expose?: boolean;
}

function isParserError(error: unknown): error is ParserError {
  const candidate = error as Partial<ParserError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

function fromParser(error: ParserError): ApiError {
  switch (error.type ?? '') {
    case 'entity.parse.failed':
      return new ApiError(ErrorCode.INVALID_REQUEST, 'Malformed JSON in request body');
    case 'entity.too.large':
      return new ApiError(ErrorCode.INVALID_REQUEST, 'Request body too large', {}, { status: 413 });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(
        ErrorCode.INVALID_REQUEST,
        'Unsupported request body encoding',
        {},
        {
          status: 415,
        },
      );
    default:
      return new ApiError(
        ErrorCode.INVALID_REQUEST,
        'Malformed request',
        {},
        {
          status: error.status,
        },
      );
  }
}

/** The answer to a request no route matches. */
export function routeNotFound(method: string, path: string): ApiError {
  return new ApiError(ErrorCode.RESOURCE_NOT_FOUND, `No route for ${method} ${path}`, {
    method,
    path,
  });
}

function fromHttpException(error: HttpException, method: string, path: string): ApiError {
  const status = error.getStatus();
  // Nest's router answers unknown routes with NotFoundException("Cannot GET /x").
  if (error instanceof NotFoundException && error.message.startsWith('Cannot ')) {
    return routeNotFound(method, path);
  }
  const code = errorCodeOfStatus(status);
  const message = status >= 500 ? 'Internal server error' : error.message;
  return new ApiError(code, message, {}, { status });
}

/**
 * Every thrown value → the ApiError that will be rendered. Unknown errors become a bare
 * 500 INTERNAL_ERROR: their message and stack go to the log, never to the client.
 */
export function toApiError(error: unknown, method: string, path: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isSlurmError(error)) return slurmErrorToApi(error);
  if (error instanceof HttpException) return fromHttpException(error, method, path);
  if (isParserError(error)) return fromParser(error);
  return new ApiError(ErrorCode.INTERNAL_ERROR, 'Internal server error', {}, { cause: error });
}
