import type { Job, Node } from '@app/slurm-gateway';
import { SingleFlight } from './concurrency.js';
import type { Removal, SnapshotListener, Stamped } from './cluster-state.types.js';
import type { LocalStore } from './local-store.js';

/** How a snapshot reaches shared storage and Slurm (provided by the cluster runtime). */
export interface SnapshotBackend<T> {
  write(upserts: readonly Stamped<T>[], removals: readonly Removal[]): Promise<void>;
  /** Reads one item from Slurm; undefined when Slurm does not know it. */
  fetch(id: string): Promise<T | undefined>;
  /** Error for a snapshot that never became ready in time. */
  notReady(): Error;
  /** True when this process polls and its polls fail: waiting for data would be in vain. */
  failing(): boolean;
}

export interface SnapshotOptions {
  readyTimeoutMs: number;
  now?: () => number;
}

/**
 * One cluster's live jobs or nodes as every API process sees them. Reads never call Slurm;
 * the cluster's single poller keeps the data current and writers (mutations) refresh items.
 */
export abstract class Snapshot<T> {
  private readonly refreshes = new SingleFlight<string, T | undefined>();
  protected readonly now: () => number;

  constructor(
    protected readonly local: LocalStore<T>,
    private readonly backend: SnapshotBackend<T>,
    private readonly options: SnapshotOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  protected abstract idOf(item: T): string;

  get cluster(): string {
    return this.local.cluster;
  }

  /** Grows by one with every change applied in this process (cache key for derived views). */
  get version(): number {
    return this.local.version;
  }

  get size(): number {
    return this.local.size;
  }

  /** Every item (a new array each call; the items themselves must not be mutated). */
  all(): T[] {
    return this.local.list().slice();
  }

  /** Every item, shared with other callers until the next change: never mutate it. */
  list(): readonly T[] {
    return this.local.list();
  }

  get(id: string): T | undefined {
    return this.local.get(id);
  }

  /**
   * The ids changed after `version` (see `version`), each with its item at `version`
   * (undefined: none), or null when no longer known or too many: derived views then rebuild
   * from `list()`.
   */
  changesSince(version: number): ReadonlyMap<string, T | undefined> | null {
    return this.local.changesSince(version);
  }

  /**
   * Whole seconds since the poller last confirmed the snapshot matches Slurm (for the
   * `Age` / `X-Data-Age` headers). Infinity before the first confirmation: await `ready()`.
   */
  ageSeconds(): number {
    const at = this.local.confirmedAt;
    if (at === null) return Number.POSITIVE_INFINITY;
    return Math.max(0, Math.floor((this.now() - at) / 1000));
  }

  /**
   * Resolves once the snapshot holds confirmed data; rejects after the configured wait, or at
   * once when Slurm is failing and there has never been data to serve.
   */
  async ready(): Promise<void> {
    if (this.local.confirmedAt === null && this.backend.failing()) throw this.backend.notReady();
    if (!(await this.local.waitConfirmed(this.options.readyTimeoutMs))) {
      throw this.backend.notReady();
    }
  }

  /**
   * Resolves true once a poll that began at or after `at` (epoch ms) has confirmed the
   * snapshot, false after `timeoutMs`. Such a snapshot holds every item Slurm had at `at`,
   * except that jobs first seen by a state-only poll (slurmrestd v0.0.40+) are held once
   * their details have been fetched, shortly after.
   */
  confirmedSince(at: number, timeoutMs: number): Promise<boolean> {
    return this.local.waitConfirmed(timeoutMs, at);
  }

  /** Stores an item read from Slurm just now, in every process. */
  upsert(item: T): Promise<void> {
    return this.backend.write([{ id: this.idOf(item), item, t: this.now() }], []);
  }

  /** Drops an item Slurm no longer knows, in every process. */
  remove(id: string): Promise<void> {
    return this.backend.write([], [{ id, notAfter: this.now() + 1 }]);
  }

  /**
   * Reads one item from Slurm and stores it (or removes it when Slurm does not know it);
   * concurrent calls for one id share a single request. Resolves with the stored item.
   */
  refresh(id: string): Promise<T | undefined> {
    return this.refreshes.run(id, async () => {
      const t = this.now();
      const item = await this.backend.fetch(id);
      if (item === undefined) {
        await this.backend.write([], [{ id, notAfter: t + 1 }]);
        return undefined;
      }
      await this.backend.write([{ id, item, t }], []);
      return this.local.get(id) ?? item;
    });
  }

  /** Calls `listener` after every change applied in this process. Returns an unsubscribe. */
  onChange(listener: SnapshotListener): () => void {
    return this.local.onChange(listener);
  }
}

export class JobSnapshot extends Snapshot<Job> {
  protected idOf(job: Job): string {
    return job.id;
  }

  /** Re-reads a job after a mutation (submit, hold, cancel...) so every reader sees it at once. */
  refreshJob(id: string): Promise<Job | undefined> {
    return this.refresh(id);
  }
}

export class NodeSnapshot extends Snapshot<Node> {
  protected idOf(node: Node): string {
    return node.name;
  }

  /** Re-reads a node after a mutation (drain, resume...). */
  refreshNode(name: string): Promise<Node | undefined> {
    return this.refresh(name);
  }
}
