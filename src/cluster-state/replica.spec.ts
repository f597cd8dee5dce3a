import { NotLeaderError } from './redis-snapshot-store.js';
import { SnapshotReplica } from './replica.js';
import { fakeJob, MemoryShared, settle } from './testing/fakes.js';

describe('SnapshotReplica', () => {
  let shared: MemoryShared;
  let errors: unknown[];
  let released: string[];

  function replica(owner: string): SnapshotReplica {
    const r = new SnapshotReplica('main', shared.store(), owner, {
      leaderReleased: () => released.push(owner),
      error: (error) => errors.push(error),
    });
    shared.subscribe((raw) => r.receive(raw));
    return r;
  }

  beforeEach(() => {
    shared = new MemoryShared();
    errors = [];
    released = [];
  });

  it('a write is readable at once by its writer and shortly after by every other process', async () => {
    const a = replica('a');
    const b = replica('b');
    await Promise.all([a.resync(), b.resync()]);
    await a.write('job', [{ id: '1', item: fakeJob('1', { state: 'RUNNING' }), t: 10 }], []);
    expect(a.jobs.get('1')?.state).toBe('RUNNING');
    await settle();
    expect(b.jobs.get('1')?.state).toBe('RUNNING');
    expect([a.version, b.version]).toEqual([1, 1]);
    expect(errors).toEqual([]);
  });

  it('older data never overwrites newer data, in Redis or in any copy', async () => {
    const a = replica('a');
    const b = replica('b');
    await Promise.all([a.resync(), b.resync()]);
    await b.write('job', [{ id: '1', item: fakeJob('1', { state: 'CANCELLED' }), t: 20 }], []);
    const result = await a.write('job', [{ id: '1', item: fakeJob('1'), t: 10 }], []);
    expect(result.up).toEqual([]);
    await settle();
    expect(a.jobs.get('1')?.state).toBe('CANCELLED');
    expect(b.jobs.get('1')?.state).toBe('CANCELLED');
  });

  it('a removal spares data read after it was decided', async () => {
    const a = replica('a');
    await a.resync();
    await a.write('job', [{ id: '1', item: fakeJob('1'), t: 50 }], []);
    await a.write('job', [], [{ id: '1', notAfter: 40 }]);
    expect(a.jobs.get('1')).toBeDefined();
    await a.write('job', [], [{ id: '1', notAfter: 60 }]);
    expect(a.jobs.get('1')).toBeUndefined();
  });

  it('propagates confirmations, which make the snapshot ready', async () => {
    const a = replica('a');
    const b = replica('b');
    await Promise.all([a.resync(), b.resync()]);
    const ready = b.jobs.waitConfirmed(1000);
    await a.write('job', [], [], { confirmAt: 1234 });
    await expect(ready).resolves.toBe(true);
    expect(b.jobs.confirmedAt).toBe(1234);
    expect(a.jobs.confirmedAt).toBe(1234);
  });

  it('reloads everything after a missed notice', async () => {
    const a = replica('a');
    const b = replica('b');
    await Promise.all([a.resync(), b.resync()]);
    shared.autoDeliver = false;
    const write = a.write('job', [{ id: '1', item: fakeJob('1'), t: 1 }], []);
    await settle();
    shared.dropPending();
    await a.resync();
    await write.catch(() => undefined);
    shared.autoDeliver = true;
    await a.write('job', [{ id: '2', item: fakeJob('2'), t: 1 }], []);
    await settle();
    // b never saw version 1, so version 2 is a gap: it reloads and has both jobs.
    expect([...b.jobs.ids()].sort()).toEqual(['1', '2']);
    expect(b.version).toBe(2);
  });

  it('loads what Redis already holds at start, including the last confirmation', async () => {
    const a = replica('a');
    await a.resync();
    await a.write('node', [{ id: 'n1', item: { name: 'n1' }, t: 1 }], [], { confirmAt: 99 });
    const late = replica('late');
    await late.resync();
    expect(late.nodes.get('n1')).toEqual({ name: 'n1' });
    expect(late.nodes.confirmedAt).toBe(99);
    expect(late.jobs.confirmedAt).toBeNull();
  });

  it('fenced writes fail for a process that does not hold the lock', async () => {
    const a = replica('a');
    await a.resync();
    await expect(a.write('job', [], [], { confirmAt: 1, fenced: true })).rejects.toBeInstanceOf(
      NotLeaderError,
    );
    shared.lockHolder = 'a';
    await expect(a.write('job', [], [], { confirmAt: 1, fenced: true })).resolves.toBeDefined();
  });

  it('tells other processes when the leader resigns', async () => {
    const a = replica('a');
    replica('b');
    await a.announceResignation();
    await settle();
    expect(released).toEqual(['b']);
  });
});
