import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JWK } from 'jose';

export const JWT_ALGORITHM = 'RS256';

/** The gateway's RS256 signing key; `kid` is the RFC 7638 thumbprint of the public key. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateKeyPairPem(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export async function signingKeyFromPem(pem: KeyPairPem): Promise<SigningKey> {
  const privateKey = createPrivateKey(pem.privateKeyPem);
  const publicKey = createPublicKey(pem.publicKeyPem);
  if (privateKey.asymmetricKeyType !== 'rsa' || publicKey.asymmetricKeyType !== 'rsa') {
    throw new Error('the JWT signing key must be an RSA key pair');
  }
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!derived.equals(publicKey.export({ type: 'spki', format: 'der' }))) {
    throw new Error('the JWT public key does not belong to the private key');
  }
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey), 'sha256');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { kid, privateKey, publicKey, publicKeyPem };
}

/** The JWKS entry of a key, as served at /.well-known/jwks.json. */
export async function publicJwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.publicKey)), kid: key.kid, alg: JWT_ALGORITHM, use: 'sig' };
}

export interface AccessTokenClaims {
  /** The API client id (uuid). */
  subject: string;
  /** The OAuth client id (`s9so_...`) that obtained the token. */
  clientId: string;
  scopes: string[];
}

export interface TokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export async function signAccessToken(
  key: SigningKey,
  claims: AccessTokenClaims,
  settings: TokenSettings,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({ scope: claims.scopes.join(' '), client_id: claims.clientId })
    .setProtectedHeader({ alg: JWT_ALGORITHM, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(claims.subject)
    .setIssuedAt(nowSeconds)
    .setNotBefore(nowSeconds)
    .setExpirationTime(nowSeconds + settings.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);
}
