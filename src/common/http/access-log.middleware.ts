import type { ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/**
 * Writes the request's log line once `res` is finished. `path` is without the query string:
 * it may carry secrets.
 */
export function logWhenFinished(
  res: ServerResponse,
  method: string,
  path: string,
  requestId: string,
): void {
  if (!Logger.isLevelEnabled('log')) return; // LOG_LEVEL above info: no line to write
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logger.log(`${method} ${path} ${res.statusCode}`, {
      method,
      path,
      status: res.statusCode,
      duration_ms: Math.round(durationMs * 10) / 10,
      request_id: requestId,
    });
  });
}

/** One log line per finished request. */
export function accessLogMiddleware(req: Request, res: Response, next: NextFunction): void {
  logWhenFinished(res, req.method, req.originalUrl.split('?')[0], req.requestId);
  next();
}
