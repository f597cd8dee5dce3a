import { SnapshotReplica } from './replica.js';
import { JobSnapshot, type SnapshotBackend } from './snapshot.js';
import type { Job } from '@app/slurm-gateway';
import { fakeJob, FakeSlurm, MemoryShared } from './testing/fakes.js';

describe('JobSnapshot', () => {
  let slurm: FakeSlurm;
  let replica: SnapshotReplica;
  let clock: { now: number };
  let failing = false;

  function snapshot(readyTimeoutMs = 50): JobSnapshot {
    const backend: SnapshotBackend<Job> = {
      write: async (upserts, removals) => {
        await replica.write('job', upserts, removals);
      },
      fetch: (id) => slurm.getJob(id).catch(() => undefined),
      notReady: () => new Error('not ready'),
      failing: () => failing,
    };
    return new JobSnapshot(replica.jobs, backend, { readyTimeoutMs, now: () => clock.now });
  }

  beforeEach(async () => {
    slurm = new FakeSlurm();
    const shared = new MemoryShared();
    const current = new SnapshotReplica('main', shared.store(), 'a', {
      leaderReleased: () => undefined,
      error: () => undefined,
    });
    shared.subscribe((raw) => current.receive(raw));
    replica = current;
    await replica.resync();
    clock = { now: 1_000_000 };
  });

  it('refreshJob shares one Slurm call among concurrent callers and stores the job', async () => {
    const jobs = snapshot();
    slurm.put(fakeJob('42', { state: 'RUNNING' }));
    const [a, b] = await Promise.all([jobs.refreshJob('42'), jobs.refreshJob('42')]);
    expect(a?.state).toBe('RUNNING');
    expect(b).toBe(a);
    expect(slurm.calls).toEqual(['getJob:42']);
    expect(jobs.get('42')?.state).toBe('RUNNING');
    expect(jobs.all().map((j) => j.id)).toEqual(['42']);
  });

  it('refreshJob removes a job Slurm no longer knows', async () => {
    const jobs = snapshot();
    await jobs.upsert(fakeJob('7'));
    clock.now += 10;
    await expect(jobs.refreshJob('7')).resolves.toBeUndefined();
    expect(jobs.get('7')).toBeUndefined();
  });

  it('all() returns a copy the caller may sort', async () => {
    const jobs = snapshot();
    await jobs.upsert(fakeJob('1'));
    await jobs.upsert(fakeJob('2'));
    jobs.all().reverse();
    expect(jobs.all().map((j) => j.id)).toEqual(['1', '2']);
    expect(jobs.version).toBe(2);
  });

  it('list() is shared until a change; changesSince() names what changed since a version', async () => {
    const jobs = snapshot();
    for (const id of ['1', '3', '4', '5', '6', '7', '8', '9']) await jobs.upsert(fakeJob(id));
    const listed = jobs.list();
    expect(jobs.list()).toBe(listed);
    const since = jobs.version;
    clock.now += 10;
    await jobs.upsert(fakeJob('1', { priority: 5 }));
    await jobs.upsert(fakeJob('2'));
    expect(jobs.list()).not.toBe(listed);
    expect(jobs.changesSince(since)).toEqual(
      new Map([
        ['1', listed[0]],
        ['2', undefined],
      ]),
    );
    expect(jobs.changesSince(jobs.version)).toEqual(new Map());
  });

  it('reports its age in whole seconds since the last confirmation', async () => {
    const jobs = snapshot();
    expect(jobs.ageSeconds()).toBe(Number.POSITIVE_INFINITY);
    await replica.write('job', [], [], { confirmAt: clock.now - 2500 });
    expect(jobs.ageSeconds()).toBe(2);
  });

  it('ready() waits for the first confirmation, or fails after the configured wait', async () => {
    const jobs = snapshot(20);
    await expect(jobs.ready()).rejects.toThrow('not ready');
    const ready = snapshot(1000).ready();
    await replica.write('job', [], [], { confirmAt: 1 });
    await expect(ready).resolves.toBeUndefined();
  });

  it('ready() fails at once while polls fail and there was never data', async () => {
    failing = true;
    const started = Date.now();
    await expect(snapshot(10_000).ready()).rejects.toThrow('not ready');
    expect(Date.now() - started).toBeLessThan(1000);
    await replica.write('job', [], [], { confirmAt: 1 });
    // Once there is data, a failing poller serves it (with its age) rather than an error.
    await expect(snapshot(10_000).ready()).resolves.toBeUndefined();
    failing = false;
  });

  it('remove() drops the job everywhere', async () => {
    const jobs = snapshot();
    await jobs.upsert(fakeJob('5'));
    clock.now += 1;
    await jobs.remove('5');
    expect(jobs.size).toBe(0);
  });
});
