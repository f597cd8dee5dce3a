/**
 * The authenticated caller of a request, whatever the credential (API key, personal access
 * token, gateway JWT, external OIDC token, client certificate).
 */
export const ROLES = ['user', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ['free', 'pro', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

/** Every scope a route may require (also listed in the OpenAPI security schemes). */
export const SCOPES = [
  'jobs:read',
  'jobs:write',
  'nodes:read',
  'nodes:write',
  'users:read',
  'metrics:read',
  'exports',
  'reports',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/** How the principal proved who it is (for audit and /v1/me). */
export type AuthMethod = 'api_key' | 'personal_token' | 'oauth_token' | 'oidc' | 'certificate';

export interface Principal {
  /** Stable id of the API client (uuid), or `oidc:<subject>` for external identities. */
  id: string;
  name: string;
  role: Role;
  /** Effective scopes of this request (a token may carry fewer than its client). */
  scopes: string[];
  /** The only Slurm user this principal may act as on `cluster`. */
  slurmUserFor(cluster: string): string;
  tier: Tier;
  /** Requests per rate-limit window for this principal. */
  rateLimit: number;
  authMethod: AuthMethod;
  /** Id of the credential used (key, token, OAuth client), when there is one. */
  credentialId?: string;
}

/** Operators and admins act on every job and on nodes. */
export function isPrivileged(p: Pick<Principal, 'role'>): boolean {
  return p.role === 'operator' || p.role === 'admin';
}

const ROLE_RANK: Record<Role, number> = { user: 0, operator: 1, admin: 2 };

/** True when `p` has at least `role` (admin ⊇ operator ⊇ user). */
export function hasRole(p: Pick<Principal, 'role'>, role: Role): boolean {
  return ROLE_RANK[p.role] >= ROLE_RANK[role];
}

/** True when `p` carries every scope in `required`. */
export function hasScopes(p: Pick<Principal, 'scopes'>, required: readonly string[]): boolean {
  return required.every((s) => p.scopes.includes(s));
}
