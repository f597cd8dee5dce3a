import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { AdminController } from './admin/admin.controller.js';
import { AdminService, CACHE_INVALIDATOR } from './admin/admin.service.js';
import { AuthEventsService } from './auth-events.service.js';
import { AuthMiddleware } from './auth.middleware.js';
import { AuthenticationService } from './authentication.service.js';
import { AuthorizationGuard } from './authorization.guard.js';
import { CredentialsService } from './credentials.service.js';
import { ApiClientEntity } from './entities/api-client.entity.js';
import { ApiKeyEntity } from './entities/api-key.entity.js';
import { OAuthClientEntity } from './entities/oauth-client.entity.js';
import { SigningKeyEntity } from './entities/signing-key.entity.js';
import { JwksController } from './jwt/jwks.controller.js';
import { SigningKeysService } from './jwt/signing-keys.service.js';
import { MeController } from './me.controller.js';
import { TokenController } from './oauth/token.controller.js';
import { TokenService } from './oauth/token.service.js';

/**
 * Authentication (API keys, personal access tokens, gateway and OIDC JWTs, client
 * certificates), the OAuth token endpoint and JWKS, administration of principals, and the
 * global authorization guard. `installAuth(app)` (auth.install.ts) puts the authentication
 * and rate-limit middleware in front of every route. Needs the global AuditModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ApiClientEntity, ApiKeyEntity, OAuthClientEntity, SigningKeyEntity]),
    RateLimitModule,
  ],
  controllers: [TokenController, JwksController, MeController, AdminController],
  providers: [
    AuthEventsService,
    CredentialsService,
    SigningKeysService,
    AuthenticationService,
    AuthMiddleware,
    TokenService,
    AdminService,
    { provide: CACHE_INVALIDATOR, useExisting: AuthEventsService },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
  exports: [AuthenticationService, AuthMiddleware, CredentialsService, AdminService],
})
export class AuthModule {}
