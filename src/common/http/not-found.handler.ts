import type { Request, Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter.js';
import { routeNotFound } from '../errors/to-api-error.js';

/**
 * Last handler of the express stack: paths outside the /v1 prefix that nothing served
 * (Nest's own not-found handler only covers /v1).
 */
export function notFoundHandler(req: Request, res: Response): void {
  sendError(req, res, routeNotFound(req.method, req.originalUrl.split('?')[0]));
}
