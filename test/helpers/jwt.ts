/**
 * JWT helpers for e2e specs: a loopback OpenID Connect issuer (a JWKS served over HTTP and
 * tokens signed with jose), and tools to read or tamper with a token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface OidcIssuer {
  issuer: string;
  jwksUrl: string;
  audience: string;
  /** Signs `claims` (iss, aud, iat, exp filled in unless given) with the published key. */
  sign(
    claims: JWTPayload,
    options?: { expiresInSeconds?: number; audience?: string },
  ): Promise<string>;
  /** A token from a key the JWKS does not publish (same kid: a forgery attempt). */
  signWithForeignKey(claims: JWTPayload): Promise<string>;
  /** How many times the JWKS was fetched. */
  jwksFetches(): number;
  close(): Promise<void>;
}

export async function startOidcIssuer(audience = 's9s-e2e-oidc'): Promise<OidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = 'e2e-oidc-key';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/issuer`;

  const build = (claims: JWTPayload, expiresIn: number, aud: string) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience(aud)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + expiresIn);
  };

  return {
    issuer,
    jwksUrl: `${base}/jwks.json`,
    audience,
    sign: (claims, options = {}) =>
      build(claims, options.expiresInSeconds ?? 300, options.audience ?? audience).sign(privateKey),
    signWithForeignKey: (claims) => build(claims, 300, audience).sign(foreign.privateKey),
    jwksFetches: () => fetches,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

/** The same token with its payload changed and the original signature kept. */
export function tamper(token: string, patch: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), ...patch };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}
