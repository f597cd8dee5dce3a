import 'reflect-metadata';
import { Controller, Get, Post, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/index.js';
import type { AuthOutcome } from './authentication.service.js';
import { AuthorizationGuard } from './authorization.guard.js';
import { Public, RequireRole, RequireScopes } from './decorators.js';
import type { Principal } from './principal.js';

@RequireScopes('nodes:read')
@Controller('nodes')
class NodesController {
  @Get()
  list(): void {}

  @Post(':name/drain')
  @RequireRole('operator')
  @RequireScopes('nodes:write')
  drain(): void {}

  @Public()
  @Get('public')
  open(): void {}
}

function principal(role: Principal['role'], scopes: string[]): Principal {
  return {
    id: `id-${role}`,
    name: role,
    role,
    scopes,
    slurmUserFor: () => role,
    tier: 'free',
    rateLimit: 1000,
    authMethod: 'api_key',
  };
}

function context(
  handler: keyof NodesController,
  method: string,
  auth?: AuthOutcome,
): ExecutionContext {
  const req = { method, originalUrl: `/v1/nodes/x?y=1`, auth };
  return {
    getType: () => 'http',
    getHandler: () => NodesController.prototype[handler],
    getClass: () => NodesController,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

async function failure(promise: Promise<boolean>): Promise<ApiError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the guard to refuse');
}

describe('AuthorizationGuard', () => {
  const audited: AuditEntry[] = [];
  const audit = { record: (entry: AuditEntry) => Promise.resolve(void audited.push(entry)) };
  const guard = new AuthorizationGuard(new Reflector(), audit as unknown as AuditService);
  const authenticated = (p: Principal): AuthOutcome => ({ kind: 'authenticated', principal: p });

  beforeEach(() => (audited.length = 0));

  it('lets public routes through without credentials', async () => {
    expect(await guard.canActivate(context('open', 'GET'))).toBe(true);
  });

  it('answers 401 with WWW-Authenticate without credentials', async () => {
    const error = await failure(guard.canActivate(context('list', 'GET', { kind: 'anonymous' })));
    expect(error).toMatchObject({
      status: 401,
      code: 'AUTHENTICATION_FAILED',
      details: { reason: 'missing' },
    });
    expect(error.headers['WWW-Authenticate']).toBe('Bearer realm="s9s-api"');
  });

  it('answers 401 with the failure reason and its challenge for bad credentials', async () => {
    const failed: AuthOutcome = {
      kind: 'failed',
      reason: 'revoked',
      message: 'API key revoked',
      challenge: 'ApiKey realm="s9s-api"',
    };
    const error = await failure(guard.canActivate(context('list', 'GET', failed)));
    expect(error).toMatchObject({
      status: 401,
      message: 'API key revoked',
      details: { reason: 'revoked' },
    });
    expect(error.headers['WWW-Authenticate']).toBe('ApiKey realm="s9s-api"');
  });

  it('needs the class scope for every route', async () => {
    expect(
      await guard.canActivate(
        context('list', 'GET', authenticated(principal('user', ['nodes:read']))),
      ),
    ).toBe(true);
    const error = await failure(
      guard.canActivate(context('list', 'GET', authenticated(principal('user', ['jobs:read'])))),
    );
    expect(error).toMatchObject({
      status: 403,
      code: 'PERMISSION_DENIED',
      details: { missing_scopes: ['nodes:read'] },
    });
    expect(audited).toEqual([]); // reads are not audited
  });

  it('needs role and merged scopes on a mutation, and audits the denial', async () => {
    const user = principal('user', ['nodes:read', 'nodes:write']);
    const error = await failure(guard.canActivate(context('drain', 'POST', authenticated(user))));
    expect(error).toMatchObject({
      status: 403,
      details: { required_role: 'operator', role: 'user' },
    });
    expect(audited).toEqual([
      expect.objectContaining({
        principal: user,
        result: 'denied',
        action: 'http.post',
        target: '/v1/nodes/x',
      }),
    ]);
    const operatorWithoutWrite = principal('operator', ['nodes:read']);
    const scopeError = await failure(
      guard.canActivate(context('drain', 'POST', authenticated(operatorWithoutWrite))),
    );
    expect(scopeError.details).toMatchObject({ missing_scopes: ['nodes:write'] });
    expect(
      await guard.canActivate(
        context('drain', 'POST', authenticated(principal('admin', ['nodes:read', 'nodes:write']))),
      ),
    ).toBe(true);
  });

  it('leaves non-HTTP contexts to their own authentication', async () => {
    const ws = { getType: () => 'ws' } as unknown as ExecutionContext;
    expect(await guard.canActivate(ws)).toBe(true);
  });
});
