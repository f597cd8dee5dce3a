import type { Job, Node } from '@app/slurm-gateway';
import type { Removal, Stamped } from './cluster-state.types.js';
import { LocalStore } from './local-store.js';
import { JobPoller, NodePoller, type SnapshotWriter } from './pollers.js';
import type { WriteOptions } from './replica.js';
import { fakeJob, fakeNode, FakeSlurm } from './testing/fakes.js';

/** A writer straight into a local store (the replica/Redis path has its own spec). */
class RecordingWriter<T> implements SnapshotWriter<T> {
  readonly local: LocalStore<T>;
  readonly writes: { upserts: string[]; removals: string[]; options: WriteOptions }[] = [];

  constructor(kind: 'job' | 'node') {
    this.local = new LocalStore<T>('main', kind);
  }

  write(upserts: readonly Stamped<T>[], removals: readonly Removal[], options: WriteOptions = {}) {
    this.writes.push({
      upserts: upserts.map((u) => u.id),
      removals: removals.map((r) => r.id),
      options,
    });
    this.local.apply(
      upserts,
      removals.filter((r) => (this.local.stampOf(r.id) ?? Infinity) < r.notAfter).map((r) => r.id),
    );
    if (options.confirmAt !== undefined) this.local.confirm(options.confirmAt);
    return Promise.resolve();
  }
}

describe('JobPoller', () => {
  let slurm: FakeSlurm;
  let writer: RecordingWriter<Job>;
  let clock: { now: number };
  let errors: string[];

  function poller(overrides: Partial<ConstructorParameters<typeof JobPoller>[2]> = {}) {
    const p = new JobPoller(
      slurm,
      writer,
      {
        fullRefreshMs: 600_000,
        concurrency: 2,
        sweepPerPoll: 2,
        removalMarginMs: 2000,
        now: () => clock.now,
        ...overrides,
      },
      {
        isNotFound: (e) => (e as { kind?: string }).kind === 'not_found',
        error: (e, context) => errors.push(`${context}: ${String(e)}`),
      },
    );
    p.resume({});
    return p;
  }

  beforeEach(() => {
    slurm = new FakeSlurm();
    writer = new RecordingWriter<Job>('job');
    clock = { now: 100_000 };
    errors = [];
  });

  it('loads everything from the state list and one read per job, never a full list', async () => {
    slurm.put(fakeJob('1'), fakeJob('2'));
    const p = poller();
    await p.tick();
    expect(slurm.calls).toEqual(['info', 'jobStates', 'getJob:1', 'getJob:2']);
    expect(writer.local.size).toBe(2);
    expect(writer.local.confirmedAt).toBe(100_000);
    expect(writer.writes.at(-1)?.options.meta).toEqual({ 'job:fullAt': '100000' });

    slurm.calls.length = 0;
    clock.now += 2000;
    await p.tick();
    await p.idle();
    expect(slurm.calls).toEqual(['jobStates']);
    expect(writer.local.confirmedAt).toBe(102_000);
    expect(errors).toEqual([]);
  });

  it('does not confirm a first load with jobs it could not read, and resumes it', async () => {
    slurm.put(fakeJob('1'), fakeJob('2'));
    slurm.failOn = 'getJob:2';
    const p = poller();
    await expect(p.tick()).rejects.toThrow('1 jobs could not be read');
    expect(writer.local.confirmedAt).toBeNull();
    expect(writer.local.get('1')).toBeDefined();
    slurm.failOn = null;
    slurm.calls.length = 0;
    await p.tick();
    expect(slurm.calls).toEqual(['jobStates', 'getJob:2']);
    expect(writer.local.confirmedAt).toBe(100_000);
  });

  it('shows a state change at once, then fetches the job for its other fields', async () => {
    slurm.put(fakeJob('1'));
    const p = poller();
    await p.tick();
    slurm.put(fakeJob('1', { state: 'RUNNING', reason: 'None yet', priority: 5 }));
    slurm.calls.length = 0;
    clock.now += 2000;
    const tick = p.tick();
    await tick;
    // The state is in the snapshot when the tick resolves; the rest follows in the background.
    expect(writer.local.get('1')?.state).toBe('RUNNING');
    await p.idle();
    expect(slurm.calls).toEqual(['jobStates', 'getJob:1']);
    expect(writer.local.get('1')).toMatchObject({ state: 'RUNNING', priority: 5 });
  });

  it('fetches new jobs one by one, removes forgotten ones, and handles a job gone meanwhile', async () => {
    slurm.put(fakeJob('1'), fakeJob('2'));
    const p = poller();
    await p.tick();
    clock.now += 5000;
    slurm.drop('1');
    slurm.put(fakeJob('3'));
    // Job 4 appears in the state list but is purged before its details are read.
    const getJob = slurm.getJob.bind(slurm);
    slurm.put(fakeJob('4'));
    slurm.getJob = (id) => (id === '4' ? (slurm.drop('4'), getJob(id)) : getJob(id));
    slurm.calls.length = 0;
    await p.tick();
    await p.idle();
    expect([...writer.local.ids()].sort()).toEqual(['2', '3']);
    expect(slurm.calls.filter((c) => c.startsWith('getJob')).sort()).toEqual([
      'getJob:3',
      'getJob:4',
    ]);
  });

  it('does not remove a job that was read after the state poll began', async () => {
    const p = poller();
    await p.tick();
    // A mutation elsewhere stored job 9 just now; the state poll below predates it.
    writer.local.apply([{ id: '9', item: fakeJob('9'), t: clock.now + 500 }], []);
    await p.tick();
    expect(writer.local.get('9')).toBeDefined();
  });

  it('reads a burst of new jobs one by one (a full list costs slurmrestd 24.11 too much)', async () => {
    const p = poller();
    await p.tick();
    slurm.put(fakeJob('1'), fakeJob('2'), fakeJob('3'), fakeJob('4'));
    slurm.calls.length = 0;
    clock.now += 2000;
    await p.tick();
    await p.idle();
    expect(slurm.calls).toEqual(['jobStates', 'getJob:1', 'getJob:2', 'getJob:3', 'getJob:4']);
    expect(writer.local.size).toBe(4);
  });

  it('re-reads jobs older than the refresh period, a few per poll, oldest first', async () => {
    slurm.put(fakeJob('1'), fakeJob('2'), fakeJob('3'));
    const p = poller({ fullRefreshMs: 60_000 });
    await p.tick();
    for (const id of ['1', '2', '3']) {
      slurm.jobs.set(id, fakeJob(id, { priority: 999, reason: 'Priority' }));
    }
    slurm.calls.length = 0;
    clock.now += 30_000;
    await p.tick();
    await p.idle();
    expect(slurm.calls).toEqual(['jobStates']);
    expect(writer.local.get('1')?.priority).toBe(100);
    clock.now += 31_000;
    await p.tick();
    await p.idle();
    // sweepPerPoll is 2: two of the three overdue jobs now, the last one at the next poll.
    expect(slurm.calls).toEqual(['jobStates', 'jobStates', 'getJob:1', 'getJob:2']);
    expect(writer.local.get('2')?.priority).toBe(999);
    expect(writer.local.get('3')?.priority).toBe(100);
    clock.now += 2000;
    await p.tick();
    await p.idle();
    expect(slurm.calls.slice(4)).toEqual(['jobStates', 'getJob:3']);
    expect(writer.local.get('3')?.priority).toBe(999);
    expect(slurm.calls).not.toContain('listJobs');
  });

  it('continues from the previous leader: no full list when the snapshot is confirmed', async () => {
    writer.local.apply([{ id: '1', item: fakeJob('1'), t: 99_000 }], []);
    writer.local.confirm(99_000);
    slurm.put(fakeJob('1'));
    const p = poller();
    p.resume({ 'job:fullAt': String(clock.now - 1000) });
    await p.tick();
    await p.idle();
    expect(slurm.calls).toEqual(['info', 'jobStates']);
  });

  describe('on Slurm 22.05 (no state query)', () => {
    beforeEach(() => {
      slurm.jobStateQuery = false;
    });

    it('probes with update_time: unchanged confirms, changed applies the difference', async () => {
      slurm.put(fakeJob('1'), fakeJob('2'));
      const p = poller();
      await p.tick();
      slurm.calls.length = 0;
      clock.now += 2000;
      await p.tick();
      expect(writer.writes.at(-1)).toEqual({
        upserts: [],
        removals: [],
        options: { confirmAt: 102_000, fenced: true },
      });
      slurm.put(fakeJob('2', { state: 'RUNNING' }));
      slurm.drop('1');
      clock.now += 5000;
      await p.tick();
      expect(writer.writes.at(-1)).toMatchObject({ upserts: ['2'], removals: ['1'] });
      expect(writer.local.get('2')?.state).toBe('RUNNING');
      expect(writer.local.get('1')).toBeUndefined();
      expect(slurm.calls).toEqual(['listJobs', 'listJobs']);
    });

    it('resumes with the update_time the previous leader left', async () => {
      writer.local.confirm(1);
      const p = poller();
      p.resume({ 'job:lastUpdate': String(slurm.lastUpdate) });
      await p.tick();
      expect(writer.writes.at(-1)?.upserts).toEqual([]);
    });
  });

  it('a failing poll throws for the loop to count, and nothing is confirmed', async () => {
    const p = poller();
    slurm.failing = new Error('slurmrestd down');
    await expect(p.tick()).rejects.toThrow('slurmrestd down');
    expect(writer.local.confirmedAt).toBeNull();
  });
});

describe('NodePoller', () => {
  it('writes only changed nodes and confirms every poll', async () => {
    const slurm = new FakeSlurm();
    const writer = new RecordingWriter<Node>('node');
    const clock = { now: 10_000 };
    const p = new NodePoller(slurm, writer, { removalMarginMs: 0, now: () => clock.now });
    slurm.nodes.set('n1', fakeNode('n1'));
    slurm.nodes.set('n2', fakeNode('n2'));
    await p.tick();
    slurm.nodes.set('n2', fakeNode('n2', { stateFlags: ['DRAIN'] }));
    slurm.nodes.delete('n1');
    clock.now += 5000;
    await p.tick();
    expect(writer.writes.map((w) => [w.upserts, w.removals])).toEqual([
      [['n1', 'n2'], []],
      [['n2'], ['n1']],
    ]);
    expect(writer.local.get('n2')?.stateFlags).toEqual(['DRAIN']);
    expect(writer.local.confirmedAt).toBe(15_000);
  });
});
