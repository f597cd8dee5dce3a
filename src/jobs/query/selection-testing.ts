/** A real job snapshot over a real store, for the specs of incremental selections. */
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
