import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/index.js';
import {
  CredentialsService,
  type FailureReason,
  type Verification,
} from './credentials.service.js';
import { SigningKeysService } from './jwt/signing-keys.service.js';
import { OidcVerifier } from './oidc/oidc-verifier.js';
import type { Principal } from './principal.js';
import {
  createGatewayJwtStrategy,
  type GatewayTokenClaims,
} from './strategies/gateway-jwt.strategy.js';
import { createPersonalTokenStrategy } from './strategies/personal-token.strategy.js';
import { runStrategy, type PassportStrategyLike } from './strategies/run-strategy.js';

export const REALM = 's9s-api';

export type AuthOutcome =
  | { kind: 'anonymous' }
  | { kind: 'authenticated'; principal: Principal }
  | { kind: 'failed'; reason: FailureReason; message: string; challenge: string };

type Scheme = 'Bearer' | 'ApiKey' | 'Certificate';

/** `WWW-Authenticate` value for a failure of `scheme` (RFC 6750 §3 for bearer tokens). */
export function challengeFor(scheme: Scheme, message?: string): string {
  const description = message?.replace(/["\\]/g, "'");
  switch (scheme) {
    case 'Bearer':
      return description === undefined
        ? `Bearer realm="${REALM}"`
        : `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`;
    case 'ApiKey':
      return `ApiKey realm="${REALM}", header="X-API-Key"`;
    case 'Certificate':
      return `Bearer realm="${REALM}"`;
  }
}

function issuerOf(token: string): unknown {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return (JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { iss?: unknown })
      .iss;
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Works out who sent a request: X-API-Key, then the Authorization bearer token (personal access
 * token through passport-http-bearer, gateway JWT through passport-jwt, external OIDC token),
 * then a verified TLS client certificate. Never throws for bad credentials: the outcome says
 * why, and the authorization guard decides whether the route needed them.
 */
@Injectable()
export class AuthenticationService {
  private readonly gatewayJwt: PassportStrategyLike;
  private readonly oidc: OidcVerifier | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
    keys: SigningKeysService,
  ) {
    const { issuer, audience } = config.auth.jwt;
    this.gatewayJwt = createGatewayJwtStrategy({
      issuer,
      audience,
      publicKeyFor: (kid) => keys.publicKeyFor(kid),
    });
    this.oidc = config.auth.oidc && new OidcVerifier(config.auth.oidc, config.rateLimit);
  }

  async authenticate(req: Pick<IncomingMessage, 'headers' | 'socket'>): Promise<AuthOutcome> {
    const apiKey = single(req.headers['x-api-key']);
    const authorization = req.headers.authorization;
    if (apiKey !== undefined && authorization !== undefined) {
      return this.failed('ApiKey', {
        ok: false,
        reason: 'invalid',
        message: 'Send X-API-Key or Authorization, not both',
      });
    }
    if (apiKey !== undefined)
      return this.outcome('ApiKey', await this.credentials.verifyKey(apiKey.trim(), 'api_key'));
    if (authorization !== undefined) return this.bearer(authorization);
    return this.certificate(req.socket);
  }

  private async bearer(authorization: string): Promise<AuthOutcome> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) {
      return this.failed('Bearer', {
        ok: false,
        reason: 'invalid',
        message: 'Authorization must be "Bearer <token>"',
      });
    }
    const token = match[1];
    if (token.startsWith('s9sp_'))
      return this.outcome('Bearer', await this.viaPersonalToken(authorization));
    if (token.startsWith('s9sk_'))
      return this.outcome('Bearer', await this.credentials.verifyKey(token, 'api_key'));
    const issuer = issuerOf(token);
    if (issuer === this.config.auth.jwt.issuer) {
      return this.outcome('Bearer', await this.viaGatewayJwt(authorization));
    }
    if (this.oidc?.issues(issuer)) return this.outcome('Bearer', await this.oidc.verify(token));
    return this.failed('Bearer', { ok: false, reason: 'invalid', message: 'Invalid bearer token' });
  }

  /** passport-http-bearer, with a strategy per call so the verification's reason survives. */
  private async viaPersonalToken(authorization: string): Promise<Verification> {
    let verification: Verification | undefined;
    const strategy = createPersonalTokenStrategy<Principal>(async (token) => {
      verification = await this.credentials.verifyKey(token, 'personal_token');
      return verification.ok
        ? { ok: true, value: verification.principal }
        : { ok: false, reason: verification.message };
    });
    const outcome = await runStrategy<Principal>(strategy, authorization);
    if (outcome.kind === 'error') throw outcome.error;
    return (
      verification ?? { ok: false, reason: 'invalid', message: 'Invalid personal access token' }
    );
  }

  private async viaGatewayJwt(authorization: string): Promise<Verification> {
    const outcome = await runStrategy<GatewayTokenClaims>(this.gatewayJwt, authorization);
    switch (outcome.kind) {
      case 'success':
        return this.credentials.verifyGatewayClaims(outcome.user);
      case 'fail':
        return outcome.reason === 'jwt expired'
          ? { ok: false, reason: 'expired', message: 'Access token expired' }
          : { ok: false, reason: 'invalid', message: `Invalid access token: ${outcome.reason}` };
      case 'error':
        throw outcome.error;
    }
  }

  private async certificate(socket: IncomingMessage['socket']): Promise<AuthOutcome> {
    if (!(socket instanceof TLSSocket)) return { kind: 'anonymous' };
    const cert = socket.getPeerCertificate();
    if (cert === null || Object.keys(cert).length === 0) return { kind: 'anonymous' };
    if (!socket.authorized) {
      const why = String(socket.authorizationError ?? 'not signed by the client CA');
      return this.failed('Certificate', {
        ok: false,
        reason: 'invalid',
        message: `Client certificate rejected: ${why}`,
      });
    }
    const subject = cert.subject?.CN;
    if (typeof subject !== 'string' || subject === '') {
      return this.failed('Certificate', {
        ok: false,
        reason: 'invalid',
        message: 'Client certificate has no subject CN',
      });
    }
    return this.outcome('Certificate', await this.credentials.verifyCertificateSubject(subject));
  }

  private outcome(scheme: Scheme, result: Verification): AuthOutcome {
    return result.ok
      ? { kind: 'authenticated', principal: result.principal }
      : this.failed(scheme, result);
  }

  private failed(scheme: Scheme, result: Extract<Verification, { ok: false }>): AuthOutcome {
    return {
      kind: 'failed',
      reason: result.reason,
      message: result.message,
      challenge: challengeFor(scheme, result.message),
    };
  }
}
