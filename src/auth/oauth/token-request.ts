import { OAuthError } from './oauth-error.js';

/** A token request after client authentication was pulled from the body or HTTP Basic. */
export interface TokenRequest {
  grantType: string;
  clientId: string;
  clientSecret: string;
  /** Requested scopes; undefined = every scope the client may have. */
  scopes: string[] | undefined;
}

function param(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new OAuthError('invalid_request', `${name} must be given once, as a string`);
  }
  return value;
}

/** `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
function basicCredentials(authorization: string): { id: string; secret: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'Malformed HTTP Basic client credentials');
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new OAuthError('invalid_client', 'Malformed HTTP Basic client credentials');
  }
}

/**
 * Reads a client-credentials token request (JSON or form body, client authentication in the
 * body or HTTP Basic, not both) per RFC 6749 §4.4.2 and §2.3.
 */
export function parseTokenRequest(body: unknown, authorization: string | undefined): TokenRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new OAuthError('invalid_request', 'Send the parameters as a form or a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const grantType = param(fields, 'grant_type');
  if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type is required');
  if (grantType !== 'client_credentials') {
    throw new OAuthError(
      'unsupported_grant_type',
      `grant_type ${grantType} is not supported; use client_credentials`,
    );
  }
  const bodyId = param(fields, 'client_id');
  const bodySecret = param(fields, 'client_secret');
  const scope = param(fields, 'scope');
  const scopes = scope === undefined ? undefined : scope.split(' ').filter((s) => s !== '');
  const usesBasic = authorization !== undefined && /^Basic\s/i.test(authorization);
  if (usesBasic && (bodyId !== undefined || bodySecret !== undefined)) {
    throw new OAuthError(
      'invalid_request',
      'Authenticate the client with HTTP Basic or the body, not both',
    );
  }
  if (usesBasic) {
    const { id, secret } = basicCredentials(authorization);
    return { grantType, clientId: id, clientSecret: secret, scopes };
  }
  if (bodyId === undefined || bodySecret === undefined) {
    throw new OAuthError(
      'invalid_client',
      'Client authentication required (client_id and client_secret)',
    );
  }
  return { grantType, clientId: bodyId, clientSecret: bodySecret, scopes };
}
