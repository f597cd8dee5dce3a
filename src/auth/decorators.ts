import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOAuth2, ApiSecurity } from '@nestjs/swagger';
import type { Principal, Role, Scope } from './principal.js';

export const IS_PUBLIC_KEY = 's9s:auth:public';
export const SCOPES_KEY = 's9s:auth:scopes';
export const ROLE_KEY = 's9s:auth:role';

/** The route needs no credentials (anonymous calls are still rate-limited per IP). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The caller must carry every listed scope, else 403 PERMISSION_DENIED. The OpenAPI document
 * lists the route's security requirements: a bearer token, an API key, or an OAuth2 token
 * with these scopes.
 */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiBearerAuth('bearer'),
    ApiSecurity('apiKey'),
    ApiOAuth2(scopes, 'oauth2'),
  );

/**
 * The caller must have at least this role (admin ⊇ operator ⊇ user), else 403. Shown in the
 * OpenAPI document as `x-required-role`.
 */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLE_KEY, role), ApiExtension('x-required-role', role));

/** Request object as seen by the auth guards. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** Injects the authenticated `Principal` (undefined on anonymous `@Public()` calls). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
