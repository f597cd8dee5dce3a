/** Shared types of the cluster-state module. */

export type SnapshotKind = 'job' | 'node';

/** What changed in one snapshot: `ids` lists every changed id, `removed` the subset that is gone. */
export interface SnapshotChange {
  cluster: string;
  kind: SnapshotKind;
  ids: readonly string[];
  removed: readonly string[];
  /** The snapshot's local version after the change. */
  version: number;
}

export type SnapshotListener = (change: SnapshotChange) => void;

/** An item with the time (ms) its data was read from Slurm: newer data always wins. */
export interface Stamped<T> {
  id: string;
  item: T;
  t: number;
}

/** Remove `id` only if its stored data was read before `notAfter` (ms). */
export interface Removal {
  id: string;
  notAfter: number;
}
