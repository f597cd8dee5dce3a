import type { Job } from '@app/slurm-gateway';
import type { SnapshotChange } from './cluster-state.types.js';
import { LocalStore } from './local-store.js';
import { fakeJob } from './testing/fakes.js';

describe('LocalStore', () => {
  let store: LocalStore<Job>;
  let changes: SnapshotChange[];

  beforeEach(() => {
    store = new LocalStore<Job>('main', 'job');
    changes = [];
    store.onChange((change) => changes.push(change));
  });

  it('keeps newer data: an upsert older than what it holds is ignored', () => {
    store.apply([{ id: '1', item: fakeJob('1', { state: 'RUNNING' }), t: 200 }], []);
    store.apply([{ id: '1', item: fakeJob('1', { state: 'PENDING' }), t: 100 }], []);
    expect(store.get('1')?.state).toBe('RUNNING');
    store.apply([{ id: '1', item: fakeJob('1', { state: 'COMPLETED' }), t: 200 }], []);
    expect(store.get('1')?.state).toBe('COMPLETED');
    expect(store.stampOf('1')).toBe(200);
    expect(changes.map((c) => c.ids)).toEqual([['1'], ['1']]);
  });

  it('reuses the cached list until something changes', () => {
    store.apply([{ id: '1', item: fakeJob('1'), t: 1 }], []);
    const first = store.list();
    expect(store.list()).toBe(first);
    store.apply([{ id: '2', item: fakeJob('2'), t: 1 }], []);
    expect(store.list()).not.toBe(first);
    expect(store.list().map((j) => j.id)).toEqual(['1', '2']);
    expect(store.version).toBe(2);
  });

  it('reports removals and ignores removal of unknown ids', () => {
    store.apply([{ id: '1', item: fakeJob('1'), t: 1 }], []);
    expect(store.apply([], ['1', '9'])).toMatchObject({ ids: ['1'], removed: ['1'] });
    expect(store.apply([], ['1'])).toBeNull();
    expect(store.size).toBe(0);
  });

  it('replace reports only what differs', async () => {
    store.apply(
      [
        { id: '1', item: fakeJob('1'), t: 1 },
        { id: '2', item: fakeJob('2'), t: 1 },
      ],
      [],
    );
    changes.length = 0;
    const change = await store.replace([
      { id: '1', item: fakeJob('1'), t: 5 },
      { id: '3', item: fakeJob('3'), t: 5 },
    ]);
    expect(change).toMatchObject({ ids: ['3', '2'], removed: ['2'] });
    const same = [...store.list()].map((item) => ({ id: item.id, item: { ...item }, t: 5 }));
    await expect(store.replace(same)).resolves.toBeNull();
  });

  it('confirmations never go backwards and wake waiters', async () => {
    const waiting = store.waitConfirmed(1000);
    store.confirm(500);
    store.confirm(400);
    expect(store.confirmedAt).toBe(500);
    await expect(waiting).resolves.toBe(true);
    await expect(store.waitConfirmed(1)).resolves.toBe(true);
  });

  it('a waiter for a later confirmation ignores older ones', async () => {
    store.confirm(500);
    let woken = false;
    const waiting = store.waitConfirmed(1000, 700).then((ok) => (woken = ok));
    store.confirm(600);
    await Promise.resolve();
    expect(woken).toBe(false);
    store.confirm(700);
    await expect(waiting).resolves.toBe(true);
    await expect(store.waitConfirmed(5, 800)).resolves.toBe(false);
    await expect(store.waitConfirmed(5, 700)).resolves.toBe(true);
  });

  it('a waiter gives up after its timeout', async () => {
    await expect(store.waitConfirmed(5)).resolves.toBe(false);
  });

  it('a throwing listener neither breaks the change nor other listeners', () => {
    store.onChange(() => {
      throw new Error('bad listener');
    });
    store.apply([{ id: '1', item: fakeJob('1'), t: 1 }], []);
    expect(store.get('1')).toBeDefined();
    expect(changes).toHaveLength(1);
  });
});
