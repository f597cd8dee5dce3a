/** Helpers for the specs (and bench/selection-bench.mjs) of incremental selections. */
import type { Job } from '@app/slurm-gateway';
import type { LocalStore } from '../../cluster-state/local-store.js';
import { JobSnapshot } from '../../cluster-state/snapshot.js';

/** The specs change `store` directly; the snapshot's writes to Slurm are never called. */
export function snapshotOver(store: LocalStore<Job>): JobSnapshot {
  const unused = (): Promise<never> => Promise.reject(new Error('not used in this spec'));
  const backend = {
    write: unused,
    fetch: unused,
    notReady: () => new Error('not ready'),
    failing: () => false,
  };
  return new JobSnapshot(store, backend, { readyTimeoutMs: 1 });
}

/** mulberry32: a small seeded PRNG, so every run replays the same jobs and changes. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
