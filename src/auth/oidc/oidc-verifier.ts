import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../../config/auth.config.js';
import type { Principal } from '../principal.js';
import type { TierLimits } from '../principal.factory.js';
import { limitForTier } from '../principal.factory.js';

export type OidcVerification =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'invalid' | 'expired'; message: string };

/** A Slurm user name must be a plain POSIX account name. */
const SLURM_USER = /^[a-z_][a-z0-9_.-]{0,31}$/;

/**
 * Tokens of an external OpenID Connect issuer, checked against its JWKS (fetched and cached by
 * jose, refreshed when an unknown `kid` shows up): signature, issuer, audience, expiry. The
 * configured claim names the Slurm user the caller acts as; role, scopes and tier are the
 * configured defaults.
 */
export class OidcVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly config: OidcConfig,
    private readonly limits: TierLimits,
  ) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000 });
  }

  issues(issuer: unknown): boolean {
    return issuer === this.config.issuer;
  }

  async verify(token: string): Promise<OidcVerification> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
      }));
    } catch (error: unknown) {
      if (error instanceof errors.JWTExpired) {
        return { ok: false, reason: 'expired', message: 'Identity token expired' };
      }
      const why = error instanceof errors.JOSEError ? error.code : 'unverifiable';
      return { ok: false, reason: 'invalid', message: `Invalid identity token (${why})` };
    }
    const user = payload[this.config.userClaim];
    if (typeof user !== 'string' || !SLURM_USER.test(user)) {
      return {
        ok: false,
        reason: 'invalid',
        message: `Identity token lacks a usable ${this.config.userClaim} claim`,
      };
    }
    const { defaultRole, defaultScopes, defaultTier } = this.config;
    return {
      ok: true,
      principal: {
        id: `oidc:${payload.sub ?? user}`,
        name: user,
        role: defaultRole,
        scopes: [...defaultScopes],
        slurmUserFor: () => user,
        tier: defaultTier,
        rateLimit: limitForTier(defaultTier, null, this.limits),
        authMethod: 'oidc',
      },
    };
  }
}
