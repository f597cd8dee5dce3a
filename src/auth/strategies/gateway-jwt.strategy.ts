import passportJwt, { type StrategyOptionsWithoutRequest } from 'passport-jwt';
import { JWT_ALGORITHM } from '../jwt/signing-key.js';
import type { PassportStrategyLike } from './run-strategy.js';

/** Claims of an access token issued by POST /oauth/token. */
export interface GatewayTokenClaims {
  sub: string;
  client_id: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface GatewayJwtSettings {
  issuer: string;
  audience: string;
  /** The PEM public key for a `kid`, undefined when the gateway does not know it. */
  publicKeyFor(kid: string): string | undefined;
}

function kidOf(rawJwt: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(rawJwt.split('.')[0], 'base64url').toString('utf8')) as {
      kid?: unknown;
    };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

function isClaims(payload: unknown): payload is GatewayTokenClaims {
  const p = payload as Partial<GatewayTokenClaims> | null;
  return (
    typeof p?.sub === 'string' && typeof p.client_id === 'string' && typeof p.scope === 'string'
  );
}

/**
 * passport-jwt validation of the gateway's own RS256 tokens: signature with the key named by
 * `kid`, issuer, audience, expiry and not-before (jsonwebtoken), then the claim shape.
 */
export function createGatewayJwtStrategy(settings: GatewayJwtSettings): PassportStrategyLike {
  const options: StrategyOptionsWithoutRequest = {
    jwtFromRequest: passportJwt.ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKeyProvider: (_request, rawJwt, done) => {
      const kid = typeof rawJwt === 'string' ? kidOf(rawJwt) : undefined;
      const key = kid === undefined ? undefined : settings.publicKeyFor(kid);
      if (key === undefined) done(new Error('token signed with an unknown key'));
      else done(null, key);
    },
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: [JWT_ALGORITHM],
  };
  return new passportJwt.Strategy(
    options,
    (payload: unknown, done: passportJwt.VerifiedCallback) => {
      if (isClaims(payload)) done(null, payload);
      else done(null, false, { message: 'token lacks sub, client_id or scope' });
    },
  );
}
