import { fixtureBody, fixtureItems } from '../../../test-fixtures/fixtures.js';
import type { Job } from '../../model/job.js';
import {
  accountFromRaw,
  qosFromRaw,
  userFromRaw,
  associationFromRaw,
} from '../shared/accounting.js';
import { historyFromRaw } from '../shared/history.js';
import { reservationFromRaw } from '../shared/reservation.js';
import { jobFromV0038 } from './job.js';
import { nodeFromV0038 } from './node.js';
import { partitionFromV0038 } from './partition.js';
import { submitBodyV0038 } from './requests.js';

const jobs = fixtureItems('legacy', 'jobs', 'jobs').map((raw) => jobFromV0038(raw, 'legacy'));
const job = (name: string, state: string): Job => {
  const found = jobs.find((j) => j.name === name && j.state === state);
  if (!found) throw new Error(`no ${state} ${name} in the legacy fixture`);
  return found;
};

describe('v0.0.38 jobs (recorded from Slurm 22.05)', () => {
  it('normalises a running job', () => {
    const run = job('fx-run', 'RUNNING');
    expect(run).toMatchObject({
      cluster: 'legacy',
      user: 'alice',
      account: 'research',
      partition: 'normal',
      qos: 'normal',
      stateFlags: [],
      reason: null,
      held: false,
      cpus: 2,
      memoryMb: 500,
      memoryPerNodeMb: 500,
      nodeCount: 1,
      gpus: 0,
      timeLimit: 10,
      exitCode: null,
      expectedStartTime: null,
      workingDirectory: '/home/alice',
      // 22.05 reports "" for sbatch's default output: the default pattern, expanded here.
      stdout: 'slurm-%j.out',
      stdoutExpanded: `/home/alice/slurm-${run.id}.out`,
      stderrExpanded: `/home/alice/slurm-${run.id}.out`,
    });
    expect(run.id).toMatch(/^\d+$/);
    expect(run.nodes).toHaveLength(1);
    expect(run.nodes[0]).toMatch(/^node00\d$/);
    expect(run.batchHost).toBe(run.nodes[0]);
    expect(run.startTime).toBeGreaterThan(1_600_000_000);
    expect(run.endTime).toBe((run.startTime ?? 0) + 600);
  });

  it('takes GPUs from the TRES string and memory per CPU × CPUs', () => {
    expect(job('fx-gpu', 'RUNNING')).toMatchObject({
      user: 'bob',
      partition: 'gpu',
      gpus: 2,
      cpus: 4,
      memoryMb: 400,
      memoryPerCpuMb: 100,
      nodes: ['gpu001'],
    });
  });

  it('decodes the wait status of finished jobs', () => {
    expect(job('fx-fail', 'FAILED')).toMatchObject({
      exitCode: 3,
      exitSignal: null,
      reason: 'NonZeroExitCode',
    });
    expect(job('fx-done', 'COMPLETED')).toMatchObject({ exitCode: 0, memoryMb: 300 });
  });

  it('marks a held job and keeps its comment', () => {
    expect(job('fx-held', 'PENDING')).toMatchObject({
      user: 'carol',
      held: true,
      priority: 0,
      reason: 'JobHeldUser',
      comment: 'fixture comment',
      startTime: null,
      endTime: null,
      nodes: [],
      nodeList: null,
    });
  });

  it('normalises array tasks and the pending remainder', () => {
    const pending = job('fx-array', 'PENDING');
    const tasks = jobs.filter((j) => j.name === 'fx-array' && j.state === 'RUNNING');
    expect(pending).toMatchObject({
      arrayJobId: pending.id,
      arrayTaskId: null,
      arrayTaskString: '2-3%2',
      reason: 'JobArrayTaskLimit',
      stdout: '/tmp/fx_%A_%a.out',
      stdoutExpanded: null,
    });
    expect(tasks.map((t) => t.arrayTaskId).sort()).toEqual([0, 1]);
    for (const task of tasks) {
      expect(task.arrayJobId).toBe(pending.id);
      expect(task.stdoutExpanded).toBe(`/tmp/fx_${pending.id}_${task.arrayTaskId}.out`);
    }
  });

  it('reads the single-job answer the same way as the list', () => {
    const [single] = fixtureItems('legacy', 'job-run', 'jobs').map((raw) =>
      jobFromV0038(raw, 'legacy'),
    );
    expect(single.id).toBe(job('fx-run', 'RUNNING').id);
    expect(single.state).toBe('RUNNING');
  });
});

describe('v0.0.38 nodes, partitions, reservations', () => {
  const nodes = fixtureItems('legacy', 'nodes', 'nodes').map((raw) => nodeFromV0038(raw, 'legacy'));

  it('normalises nodes', () => {
    expect(nodes.map((n) => n.name).sort()).toEqual([
      'gpu001',
      'gpu002',
      'node001',
      'node002',
      'node003',
      'node004',
    ]);
    const gpu = nodes.find((n) => n.name === 'gpu001');
    expect(gpu).toMatchObject({
      cpus: 8,
      realMemoryMb: 16000,
      gpusTotal: 4,
      features: ['gpu', 'a100'],
      partitions: ['gpu', 'debug'],
      architecture: 'x86_64',
    });
    expect(gpu?.gpusUsed).toBeGreaterThanOrEqual(2); // fx-gpu holds two of them
    expect(['MIXED', 'ALLOCATED']).toContain(gpu?.state);
    expect(gpu?.allocCpus).toBeGreaterThanOrEqual(4);
    for (const node of nodes) {
      expect(node.cpuLoad === null || node.cpuLoad >= 0).toBe(true);
      expect(node.freeMemoryMb === null || node.freeMemoryMb > 0).toBe(true);
      expect(node.bootTime).toBeGreaterThan(1_600_000_000);
    }
  });

  it('normalises partitions with their limits', () => {
    const parts = fixtureItems('legacy', 'partitions', 'partitions').map((raw) =>
      partitionFromV0038(raw, 'legacy'),
    );
    expect(parts.map((p) => [p.name, p.isDefault, p.maxTime, p.defaultTime, p.totalCpus])).toEqual([
      ['normal', true, 10080, 60, 16],
      ['gpu', false, 2880, 60, 16],
      ['debug', false, 30, 10, 32],
    ]);
    const debug = parts.find((p) => p.name === 'debug');
    expect(debug?.nodes).toEqual(['gpu001', 'gpu002', 'node001', 'node002', 'node003', 'node004']);
    expect(debug).toMatchObject({ state: 'UP', maxNodes: null, priorityTier: 10 });
  });

  it('normalises reservations', () => {
    const [resv] = fixtureItems('legacy', 'reservations', 'reservations').map((raw) =>
      reservationFromRaw(raw, 'legacy'),
    );
    expect(resv).toMatchObject({
      name: 'fx_resv',
      nodes: ['node004'],
      users: ['alice'],
      accounts: [],
      coreCount: 4,
    });
    expect(resv.flags).toContain('MAINT');
    expect((resv.endTime ?? 0) - (resv.startTime ?? 0)).toBe(3600);
  });
});

describe('dbv0.0.38 accounting', () => {
  it('joins users with their associations (QOS from the association records)', () => {
    const associations = fixtureItems('legacy', 'associations', 'associations')
      .map(associationFromRaw)
      .filter((a) => a !== null);
    const users = fixtureItems('legacy', 'users', 'users').map((raw) =>
      userFromRaw(raw, 'legacy', associations),
    );
    const alice = users.find((u) => u.name === 'alice');
    expect(alice).toEqual({
      cluster: 'legacy',
      name: 'alice',
      defaultAccount: 'research',
      adminLevel: 'none',
      associations: [
        {
          user: 'alice',
          account: 'research',
          cluster: 'legacy',
          partition: null,
          qos: ['high', 'normal'],
          defaultQos: 'normal',
        },
      ],
    });
    expect(users.find((u) => u.name === 'carol')?.defaultAccount).toBe('physics');
  });

  it('reads accounts and the QOS list (named "QOS" in dbv0.0.38)', () => {
    const accounts = fixtureItems('legacy', 'accounts', 'accounts').map((raw) =>
      accountFromRaw(raw, 'legacy'),
    );
    expect(accounts.map((a) => a.name).sort()).toEqual(['physics', 'research', 'root']);
    const qos = fixtureItems('legacy', 'qos', 'QOS').map((raw) => qosFromRaw(raw, 'legacy'));
    expect(qos.map((q) => [q.name, q.priority])).toEqual(expect.arrayContaining([['high', 1000]]));
    expect(qos.find((q) => q.name === 'normal')?.maxWallPerJob).toBeNull();
  });

  it('folds steps into a history record', () => {
    const [done] = fixtureItems('legacy', 'db-job-done', 'jobs').map((raw) =>
      historyFromRaw(raw, 'legacy'),
    );
    expect(done).toMatchObject({
      name: 'fx-done',
      user: 'alice',
      state: 'COMPLETED',
      allocCpus: 1,
      allocNodes: 1,
      reqMemMb: 300,
      exitCode: 0,
      workingDirectory: '/home/alice',
    });
    // The job held 60 MB in a shell variable and spun a loop.
    expect(done.maxRssMb).toBeGreaterThanOrEqual(55);
    expect(done.totalCpuSeconds).toBeGreaterThan(0.2);
    expect(done.totalCpuSeconds).toBeCloseTo(done.userCpuSeconds + done.systemCpuSeconds, 6);
    expect(done.elapsed).toBeGreaterThanOrEqual(8);
  });

  it('lists history records with the job ids of the list', () => {
    const records = fixtureItems('legacy', 'db-jobs', 'jobs').map((raw) =>
      historyFromRaw(raw, 'legacy'),
    );
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.name.startsWith('fx-') && /^\d+$/.test(r.id))).toBe(true);
  });
});

describe('v0.0.38 payloads', () => {
  it('puts the script on top and the environment as an object', () => {
    const body = submitBodyV0038({
      script: '#!/bin/sh\ntrue\n',
      workingDirectory: '/tmp',
      nodes: 2,
      maxNodes: 3,
      gpusPerNode: 1,
      timeLimit: 5,
      environment: { FOO: 'bar' },
    });
    expect(body).toEqual({
      script: '#!/bin/sh\ntrue\n',
      job: {
        current_working_directory: '/tmp',
        nodes: '2-3',
        gpus_per_node: '1',
        time_limit: 5,
        environment: { PATH: '/usr/local/bin:/usr/bin:/bin', FOO: 'bar' },
      },
    });
  });

  it('answers a submit with the recorded shape', () => {
    expect(fixtureBody('legacy', 'submit')).toHaveProperty('job_id');
  });
});
