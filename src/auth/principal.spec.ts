import {
  defaultScopesFor,
  limitForTier,
  narrowScopes,
  principalFromClient,
} from './principal.factory.js';
import { hasRole, hasScopes, isPrivileged, SCOPES } from './principal.js';

const limits = {
  windowSeconds: 3600,
  anonymousLimit: 100,
  freeLimit: 1000,
  proLimit: 10_000,
  enterpriseDefaultLimit: 50_000,
};

describe('roles and scopes', () => {
  it('orders roles admin > operator > user', () => {
    expect(hasRole({ role: 'admin' }, 'operator')).toBe(true);
    expect(hasRole({ role: 'operator' }, 'operator')).toBe(true);
    expect(hasRole({ role: 'user' }, 'operator')).toBe(false);
    expect(hasRole({ role: 'operator' }, 'admin')).toBe(false);
    expect(isPrivileged({ role: 'user' })).toBe(false);
    expect(isPrivileged({ role: 'operator' })).toBe(true);
    expect(isPrivileged({ role: 'admin' })).toBe(true);
  });

  it('needs every required scope', () => {
    const p = { scopes: ['jobs:read', 'nodes:read'] };
    expect(hasScopes(p, [])).toBe(true);
    expect(hasScopes(p, ['jobs:read'])).toBe(true);
    expect(hasScopes(p, ['jobs:read', 'jobs:write'])).toBe(false);
  });

  it('gives admins every scope and only operators and admins nodes:write', () => {
    expect(defaultScopesFor('admin')).toEqual([...SCOPES]);
    expect(defaultScopesFor('operator')).toContain('nodes:write');
    expect(defaultScopesFor('user')).not.toContain('nodes:write');
    expect(defaultScopesFor('user')).not.toContain('admin');
  });

  it('never lets a credential widen its client scopes', () => {
    expect(narrowScopes(['jobs:read'], ['jobs:read', 'admin'])).toEqual(['jobs:read']);
    expect(narrowScopes(['jobs:read', 'jobs:write'], null)).toEqual(['jobs:read', 'jobs:write']);
  });

  it('maps tiers to limits, enterprise to its custom limit', () => {
    expect(limitForTier('free', 7, limits)).toBe(1000);
    expect(limitForTier('pro', null, limits)).toBe(10_000);
    expect(limitForTier('enterprise', 7, limits)).toBe(7);
    expect(limitForTier('enterprise', null, limits)).toBe(50_000);
  });

  it('builds a principal acting as its Slurm user, per-cluster overrides first', () => {
    const p = principalFromClient(
      {
        id: 'c1',
        name: 'alice',
        role: 'user',
        slurmUser: 'alice',
        slurmUsers: { legacy: 'alice_old' },
        tier: 'pro',
        customLimit: null,
        scopes: ['jobs:read', 'jobs:write'],
      },
      { method: 'api_key', credentialId: 'k1', scopes: ['jobs:read'] },
      limits,
    );
    expect(p.slurmUserFor('main')).toBe('alice');
    expect(p.slurmUserFor('legacy')).toBe('alice_old');
    expect(p).toMatchObject({ scopes: ['jobs:read'], rateLimit: 10_000, credentialId: 'k1' });
  });
});
