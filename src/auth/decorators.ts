import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role, Scope } from './principal.js';

export const IS_PUBLIC_KEY = 's9s:auth:public';
export const SCOPES_KEY = 's9s:auth:scopes';
export const ROLE_KEY = 's9s:auth:role';

/** The route needs no credentials (anonymous calls are still rate-limited per IP). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The caller must carry every listed scope, else 403 PERMISSION_DENIED. */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(SCOPES_KEY, scopes);

/** The caller must have at least this role (admin ⊇ operator ⊇ user), else 403. */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLE_KEY, role);

/** Request object as seen by the auth guards. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** Injects the authenticated `Principal` (undefined on anonymous `@Public()` calls). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
