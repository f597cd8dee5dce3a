import { jest } from '@jest/globals';
import { SlurmError, type Job, type SlurmClient, type SlurmGateway } from '@app/slurm-gateway';
import type { AuditEntry, AuditService } from '../../audit/audit.service.js';
import type { Principal, Role } from '../../auth/principal.js';
import { jobNotFound, type JobLocator } from '../job-locator.js';
import { liveJob } from '../testing/job-fixtures.js';
import { JobActionsService } from './job-actions.service.js';

function principal(role: Role, slurmUser: string): Principal {
  return {
    id: `${role}-${slurmUser}`,
    name: slurmUser,
    role,
    scopes: ['jobs:read', 'jobs:write'],
    slurmUserFor: () => slurmUser,
    tier: 'free',
    rateLimit: 1000,
    authMethod: 'api_key',
  };
}

function setup(jobs: Job[]) {
  const calls: { actAs: string; method: string; args: unknown[] }[] = [];
  const failWith: { error?: SlurmError } = {};
  const gateway = {
    client: (cluster: string, actAs = 'slurm') => {
      const record =
        (method: string) =>
        (...args: unknown[]) => {
          calls.push({ actAs, method, args });
          return failWith.error
            ? Promise.reject(failWith.error)
            : Promise.resolve({ warnings: [] });
        };
      return {
        cluster,
        actAs,
        cancelJob: record('cancelJob'),
        signalJob: record('signalJob'),
        updateJob: record('updateJob'),
        requeueJob: record('requeueJob'),
      } as unknown as SlurmClient;
    },
  } as unknown as SlurmGateway;
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const locator = {
    cluster: (name?: string) => name ?? 'main',
    locate: (_cluster: string, id: string) => {
      const job = byId.get(id);
      return job
        ? Promise.resolve({ job, live: job, record: undefined })
        : Promise.reject(jobNotFound(id));
    },
    refresh: (_cluster: string, id: string) => Promise.resolve(byId.get(id)),
  } as unknown as JobLocator;
  const audits: AuditEntry[] = [];
  const audit = {
    record: jest.fn((entry: AuditEntry) => {
      audits.push(entry);
      return Promise.resolve();
    }),
  } as unknown as AuditService;
  return { service: new JobActionsService(gateway, locator, audit), calls, audits, failWith };
}

const alice = principal('user', 'alice');
const bob = principal('user', 'bob');
const operator = principal('operator', 'carol');

describe('JobActionsService', () => {
  it("acts as the owner's Slurm user and audits the success", async () => {
    const { service, calls, audits } = setup([liveJob('1', { state: 'PENDING' })]);
    const result = await service.hold(alice, 'main', '1', 'debugging');
    expect(result).toEqual({ job_id: '1', state: 'PENDING', message: 'Job held successfully' });
    expect(calls).toEqual([{ actAs: 'alice', method: 'updateJob', args: ['1', { hold: true }] }]);
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'job.hold',
        target: 'job:1',
        result: 'success',
        slurmUser: 'alice',
        details: { reason: 'debugging' },
      }),
    ]);
  });

  it("denies other users' jobs without calling Slurm, and audits the denial", async () => {
    const { service, calls, audits } = setup([liveJob('1')]);
    await expect(service.cancel(bob, 'main', '1', {})).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      status: 403,
    });
    expect(calls).toEqual([]);
    expect(audits).toEqual([expect.objectContaining({ action: 'job.cancel', result: 'denied' })]);
  });

  it('lets operators act on any job as the service user', async () => {
    const { service, calls } = setup([liveJob('1', { state: 'PENDING' })]);
    await service.release(operator, 'main', '1');
    expect(calls[0]).toMatchObject({ actAs: 'slurm', method: 'updateJob' });
  });

  it('refuses finished jobs with 409 before Slurm, except requeue', async () => {
    const { service, calls } = setup([liveJob('1', { state: 'COMPLETED' })]);
    await expect(service.cancel(alice, 'main', '1', {})).rejects.toMatchObject({
      code: 'RESOURCE_CONFLICT',
      status: 409,
    });
    expect(calls).toEqual([]);
    await service.requeue(alice, 'main', '1');
    expect(calls).toEqual([{ actAs: 'alice', method: 'requeueJob', args: ['1'] }]);
  });

  it('lets owners lower but not raise priorities; set as the service user so it persists', async () => {
    const { service, calls } = setup([liveJob('1', { state: 'PENDING', priority: 500 })]);
    await expect(service.setPriority(alice, 'main', '1', 501)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(calls).toEqual([]);
    await service.setPriority(alice, 'main', '1', 100);
    expect(calls).toEqual([
      { actAs: 'slurm', method: 'updateJob', args: ['1', { priority: 100 }] },
    ]);
    await service.setPriority(operator, 'main', '1', 9000);
    expect(calls).toHaveLength(2);
  });

  it('cancels for SIGTERM/SIGKILL, only signals otherwise, and FULL_JOB with force', async () => {
    const { service, calls } = setup([liveJob('1', { state: 'RUNNING' })]);
    const cancelled = await service.cancel(alice, 'main', '1', {});
    expect(cancelled).toMatchObject({ message: 'Job cancelled successfully' });
    await service.cancel(alice, 'main', '1', { signal: 'usr1' });
    await service.cancel(alice, 'main', '1', { signal: '9', force: true });
    expect(calls.map((c) => [c.method, c.args])).toEqual([
      ['cancelJob', ['1']],
      ['signalJob', ['1', 'SIGUSR1', undefined]],
      ['signalJob', ['1', 'SIGKILL', { flags: ['FULL_JOB'] }]],
    ]);
  });

  it('reports CANCELLED for a cancelled job still completing (22.05 shows COMPLETING)', async () => {
    const { service } = setup([liveJob('2', { state: 'RUNNING', stateFlags: ['COMPLETING'] })]);
    await expect(service.cancel(alice, 'main', '2', {})).resolves.toMatchObject({
      state: 'CANCELLED',
    });
  });

  it("maps Slurm's refusals: conflicts to 409 RESOURCE_CONFLICT, unknown jobs to 404", async () => {
    const { service, failWith, audits } = setup([liveJob('1', { state: 'PENDING' })]);
    failWith.error = new SlurmError({
      kind: 'conflict',
      message: 'Job is held',
      cluster: 'main',
      errorNumber: 2042,
    });
    await expect(service.setPriority(operator, 'main', '1', 5)).rejects.toMatchObject({
      code: 'RESOURCE_CONFLICT',
      message: 'Job 1: Job is held',
    });
    failWith.error = new SlurmError({
      kind: 'not_found',
      message: 'Invalid job id',
      cluster: 'main',
    });
    await expect(service.hold(alice, 'main', '1')).rejects.toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      status: 404,
    });
    expect(audits.map((a) => a.result)).toEqual(['failed', 'failed']);
  });

  it('answers 404 for unknown jobs and audits the attempt', async () => {
    const { service, audits } = setup([]);
    await expect(service.hold(alice, 'main', '42')).rejects.toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
    });
    expect(audits).toEqual([expect.objectContaining({ target: 'job:42', result: 'failed' })]);
  });
});
