import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, ErrorCode } from '../common/errors/index.js';
import { challengeFor } from './authentication.service.js';
import { IS_PUBLIC_KEY, ROLE_KEY, SCOPES_KEY } from './decorators.js';
import { hasRole, type Principal, type Role } from './principal.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route asks of its caller, from its decorators (method first, then controller). */
export type RouteNeeds = 'public' | { role: Role | undefined; scopes: string[] };

export function routeNeeds(
  reflector: Reflector,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's own types
  handler: Function,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  controller: Function,
): RouteNeeds {
  const targets = [handler, controller];
  if (reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return 'public';
  return {
    role: reflector.getAllAndOverride<Role | undefined>(ROLE_KEY, targets),
    scopes: reflector.getAllAndMerge<string[]>(SCOPES_KEY, targets),
  };
}

function missingScopes(principal: Principal, scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !principal.scopes.includes(scope));
}

/** True when `principal` may call a route with these needs (the guard would let it pass). */
export function satisfies(principal: Principal, needs: RouteNeeds): boolean {
  if (needs === 'public') return true;
  return (
    (needs.role === undefined || hasRole(principal, needs.role)) &&
    missingScopes(principal, needs.scopes).length === 0
  );
}

/**
 * Global guard, last of the auth steps: public routes pass; otherwise the request needs a
 * principal (401 AUTHENTICATION_FAILED with WWW-Authenticate), the route's role and scopes
 * (403 PERMISSION_DENIED, audited for mutating methods). Non-HTTP contexts (WebSocket
 * gateways) authenticate on their own and are not handled here.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const needs = routeNeeds(this.reflector, context.getHandler(), context.getClass());
    if (needs === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const principal = this.authenticated(req);
    const { role, scopes } = needs;
    const missing = missingScopes(principal, scopes);
    if (role !== undefined && !hasRole(principal, role)) {
      await this.deny(req, principal, `Requires role ${role} (you are ${principal.role})`, {
        required_role: role,
        role: principal.role,
      });
    }
    if (missing.length > 0) {
      await this.deny(req, principal, `Missing scope ${missing.join(', ')}`, {
        required_scopes: scopes,
        missing_scopes: missing,
      });
    }
    return true;
  }

  private authenticated(req: Request): Principal {
    const outcome = req.auth;
    if (outcome?.kind === 'authenticated') return outcome.principal;
    if (outcome?.kind === 'failed') {
      throw new ApiError(
        ErrorCode.AUTHENTICATION_FAILED,
        outcome.message,
        { reason: outcome.reason },
        { headers: { 'WWW-Authenticate': outcome.challenge } },
      );
    }
    throw new ApiError(
      ErrorCode.AUTHENTICATION_FAILED,
      'Authentication required: send an API key (X-API-Key) or a bearer token',
      { reason: 'missing' },
      { headers: { 'WWW-Authenticate': challengeFor('Bearer') } },
    );
  }

  private async deny(
    req: Request,
    principal: Principal,
    message: string,
    details: Record<string, unknown>,
  ): Promise<never> {
    if (!READ_METHODS.has(req.method)) {
      await this.audit.record({
        principal,
        action: `http.${req.method.toLowerCase()}`,
        target: req.originalUrl.split('?')[0],
        result: 'denied',
        details: { reason: message, ...details },
      });
    }
    throw new ApiError(ErrorCode.PERMISSION_DENIED, message, details);
  }
}
