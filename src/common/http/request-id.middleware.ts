import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, requestContext } from './request-context.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * First middleware of the app: assigns `req.requestId`, echoes it as `X-Request-Id` and runs
 * the rest of the request inside the request context.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  // Already set when the hot-read router looked at the request first.
  const requestId =
    (req.requestId as string | undefined) ?? acceptRequestId(req.headers['x-request-id']);
  req.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  requestContext.run({ requestId }, next);
}
