import type { JobHistoryQuery, JobHistoryRecord } from '@app/slurm-gateway';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../common/errors/index.js';
import type { ClustersService } from '../clusters/clusters.service.js';
import type { AccountingReader } from './accounting.reader.js';
import type { EfficiencyQueryDto } from './dto/efficiency.dto.js';
import { EfficiencyService } from './efficiency.service.js';

const NOW = Math.floor(Date.now() / 1000);

function record(id: string, over: Partial<JobHistoryRecord> = {}): JobHistoryRecord {
  return {
    id,
    name: `job${id}`,
    user: 'alice',
    account: 'research',
    partition: 'normal',
    state: 'COMPLETED',
    startTime: NOW - 4000,
    endTime: NOW - 400,
    elapsed: 3600,
    allocCpus: 2,
    totalCpuSeconds: 3600,
    maxRssMb: 100,
    reqMemMb: 1000,
    ...over,
  } as JobHistoryRecord;
}

function principal(role: Principal['role'], slurmUser: string): Principal {
  return {
    id: 'p',
    name: slurmUser,
    role,
    scopes: ['metrics:read'],
    slurmUserFor: () => slurmUser,
    tier: 'free',
    rateLimit: 1000,
    authMethod: 'api_key',
  };
}

function setup(records: JobHistoryRecord[]) {
  const queries: JobHistoryQuery[] = [];
  const clusters = { resolve: (name?: string) => name ?? 'main' } as unknown as ClustersService;
  const accounting = {
    history: (_cluster: string, query: JobHistoryQuery) => {
      queries.push(query);
      return Promise.resolve(records);
    },
  } as unknown as AccountingReader;
  return { service: new EfficiencyService(clusters, accounting), queries };
}

const query = (over: Partial<EfficiencyQueryDto> = {}): EfficiencyQueryDto => ({
  limit: 100,
  offset: 0,
  ...over,
});

function codeOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}

describe('EfficiencyService', () => {
  const jobs = [
    record('1', { totalCpuSeconds: 7200 }),
    record('2', { totalCpuSeconds: 720 }),
    record('3', { user: 'bob', totalCpuSeconds: 0 }),
    record('4', { state: 'RUNNING', endTime: null }),
    record('5', { elapsed: 0, allocCpus: 0, state: 'CANCELLED' }),
    record('6', { elapsed: 60, totalCpuSeconds: 1, partition: 'gpu' }),
    record('7', { endTime: NOW - 30 * 86400 }),
  ];

  it('rates finished jobs of the window that ran, least efficient first, with a summary', async () => {
    const { service, queries } = setup(jobs);
    const report = await service.report(principal('operator', 'slurm'), query());
    expect(report.jobs.map((j) => j.job_id)).toEqual(['3', '6', '2', '1']);
    expect(report.jobs[2]).toMatchObject({
      cpu_efficiency: 0.1,
      memory_efficiency: 0.1,
      wasted_core_hours: 1.8,
      elapsed_time: '1:00:00',
      requested_memory: '1000MB',
    });
    expect(report.summary).toMatchObject({ job_count: 4, cpu_efficiency: 0.3647 });
    expect(queries[0]).not.toHaveProperty('users');
  });

  it('gives a user their own jobs and refuses anyone else’s', async () => {
    const { service, queries } = setup(jobs);
    const own = await service.report(principal('user', 'alice'), query());
    expect(new Set(own.jobs.map((j) => j.user))).toEqual(new Set(['alice']));
    expect(queries[0].users).toEqual(['alice']);
    await expect(
      service.report(principal('user', 'alice'), query({ user: 'bob' })).catch(codeOf),
    ).resolves.toBe('PERMISSION_DENIED');
    const bob = await service.report(principal('admin', 'root'), query({ user: 'bob' }));
    expect(bob.jobs.map((j) => j.job_id)).toEqual(['3']);
  });

  it('filters partition and minimum runtime, and validates the runtime', async () => {
    const { service } = setup(jobs);
    const gpu = await service.report(principal('admin', 'root'), query({ partition: 'gpu' }));
    expect(gpu.jobs.map((j) => j.job_id)).toEqual(['6']);
    const long = await service.report(principal('admin', 'root'), query({ min_runtime: '30m' }));
    expect(long.jobs.map((j) => j.job_id)).not.toContain('6');
    await expect(
      service.report(principal('admin', 'root'), query({ min_runtime: 'later' })).catch(codeOf),
    ).resolves.toBe('VALIDATION_ERROR');
  });

  it('pages the rated jobs while the summary covers them all', async () => {
    const { service } = setup(jobs);
    const page = await service.report(principal('admin', 'root'), query({ limit: 1, offset: 1 }));
    expect(page).toMatchObject({ total: 4, limit: 1, offset: 1, has_more: true });
    expect(page.jobs.map((j) => j.job_id)).toEqual(['6']);
    expect(page.summary.job_count).toBe(4);
  });
});
