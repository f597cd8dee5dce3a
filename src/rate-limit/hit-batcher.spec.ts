import { setImmediate as nextTurn } from 'node:timers/promises';
import { HitBatcher, type CountedHits } from './hit-batcher.js';

/** An in-memory store that records each call: key → [n of each call]. */
function recordingStore() {
  const counters = new Map<string, number>();
  const calls: [string, number][] = [];
  const count = (key: string, n: number): Promise<CountedHits> => {
    calls.push([key, n]);
    const hits = (counters.get(key) ?? 0) + n;
    counters.set(key, hits);
    return Promise.resolve({ hits, msToExpire: 5000 });
  };
  return { count, calls };
}

describe('HitBatcher', () => {
  it('counts the hits of one turn with one call and gives each its own count', async () => {
    const store = recordingStore();
    const batcher = new HitBatcher(store.count);
    const first = await Promise.all([batcher.hit('a'), batcher.hit('a'), batcher.hit('a')]);
    expect(first.map((c) => c.hits)).toEqual([1, 2, 3]);
    expect(first.every((c) => c.msToExpire === 5000)).toBe(true);
    const second = await Promise.all([batcher.hit('a'), batcher.hit('a')]);
    expect(second.map((c) => c.hits)).toEqual([4, 5]);
    expect(store.calls).toEqual([
      ['a', 3],
      ['a', 2],
    ]);
  });

  it('keeps keys apart', async () => {
    const store = recordingStore();
    const batcher = new HitBatcher(store.count);
    const counts = await Promise.all([batcher.hit('a'), batcher.hit('b'), batcher.hit('a')]);
    expect(counts.map((c) => c.hits)).toEqual([1, 1, 2]);
    expect(store.calls).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('starts a new batch for hits made while one is on its way', async () => {
    let release: () => void = () => undefined;
    const calls: number[] = [];
    let total = 0;
    const batcher = new HitBatcher(async (_key, n) => {
      calls.push(n);
      if (calls.length === 1) await new Promise<void>((done) => (release = done));
      total += n;
      return { hits: total, msToExpire: 1 };
    });
    const early = batcher.hit('a');
    await nextTurn();
    const late = Promise.all([batcher.hit('a'), batcher.hit('a')]);
    await nextTurn();
    expect(calls).toEqual([1, 2]);
    release();
    expect((await early).hits).toBe(3); // the store counted the later batch first
    expect((await late).map((c) => c.hits)).toEqual([1, 2]);
  });

  it('fails every hit of a batch whose call failed, and only those', async () => {
    let fail = true;
    const batcher = new HitBatcher((_key, n) =>
      fail ? Promise.reject(new Error('down')) : Promise.resolve({ hits: n, msToExpire: 1 }),
    );
    const failed = await Promise.allSettled([batcher.hit('a'), batcher.hit('a')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await batcher.hit('a')).hits).toBe(1);
  });
});
