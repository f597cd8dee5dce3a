import type { ApiClientEntity } from './entities/api-client.entity.js';
import { SCOPES, type AuthMethod, type Principal, type Role, type Tier } from './principal.js';

/** Requests per window of each tier (the rate-limit configuration section satisfies it). */
export interface TierLimits {
  freeLimit: number;
  proLimit: number;
  enterpriseDefaultLimit: number;
}

/** Scopes a new client gets when the admin names none. */
export function defaultScopesFor(role: Role): string[] {
  const user = [
    'jobs:read',
    'jobs:write',
    'nodes:read',
    'users:read',
    'metrics:read',
    'exports',
    'reports',
  ];
  switch (role) {
    case 'user':
      return user;
    case 'operator':
      return [...user, 'nodes:write'];
    case 'admin':
      return [...SCOPES];
  }
}

export function limitForTier(tier: Tier, customLimit: number | null, cfg: TierLimits): number {
  switch (tier) {
    case 'free':
      return cfg.freeLimit;
    case 'pro':
      return cfg.proLimit;
    case 'enterprise':
      return customLimit ?? cfg.enterpriseDefaultLimit;
  }
}

/** Scopes of `granted` that are also in `allowed` (a credential never widens its client). */
export function narrowScopes(
  allowed: readonly string[],
  granted: readonly string[] | null,
): string[] {
  return granted === null ? [...allowed] : granted.filter((s) => allowed.includes(s));
}

export interface CredentialUse {
  method: AuthMethod;
  credentialId?: string;
  /** The credential's own scopes; null = all of the client's. */
  scopes: readonly string[] | null;
}

type ClientFields = Pick<
  ApiClientEntity,
  'id' | 'name' | 'role' | 'slurmUser' | 'slurmUsers' | 'tier' | 'customLimit' | 'scopes'
>;

export function principalFromClient(
  client: ClientFields,
  use: CredentialUse,
  cfg: TierLimits,
): Principal {
  const overrides = { ...client.slurmUsers };
  const principal: Principal = {
    id: client.id,
    name: client.name,
    role: client.role,
    scopes: narrowScopes(client.scopes, use.scopes),
    slurmUserFor: (cluster) => overrides[cluster] ?? client.slurmUser,
    tier: client.tier,
    rateLimit: limitForTier(client.tier, client.customLimit, cfg),
    authMethod: use.method,
  };
  if (use.credentialId !== undefined) principal.credentialId = use.credentialId;
  return principal;
}
