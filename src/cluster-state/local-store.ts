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
/** Bounds of the change log behind `changesSince`: at most this many changes... */
const LOG_MAX_CHANGES = 128;
/** ...and at most this many ids in them (one full replace may take it all). */
const LOG_MAX_IDS = 20_000;

interface Entry<T> {
  item: T;
  t: number;
}

/** One change: the ids it changed and what each held before it (undefined: nothing). */
interface LoggedChange<T> {
  version: number;
  ids: readonly string[];
  before: readonly (T | undefined)[];
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
  /** The latest changes, oldest first, with consecutive versions. */
  private readonly log: LoggedChange<T>[] = [];
  private loggedIds = 0;
  /** The oldest version from which the log still holds every later change. */
  private logFloor = 0;
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
   * The ids changed after `version` (added, updated or removed), each with the item it held
   * at `version` (undefined when it did not exist), for views that update themselves instead
   * of starting over. Null when the log no longer reaches back that far, when `version` is
   * not one of this store's, or when more than a quarter of the items changed.
   */
  changesSince(version: number): ReadonlyMap<string, T | undefined> | null {
    if (version < this.logFloor || version > this.localVersion) return null;
    const limit = this.entries.size / 4;
    const changes = new Map<string, T | undefined>();
    const first = this.log.length - (this.localVersion - version);
    for (let i = first; i < this.log.length; i++) {
      const { ids, before } = this.log[i];
      for (let j = 0; j < ids.length; j++) {
        // The first change after `version` saw what the id held at `version`.
        if (!changes.has(ids[j])) changes.set(ids[j], before[j]);
      }
      if (changes.size > limit) return null;
    }
    return changes;
  }

  /**
   * Applies upserts (only when at least as new as what is held) and removals (always; they
   * arrive in the writer's order). Returns the ids that changed.
   */
  apply(upserts: readonly Stamped<T>[], removals: readonly string[]): SnapshotChange | null {
    const ids: string[] = [];
    const before: (T | undefined)[] = [];
    const removed: string[] = [];
    for (const { id, item, t } of upserts) {
      const held = this.entries.get(id);
      if (held && held.t > t) continue;
      this.entries.set(id, { item, t });
      ids.push(id);
      before.push(held?.item);
    }
    for (const id of removals) {
      const held = this.entries.get(id);
      if (!held) continue;
      this.entries.delete(id);
      ids.push(id);
      before.push(held.item);
      removed.push(id);
    }
    return this.changed({ ids, before }, removed);
  }

  /**
   * Replaces the whole content (after a resync) and reports only what really differs. Builds
   * the new content in slices between event-loop yields, then swaps it in at once.
   */
  async replace(all: readonly Stamped<T>[]): Promise<SnapshotChange | null> {
    const next = new Map<string, Entry<T>>();
    for (let i = 0; i < all.length; i++) {
      if (i > 0 && i % REPLACE_CHUNK === 0) await yieldToEventLoop();
      const { id, item, t } = all[i];
      const held = this.entries.get(id);
      next.set(id, { item: held && jsonEqual(held.item, item) ? held.item : item, t });
    }
    // Compared again at the swap, by identity: an apply() between two slices may have
    // changed an item after it was compared, and the change log must still list it.
    const ids: string[] = [];
    const before: (T | undefined)[] = [];
    for (const [id, entry] of next) {
      const held = this.entries.get(id)?.item;
      if (held !== entry.item) {
        ids.push(id);
        before.push(held);
      }
    }
    const removed: string[] = [];
    for (const [id, held] of this.entries) {
      if (next.has(id)) continue;
      ids.push(id);
      before.push(held.item);
      removed.push(id);
    }
    this.entries = next;
    return this.changed({ ids, before }, removed);
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

  private changed(
    { ids, before }: Pick<LoggedChange<T>, 'ids' | 'before'>,
    removed: readonly string[],
  ): SnapshotChange | null {
    if (ids.length === 0) return null;
    this.cachedList = null;
    this.localVersion++;
    this.record({ version: this.localVersion, ids, before });
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

  private record(change: LoggedChange<T>): void {
    if (change.ids.length > this.entries.size / 4) {
      // No answer can reach back across it (see changesSince): start the log after it
      // rather than keep every item it replaced (a resync may replace all of them).
      this.log.length = 0;
      this.loggedIds = 0;
      this.logFloor = change.version;
      return;
    }
    this.log.push(change);
    this.loggedIds += change.ids.length;
    while (this.log.length > LOG_MAX_CHANGES || this.loggedIds > LOG_MAX_IDS) {
      const dropped = this.log.shift();
      if (!dropped) break;
      this.loggedIds -= dropped.ids.length;
      this.logFloor = dropped.version;
    }
  }
}
