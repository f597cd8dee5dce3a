import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, ErrorCode, sendError } from '../common/errors/index.js';
import { rateLimitHeaders } from '../rate-limit/rate-limit.math.js';
import { RateLimitService } from '../rate-limit/rate-limit.service.js';
import { AuthenticationService, type AuthOutcome } from './authentication.service.js';
import type { Principal } from './principal.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who sent the request (set by the auth middleware before any route runs). */
    auth?: AuthOutcome;
    principal?: Principal;
  }
}

/**
 * First two steps of every request, before any route (so unknown routes, the docs and the
 * OpenAPI document are covered too): authenticate, then count the request against the
 * principal's budget (or the client IP's when anonymous or when the credentials failed) and
 * send the X-RateLimit-* headers. Authorization (401/403) is the guard's job: only the route
 * knows whether it is public and which scopes it needs.
 */
@Injectable()
export class AuthMiddleware {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly rateLimit: RateLimitService,
  ) {}

  readonly handler: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    this.run(req, res).then(
      () => next(),
      (error: unknown) => sendError(req, res, error),
    );
  };

  private async run(req: Request, res: Response): Promise<void> {
    const outcome = await this.authentication.authenticate(req);
    req.auth = outcome;
    if (outcome.kind === 'authenticated') req.principal = outcome.principal;
    const [subject, limit] =
      outcome.kind === 'authenticated'
        ? [`client:${outcome.principal.id}`, outcome.principal.rateLimit]
        : [`ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, this.rateLimit.anonymousLimit];
    const decision = await this.rateLimit.consume(subject, limit);
    const headers = rateLimitHeaders(decision);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (!decision.allowed) {
      throw new ApiError(
        ErrorCode.RATE_LIMIT_EXCEEDED,
        `Rate limit of ${limit} requests per ${decision.windowSeconds} s exceeded; retry after ${decision.retryAfterSeconds} s`,
        {
          limit,
          window_seconds: decision.windowSeconds,
          retry_after_seconds: decision.retryAfterSeconds,
        },
        { headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
      );
    }
  }
}
