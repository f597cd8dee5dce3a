import { accessSync, constants } from 'node:fs';
import { ROLES, SCOPES, TIERS, type Role, type Tier } from '../auth/principal.js';
import type { EnvReader } from './env-reader.js';

export interface JwtConfig {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  /** PEM files; when both are absent a key pair is generated once and kept in Postgres. */
  privateKeyFile?: string;
  publicKeyFile?: string;
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** The claim naming the Slurm user (and principal name). */
  userClaim: string;
  defaultRole: Role;
  defaultScopes: string[];
  defaultTier: Tier;
}

export interface TlsConfig {
  certFile: string;
  keyFile: string;
  /** When set, clients may present certificates signed by this CA. */
  clientCaFile?: string;
}

export interface AuthConfig {
  jwt: JwtConfig;
  oidc?: OidcConfig;
  tls?: TlsConfig;
  /** How long a resolved principal is cached per process. */
  principalCacheSeconds: number;
}

function readableFile(env: EnvReader, variable: string): string | undefined {
  const path = env.optional(variable);
  if (path === undefined) return undefined;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    env.fail(variable, `cannot read file "${path}"`);
  }
  return path;
}

/** Scopes from a space- or comma-separated list; unknown names are a configuration error. */
export function readScopes(
  env: EnvReader,
  variable: string,
  fallback: readonly string[],
): string[] {
  const raw = env.optional(variable);
  if (raw === undefined) return [...fallback];
  const scopes = raw.split(/[\s,]+/).filter((s) => s !== '');
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    env.fail(variable, `unknown scope(s) ${unknown.join(', ')}; known: ${SCOPES.join(' ')}`);
  }
  return scopes.filter((s) => (SCOPES as readonly string[]).includes(s));
}

function readJwt(env: EnvReader): JwtConfig {
  const jwt: JwtConfig = {
    issuer: env.string('AUTH_JWT_ISSUER', 's9s-api'),
    audience: env.string('AUTH_JWT_AUDIENCE', 's9s-api'),
    ttlSeconds: env.int('AUTH_JWT_TTL_SECONDS', 3600, { min: 10, max: 86_400 }),
  };
  const privateKeyFile = readableFile(env, 'AUTH_JWT_PRIVATE_KEY_FILE');
  const publicKeyFile = readableFile(env, 'AUTH_JWT_PUBLIC_KEY_FILE');
  if ((privateKeyFile === undefined) !== (publicKeyFile === undefined)) {
    env.fail(
      privateKeyFile === undefined ? 'AUTH_JWT_PRIVATE_KEY_FILE' : 'AUTH_JWT_PUBLIC_KEY_FILE',
      'set both AUTH_JWT_PRIVATE_KEY_FILE and AUTH_JWT_PUBLIC_KEY_FILE, or neither',
    );
  }
  if (privateKeyFile !== undefined) jwt.privateKeyFile = privateKeyFile;
  if (publicKeyFile !== undefined) jwt.publicKeyFile = publicKeyFile;
  return jwt;
}

function readOidc(env: EnvReader): OidcConfig | undefined {
  const issuer = env.optional('AUTH_OIDC_ISSUER');
  if (issuer === undefined) return undefined;
  return {
    issuer,
    audience: env.required('AUTH_OIDC_AUDIENCE', 'is required when AUTH_OIDC_ISSUER is set'),
    jwksUrl: env.url('AUTH_OIDC_JWKS_URL', ['https:', 'http:']),
    userClaim: env.string('AUTH_OIDC_USER_CLAIM', 'preferred_username'),
    defaultRole: env.oneOf('AUTH_OIDC_DEFAULT_ROLE', ROLES, 'user'),
    defaultScopes: readScopes(env, 'AUTH_OIDC_DEFAULT_SCOPES', [
      'jobs:read',
      'jobs:write',
      'nodes:read',
      'users:read',
      'metrics:read',
    ]),
    defaultTier: env.oneOf('AUTH_OIDC_DEFAULT_TIER', TIERS, 'free'),
  };
}

function readTls(env: EnvReader): TlsConfig | undefined {
  const certFile = readableFile(env, 'TLS_CERT_FILE');
  const keyFile = readableFile(env, 'TLS_KEY_FILE');
  const clientCaFile = readableFile(env, 'TLS_CLIENT_CA_FILE');
  if (certFile === undefined && keyFile === undefined) {
    if (clientCaFile !== undefined) {
      env.fail('TLS_CLIENT_CA_FILE', 'needs TLS_CERT_FILE and TLS_KEY_FILE');
    }
    return undefined;
  }
  if (certFile === undefined || keyFile === undefined) {
    env.fail(certFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE', 'set both or neither');
    return undefined;
  }
  return clientCaFile === undefined ? { certFile, keyFile } : { certFile, keyFile, clientCaFile };
}

/**
 * AUTH_JWT_ISSUER/AUDIENCE/TTL_SECONDS/PRIVATE_KEY_FILE/PUBLIC_KEY_FILE, AUTH_OIDC_ISSUER/
 * AUDIENCE/JWKS_URL/USER_CLAIM/DEFAULT_ROLE/DEFAULT_SCOPES/DEFAULT_TIER, TLS_CERT_FILE/
 * TLS_KEY_FILE/TLS_CLIENT_CA_FILE, AUTH_PRINCIPAL_CACHE_SECONDS.
 */
export function readAuthConfig(env: EnvReader): AuthConfig {
  const config: AuthConfig = {
    jwt: readJwt(env),
    principalCacheSeconds: env.int('AUTH_PRINCIPAL_CACHE_SECONDS', 10, { min: 0, max: 3600 }),
  };
  const oidc = readOidc(env);
  if (oidc) config.oidc = oidc;
  const tls = readTls(env);
  if (tls) config.tls = tls;
  return config;
}
