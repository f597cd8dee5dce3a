import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, ErrorCode, sendError } from '../common/errors/index.js';
import type { HeaderSink } from '../common/http/json-body.js';
import { rateLimitHeaders, type RateLimitDecision } from '../rate-limit/rate-limit.math.js';
import { RateLimitService } from '../rate-limit/rate-limit.service.js';
import { AuthenticationService, type AuthOutcome } from './authentication.service.js';
import type { Principal } from './principal.js';

/** Who sent a request and how it counts against its rate limit. */
export interface Admission {
  outcome: AuthOutcome;
  limit: number;
  decision: RateLimitDecision;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Who sent the request (set by the auth middleware before any route runs). */
    auth?: AuthOutcome;
    principal?: Principal;
  }
}

/** Admissions made before Express saw the request (by the hot-read router), by request. */
const admitted = new WeakMap<IncomingMessage, Admission>();

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
    const early = admitted.get(req);
    (early ? Promise.resolve(early) : this.admit(req, req.ip ?? req.socket.remoteAddress))
      .then((admission) => this.apply(req, res, admission))
      .then(
        () => next(),
        (error: unknown) => sendError(req, res, error),
      );
  };

  /**
   * Authenticates `req` and counts it once. `clientIp` is the rate-limit subject of anonymous
   * and failed requests (Express's `req.ip`, which honours `trust proxy`).
   */
  async admit(req: Request, clientIp: string | undefined): Promise<Admission> {
    return this.count(await this.authentication.authenticate(req), clientIp);
  }

  /**
   * The admission of a request with valid credentials, counted once; undefined (nothing
   * counted) when it has none or they fail, since only Express knows the client's address
   * behind a trusted proxy. Pass the admission on with `admitted()`.
   */
  async admitAuthenticated(req: IncomingMessage): Promise<Admission | undefined> {
    const outcome = await this.authentication.authenticate(req);
    return outcome.kind === 'authenticated' ? this.count(outcome, undefined) : undefined;
  }

  private async count(outcome: AuthOutcome, clientIp: string | undefined): Promise<Admission> {
    const [subject, limit] =
      outcome.kind === 'authenticated'
        ? [`client:${outcome.principal.id}`, outcome.principal.rateLimit]
        : [`ip:${clientIp ?? 'unknown'}`, this.rateLimit.anonymousLimit];
    return { outcome, limit, decision: await this.rateLimit.consume(subject, limit) };
  }

  /** Hands an admission made before Express to the middleware, which then does not count again. */
  static admitted(req: IncomingMessage, admission: Admission): void {
    admitted.set(req, admission);
  }

  /** Sets the X-RateLimit-* headers (and Retry-After when refused); refusing is `apply`'s job. */
  static rateLimitHeaders(res: HeaderSink, { decision }: Admission): void {
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) {
      res.setHeader(name, value);
    }
  }

  private apply(req: Request, res: Response, admission: Admission): void {
    const { outcome, limit, decision } = admission;
    req.auth = outcome;
    if (outcome.kind === 'authenticated') req.principal = outcome.principal;
    AuthMiddleware.rateLimitHeaders(res, admission);
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
