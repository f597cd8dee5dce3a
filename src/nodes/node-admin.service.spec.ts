import { SlurmError, type NodeUpdate } from '@app/slurm-gateway';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { ClusterStateService } from '../cluster-state/index.js';
import type { ClustersService } from '../clusters/clusters.service.js';
import { ApiError } from '../common/errors/index.js';
import { makeNode } from '../search/testing/model-fixtures.js';
import type { SlurmGateway } from '@app/slurm-gateway';
import { NodeAdminService } from './node-admin.service.js';
import type { NodeResumeScheduler } from './node-resume.scheduler.js';

function principal(role: Principal['role']): Principal {
  return {
    id: `${role}-id`,
    name: role,
    role,
    scopes: ['nodes:write'],
    slurmUserFor: () => 'alice',
    tier: 'free',
    rateLimit: 1000,
    authMethod: 'api_key',
  };
}

function setup(options: { failWith?: Error } = {}) {
  const updates: { node: string; update: NodeUpdate }[] = [];
  const audits: AuditEntry[] = [];
  const scheduled: { payload: unknown; delayMs: number }[] = [];
  const cancelled: string[] = [];
  const gateway = {
    client: () => ({
      actAs: 'slurm',
      updateNode: (node: string, update: NodeUpdate) => {
        if (options.failWith) return Promise.reject(options.failWith);
        updates.push({ node, update });
        return Promise.resolve({ warnings: [] });
      },
    }),
  } as unknown as SlurmGateway;
  const state = {
    nodes: () => ({
      refreshNode: (name: string) =>
        Promise.resolve(makeNode({ name, stateFlags: ['DRAIN'], reason: 'maintenance' })),
    }),
    jobs: () => ({ all: () => [] }),
  } as unknown as ClusterStateService;
  const resumes = {
    schedule: (payload: unknown, delayMs: number) => {
      scheduled.push({ payload, delayMs });
      return Promise.resolve();
    },
    cancel: (cluster: string, node: string) => {
      cancelled.push(`${cluster}/${node}`);
      return Promise.resolve();
    },
  } as unknown as NodeResumeScheduler;
  const audit = {
    record: (entry: AuditEntry) => {
      audits.push(entry);
      return Promise.resolve();
    },
  } as unknown as AuditService;
  const clusters = { resolve: (c?: string) => c ?? 'main' } as unknown as ClustersService;
  const service = new NodeAdminService(clusters, gateway, state, resumes, audit);
  return { service, updates, audits, scheduled, cancelled };
}

describe('NodeAdminService', () => {
  it('refuses a plain user, audits the denial and never calls Slurm', async () => {
    const { service, updates, audits } = setup();
    const attempt = service.drain(
      { principal: principal('user'), node: 'node001' },
      { reason: 'maintenance' },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'PERMISSION_DENIED', status: 403 });
    expect(updates).toEqual([]);
    expect(audits).toMatchObject([
      { action: 'node.drain', target: 'node:node001', result: 'denied', cluster: 'main' },
    ]);
  });

  it('drains with a timeout: Slurm first, then the delayed resume', async () => {
    const { service, updates, scheduled, audits } = setup();
    const before = Date.now();
    const result = await service.drain(
      { principal: principal('operator'), cluster: 'legacy', node: 'node001' },
      { reason: 'maintenance', timeout: '2h' },
    );
    expect(updates).toEqual([
      { node: 'node001', update: { state: 'DRAIN', reason: 'maintenance' } },
    ]);
    expect(scheduled).toEqual([
      {
        payload: {
          cluster: 'legacy',
          node: 'node001',
          reason: 'maintenance',
          requestedBy: 'operator-id',
        },
        delayMs: 7_200_000,
      },
    ]);
    const resumeAt = Date.parse(result.resume_at as string);
    expect(resumeAt).toBeGreaterThanOrEqual(before + 7_200_000 - 1000);
    expect(result.message).toContain('resumes at');
    expect(result.node.state_flags).toEqual(['DRAIN']);
    expect(audits[0]).toMatchObject({ result: 'success', slurmUser: 'slurm', cluster: 'legacy' });
  });

  it('cancels a pending resume on drain without timeout, resume and state changes', async () => {
    const { service, cancelled, scheduled } = setup();
    const target = { principal: principal('admin'), node: 'node002' };
    await service.drain(target, { reason: 'again' });
    await service.resume(target);
    await service.setState(target, { state: 'DOWN', reason: 'broken' });
    expect(cancelled).toEqual(['main/node002', 'main/node002', 'main/node002']);
    expect(scheduled).toEqual([]);
  });

  it('rejects timeouts over 30 days before calling Slurm', () => {
    const { service, updates } = setup();
    expect(() =>
      service.drain({ principal: principal('admin'), node: 'n1' }, { reason: 'x', timeout: '31d' }),
    ).toThrow(ApiError);
    expect(updates).toEqual([]);
  });

  it('turns a Slurm refusal into the API error and audits the failure', async () => {
    const error = new SlurmError({
      kind: 'not_found',
      message: 'Invalid node name',
      cluster: 'main',
    });
    const { service, audits, scheduled } = setup({ failWith: error });
    await expect(
      service.resume({ principal: principal('operator'), node: 'nosuch' }),
    ).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND', status: 404 });
    expect(audits).toMatchObject([{ result: 'failed', target: 'node:nosuch' }]);
    expect(scheduled).toEqual([]);
  });
});
