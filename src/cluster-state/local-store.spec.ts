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

  describe('changesSince', () => {
    function changedIds(version: number): Set<string> | null {
      const changes = store.changesSince(version);
      return changes && new Set(changes.keys());
    }

    function fill(count: number): void {
      const upserts = Array.from({ length: count }, (_, i) => ({
        id: String(i),
        item: fakeJob(String(i)),
        t: 1,
      }));
      store.apply(upserts, []);
    }

    it('lists the ids changed after a version, removals included', () => {
      fill(20);
      const originals = store.list().slice();
      const start = store.version;
      expect(changedIds(start)).toEqual(new Set());
      store.apply([{ id: '3', item: fakeJob('3', { priority: 7 }), t: 2 }], []);
      const middle = store.version;
      store.apply([{ id: '20', item: fakeJob('20'), t: 2 }], ['4']);
      expect(changedIds(start)).toEqual(new Set(['3', '20', '4']));
      expect(changedIds(middle)).toEqual(new Set(['20', '4']));
      // Each with what it held at that version.
      expect(store.changesSince(start)).toEqual(
        new Map([
          ['3', originals[3]],
          ['20', undefined],
          ['4', originals[4]],
        ]),
      );
      expect(store.changesSince(start)?.get('3')).toBe(originals[3]);
      expect(store.changesSince(middle)?.get('4')).toBe(originals[4]);
      expect(changedIds(store.version + 1)).toBeNull();
    });

    it('counts what replace() changed, even an apply() between its slices', async () => {
      fill(1200);
      const start = store.version;
      const all = [...store.list()].map((item) => ({ id: item.id, item: { ...item }, t: 5 }));
      all[0] = { id: '0', item: fakeJob('0', { priority: 1 }), t: 5 };
      all.pop();
      const replacing = store.replace(all);
      // Lands while replace() yields for the second time: after it compared item 700.
      await new Promise((resolve) => setImmediate(resolve));
      store.apply([{ id: '700', item: fakeJob('700', { state: 'RUNNING' }), t: 6 }], []);
      const afterApply = store.version;
      expect((await replacing)?.ids).toEqual(['0', '700', '1199']);
      expect(changedIds(afterApply)).toEqual(new Set(['0', '700', '1199']));
      expect(changedIds(start)).toEqual(new Set(['0', '700', '1199']));
      expect(store.changesSince(afterApply)?.get('700')?.state).toBe('RUNNING');
      expect(store.changesSince(start)?.get('700')?.state).toBe('PENDING');
      expect(store.changesSince(start)?.get('1199')?.id).toBe('1199');
      expect(store.get('700')?.state).toBe('PENDING');
    });

    it('is null once the log no longer reaches back that far', () => {
      fill(1000);
      const start = store.version;
      for (let i = 0; i < 128; i++) {
        store.apply([{ id: '1', item: fakeJob('1', { priority: i }), t: 1 }], []);
      }
      expect(changedIds(start)).toEqual(new Set(['1']));
      store.apply([{ id: '2', item: fakeJob('2', { priority: 1 }), t: 1 }], []);
      expect(changedIds(start)).toBeNull();
      expect(changedIds(start + 1)).toEqual(new Set(['1', '2']));
    });

    it('forgets the oldest changes past 20,000 ids in the log', () => {
      fill(1000);
      const start = store.version;
      const touch = (priority: number): void => {
        const upserts = Array.from({ length: 200 }, (_, i) => ({
          id: String(i),
          item: fakeJob(String(i), { priority }),
          t: 1,
        }));
        store.apply(upserts, []);
      };
      for (let i = 0; i < 100; i++) touch(i);
      expect(changedIds(start)?.size).toBe(200);
      touch(100);
      expect(changedIds(start)).toBeNull();
      expect(changedIds(start + 1)?.size).toBe(200);
    });

    it('answers again right after a change of most items (a resync)', async () => {
      fill(12);
      const start = store.version;
      const all = store
        .list()
        .map((item) => ({ id: item.id, item: { ...item, priority: 1 }, t: 2 }));
      await store.replace(all);
      expect(changedIds(start)).toBeNull();
      const after = store.version;
      expect(changedIds(after)).toEqual(new Set());
      store.apply([{ id: '5', item: fakeJob('5'), t: 3 }], []);
      expect(store.changesSince(after)).toEqual(new Map([['5', all[5].item]]));
    });

    it('is null when more than a quarter of the items changed', () => {
      fill(12);
      const start = store.version;
      store.apply([{ id: '1', item: fakeJob('1', { priority: 1 }), t: 1 }], ['2']);
      expect(changedIds(start)).toEqual(new Set(['1', '2']));
      store.apply([{ id: '3', item: fakeJob('3', { priority: 1 }), t: 1 }], []);
      expect(changedIds(start)).toBeNull();
    });
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
