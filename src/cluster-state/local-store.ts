import type {
  SnapshotChange,
  SnapshotKind,
  SnapshotListener,
  Stamped,
} from './cluster-state.types.js';
import { yieldToEventLoop } from './concurrency.js';
import { jsonEqual } from './json-equal.js';

/** Items handled between two event-loop yields when replacing everything. */
const REPLACE_CHUNK = 500;

interface Entry<T> {
  item: T;
  t: number;
}

/**
 * The in-memory copy of one snapshot (jobs or nodes of one cluster) in this process.
 * Reads are plain map lookups; the list is cached until the next change so that many
 * concurrent requests never rebuild it.
 */
export class LocalStore<T> {
  private entries = new Map<string, Entry<T>>();
  private readonly listeners = new Set<SnapshotListener>();
  /** Waiters for a confirmation at or after a time (ms). */
  private readonly readyWaiters = new Map<() => void, number>();
  private cachedList: T[] | null = null;
  private localVersion = 0;
  private confirmed: number | null = null;

  constructor(
    readonly cluster: string,
    readonly kind: SnapshotKind,
  ) {}

  get version(): number {
    return this.localVersion;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Epoch ms of the last confirmation that this copy matches Slurm; null before the first. */
  get confirmedAt(): number | null {
    return this.confirmed;
  }

  get(id: string): T | undefined {
    return this.entries.get(id)?.item;
  }

  /** When the stored data of `id` was read from Slurm (ms), or undefined. */
  stampOf(id: string): number | undefined {
    return this.entries.get(id)?.t;
  }

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** The cached list; callers must not mutate it. */
  list(): readonly T[] {
    this.cachedList ??= Array.from(this.entries.values(), (e) => e.item);
    return this.cachedList;
  }

  /**
   * Applies upserts (only when at least as new as what is held) and removals (always; they
   * arrive in the writer's order). Returns the ids that changed.
   */
  apply(upserts: readonly Stamped<T>[], removals: readonly string[]): SnapshotChange | null {
    const ids: string[] = [];
    const removed: string[] = [];
    for (const { id, item, t } of upserts) {
      const held = this.entries.get(id);
      if (held && held.t > t) continue;
      this.entries.set(id, { item, t });
      ids.push(id);
    }
    for (const id of removals) {
      if (this.entries.delete(id)) {
        ids.push(id);
        removed.push(id);
      }
    }
    return this.changed(ids, removed);
  }

  /**
   * Replaces the whole content (after a resync) and reports only what really differs. Builds
   * the new content in slices between event-loop yields, then swaps it in at once.
   */
  async replace(all: readonly Stamped<T>[]): Promise<SnapshotChange | null> {
    const next = new Map<string, Entry<T>>();
    const ids: string[] = [];
    for (let i = 0; i < all.length; i++) {
      if (i > 0 && i % REPLACE_CHUNK === 0) await yieldToEventLoop();
      const { id, item, t } = all[i];
      const held = this.entries.get(id);
      if (held && jsonEqual(held.item, item)) {
        next.set(id, { item: held.item, t });
      } else {
        next.set(id, { item, t });
        ids.push(id);
      }
    }
    const removed = [...this.entries.keys()].filter((id) => !next.has(id));
    this.entries = next;
    return this.changed([...ids, ...removed], removed);
  }

  /** Records a confirmation (ms); confirmations never move backwards. */
  confirm(at: number): void {
    if (this.confirmed !== null && this.confirmed >= at) return;
    this.confirmed = at;
    for (const [resolve, after] of this.readyWaiters) if (at >= after) resolve();
  }

  /**
   * Resolves true at the first confirmation made at or after `after` (ms; at once when there
   * was one; by default any confirmation), false after `timeoutMs`.
   */
  waitConfirmed(timeoutMs: number, after = Number.NEGATIVE_INFINITY): Promise<boolean> {
    if (this.confirmed !== null && this.confirmed >= after) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        this.readyWaiters.delete(onConfirmed);
        resolve(ok);
      };
      const onConfirmed = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref();
      this.readyWaiters.set(onConfirmed, after);
    });
  }

  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(ids: string[], removed: string[]): SnapshotChange | null {
    if (ids.length === 0) return null;
    this.cachedList = null;
    this.localVersion++;
    const change: SnapshotChange = {
      cluster: this.cluster,
      kind: this.kind,
      ids,
      removed,
      version: this.localVersion,
    };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A faulty listener must not corrupt the snapshot or starve other listeners.
      }
    }
    return change;
  }
}
