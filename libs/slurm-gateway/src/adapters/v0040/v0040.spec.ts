import { fixtureItems } from '../../../test-fixtures/fixtures.js';
import type { Job } from '../../model/job.js';
import { associationFromRaw, qosFromRaw, userFromRaw } from '../shared/accounting.js';
import { historyFromRaw } from '../shared/history.js';
import { jobFromV0040, jobStateFromV0040 } from './job.js';
import { nodeFromV0040 } from './node.js';
import { partitionFromV0040 } from './partition.js';
import { submitBodyV0040 } from './requests.js';

const listed = (name: string): Job[] =>
  fixtureItems('main', name, 'jobs').map((raw) => jobFromV0040(raw, 'main'));
const jobs = listed('jobs');
const job = (name: string, state: string): Job => {
  const found = jobs.find((j) => j.name === name && j.state === state);
  if (!found) throw new Error(`no ${state} ${name} in the main fixture`);
  return found;
};

describe('v0.0.40+ jobs (recorded from Slurm 24.11)', () => {
  it('normalises a running job', () => {
    const run = job('fx-run', 'RUNNING');
    expect(run).toMatchObject({
      cluster: 'main',
      user: 'alice',
      account: 'research',
      partition: 'normal',
      held: false,
      cpus: 2,
      memoryMb: 500,
      nodeCount: 1,
      timeLimit: 10,
      exitCode: null,
      stdout: `/home/alice/slurm-${run.id}.out`,
      stdoutExpanded: `/home/alice/slurm-${run.id}.out`,
    });
    expect(run.nodes).toEqual([run.batchHost]);
    expect(run.endTime).toBe((run.startTime ?? 0) + 600);
  });

  it('reads GPUs, memory, exit codes and holds', () => {
    expect(job('fx-gpu', 'RUNNING')).toMatchObject({ gpus: 2, cpus: 4, memoryMb: 400 });
    expect(job('fx-fail', 'FAILED')).toMatchObject({ exitCode: 3, exitSignal: null });
    expect(job('fx-done', 'COMPLETED')).toMatchObject({ exitCode: 0 });
    expect(job('fx-held', 'PENDING')).toMatchObject({
      held: true,
      reason: 'JobHeldUser',
      comment: 'fixture comment',
      startTime: null,
    });
  });

  it('drops the NO_VAL path of the pending array remainder', () => {
    const pending = job('fx-array', 'PENDING');
    expect(pending).toMatchObject({ arrayTaskString: '2-3%2', stdout: null, stdoutExpanded: null });
    const tasks = jobs.filter((j) => j.name === 'fx-array' && j.state === 'RUNNING');
    expect(tasks.map((t) => t.stdoutExpanded).sort()).toEqual([
      `/tmp/fx_${pending.id}_0.out`,
      `/tmp/fx_${pending.id}_1.out`,
    ]);
  });

  it.each(['jobs-v0.0.40', 'jobs-v0.0.41'])('reads %s exactly like v0.0.42', (name) => {
    expect(listed(name)).toEqual(jobs);
  });

  it('parses job state entries, array tasks included', () => {
    const states = fixtureItems('main', 'jobs-state', 'jobs').map(jobStateFromV0040);
    const run = job('fx-run', 'RUNNING');
    expect(states.find((s) => s.id === run.id)).toEqual({
      id: run.id,
      arrayJobId: null,
      arrayTaskId: null,
      arrayTaskString: null,
      state: 'RUNNING',
      stateFlags: [],
    });
    const pending = job('fx-array', 'PENDING');
    const remainder = states.filter((s) => s.id === pending.id && s.state === 'PENDING');
    expect(remainder.map((s) => s.arrayTaskId).sort()).toEqual([2, 3]);
  });
});

describe('v0.0.40+ nodes and partitions', () => {
  it('normalises nodes', () => {
    const nodes = fixtureItems('main', 'nodes', 'nodes').map((raw) => nodeFromV0040(raw, 'main'));
    const gpu = nodes.find((n) => n.name === 'gpu001');
    expect(gpu).toMatchObject({
      cpus: 8,
      gpusTotal: 4,
      features: ['gpu', 'a100'],
      version: '24.11.5',
    });
    expect(gpu?.gpusUsed).toBeGreaterThanOrEqual(2);
    expect(nodes.every((n) => n.freeMemoryMb === null || n.freeMemoryMb > 0)).toBe(true);
  });

  it('normalises partitions; Default=YES is not reported (null)', () => {
    const parts = fixtureItems('main', 'partitions', 'partitions').map((raw) =>
      partitionFromV0040(raw, 'main'),
    );
    expect(parts.map((p) => [p.name, p.isDefault, p.maxTime, p.defaultTime, p.totalCpus])).toEqual([
      ['normal', null, 10080, 60, 16],
      ['gpu', null, 2880, 60, 16],
      ['debug', null, 30, 10, 32],
    ]);
    expect(parts[1]).toMatchObject({ nodes: ['gpu001', 'gpu002'], maxNodes: null, state: 'UP' });
    expect(parts[2].priorityTier).toBe(10);
  });
});

describe('v0.0.40+ accounting', () => {
  it('takes the default account from the association when the user record has none', () => {
    const associations = fixtureItems('main', 'associations', 'associations')
      .map(associationFromRaw)
      .filter((a) => a !== null);
    const users = fixtureItems('main', 'users', 'users').map((raw) =>
      userFromRaw(raw, 'main', associations),
    );
    const alice = users.find((u) => u.name === 'alice');
    expect(alice?.defaultAccount).toBe('research');
    expect(alice?.associations).toEqual([
      {
        user: 'alice',
        account: 'research',
        cluster: 'main',
        partition: null,
        qos: ['normal', 'high'],
        defaultQos: 'normal',
      },
    ]);
    const qos = fixtureItems('main', 'qos', 'qos').map((raw) => qosFromRaw(raw, 'main'));
    expect(qos.find((q) => q.name === 'high')?.priority).toBe(1000);
  });

  it('folds steps into history records, with submit line and output path', () => {
    const [done] = fixtureItems('main', 'db-job-done', 'jobs').map((raw) =>
      historyFromRaw(raw, 'main'),
    );
    expect(done).toMatchObject({ state: 'COMPLETED', reqMemMb: 300, exitCode: 0 });
    expect(done.maxRssMb).toBeGreaterThanOrEqual(55);
    expect(done.totalCpuSeconds).toBeGreaterThan(0.2);
    expect(done.submitLine).toContain('sbatch');
    expect(done.stdout).toBe(`/home/alice/slurm-${done.id}.out`);
    const [fail] = fixtureItems('main', 'db-job-fail', 'jobs').map((raw) =>
      historyFromRaw(raw, 'main'),
    );
    expect(fail).toMatchObject({ state: 'FAILED', exitCode: 3 });
  });
});

describe('v0.0.40+ payloads', () => {
  const request = {
    script: '#!/bin/sh\ntrue\n',
    workingDirectory: '/tmp',
    nodes: 1,
    gpusPerNode: 2,
    memoryPerNodeMb: 100,
    environment: { A: 'b' },
    hold: true,
  };

  it('v0.0.41+ puts the script in job, environment as K=V strings, GPUs as TRES', () => {
    expect(submitBodyV0040(request, 'v0.0.42')).toEqual({
      job: {
        script: '#!/bin/sh\ntrue\n',
        current_working_directory: '/tmp',
        hold: true,
        nodes: '1',
        memory_per_node: 100,
        tres_per_node: 'gres/gpu:2',
        environment: ['PATH=/usr/local/bin:/usr/bin:/bin', 'A=b'],
      },
    });
  });

  it('v0.0.40 keeps the script at the top level', () => {
    const body = submitBodyV0040(request, 'v0.0.40');
    expect(body.script).toBe('#!/bin/sh\ntrue\n');
    expect(body.job).not.toHaveProperty('script');
  });
});
