import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { nowIso } from '../format/index.js';
import { newRequestId } from '../http/request-context.js';
import type { ApiError } from './api-error.js';
import { ErrorCode } from './error-code.js';
import type { ErrorEnvelope } from './error-envelope.js';
import { toApiError } from './to-api-error.js';

const logger = new Logger('Errors');

export function envelopeOf(error: ApiError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      details: error.details,
      request_id: requestId,
      timestamp: nowIso(),
    },
  };
}

/** Unexpected errors are logged with their stack; upstream failures (5xx) as a warning. */
function logFailure(route: string, error: ApiError, thrown: unknown, requestId: string): void {
  if (error.status < 500) return;
  const cause = error.cause ?? thrown;
  const message = `${route} failed: ${cause instanceof Error ? cause.message : String(cause)}`;
  const meta = { request_id: requestId, code: error.code, status: error.status };
  if (error.code === ErrorCode.INTERNAL_ERROR) {
    logger.error(message, cause instanceof Error ? cause.stack : undefined, meta);
  } else {
    logger.warn(message, meta);
  }
}

/** Writes `error` as the envelope; used by the filter and by middleware outside Nest's pipeline. */
export function sendError(req: Request, res: Response, thrown: unknown): void {
  const path = req.originalUrl.split('?')[0];
  const error = toApiError(thrown, req.method, path);
  const requestId = req.requestId ?? newRequestId();
  logFailure(`${req.method} ${path}`, error, thrown, requestId);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.setHeader('X-Request-Id', requestId);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(envelopeOf(error, requestId));
}

/** The one place where every HTTP error becomes the documented envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      logger.error(exception instanceof Error ? exception.stack : String(exception));
      return;
    }
    const http = host.switchToHttp();
    sendError(http.getRequest<Request>(), http.getResponse<Response>(), exception);
  }
}
