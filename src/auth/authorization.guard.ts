import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, ErrorCode } from '../common/errors/index.js';
import { challengeFor } from './authentication.service.js';
import { IS_PUBLIC_KEY, ROLE_KEY, SCOPES_KEY } from './decorators.js';
import { hasRole, type Principal, type Role } from './principal.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const principal = this.authenticated(req);
    const role = this.reflector.getAllAndOverride<Role | undefined>(ROLE_KEY, targets);
    const scopes = this.reflector.getAllAndMerge<string[]>(SCOPES_KEY, targets);
    const missing = scopes.filter((scope) => !principal.scopes.includes(scope));
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
