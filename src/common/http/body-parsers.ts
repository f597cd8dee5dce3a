import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { sendError } from '../errors/all-exceptions.filter.js';

/** Runs `parser` and answers its failures (bad JSON, too large) with the error envelope. */
function enveloped(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void parser(req, res, (error?: unknown) => {
      if (error === undefined || error === null) next();
      else sendError(req, res, error);
    });
  };
}

/** JSON and form bodies (OAuth token requests are form-encoded), both size-limited. */
export function jsonBodyParsers(limitBytes: number): RequestHandler[] {
  return [
    enveloped(express.json({ limit: limitBytes })),
    enveloped(express.urlencoded({ limit: limitBytes, extended: false })),
  ];
}
