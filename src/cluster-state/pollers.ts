import type { Job, ListJobsResult, Node } from '@app/slurm-gateway';
import { mapWithConcurrency } from './concurrency.js';
import type { Removal, Stamped } from './cluster-state.types.js';
import { DetailQueue } from './detail-queue.js';
import type { LocalStore } from './local-store.js';
import { diffFullList, planJobStateRefresh } from './refresh-plan.js';
import type { WriteOptions } from './replica.js';
import type { SlurmStateSource } from './slurm-source.js';

/** Where pollers put what they learn: the local copy to compare with, and a shared writer. */
export interface SnapshotWriter<T> {
  readonly local: LocalStore<T>;
  write(
    upserts: readonly Stamped<T>[],
    removals: readonly Removal[],
    options?: WriteOptions,
  ): Promise<void>;
}

export interface JobPollerOptions {
  /** Every job's details are read again at least this often (ms): fields state polls miss. */
  fullRefreshMs: number;
  /** Parallel GET job/{id} calls. */
  concurrency: number;
  /** v0.0.40+: at most this many overdue jobs are re-read per state poll. */
  sweepPerPoll: number;
  /** Slack (ms) for clock skew between processes before a missing item is removed. */
  removalMarginMs: number;
  now?: () => number;
}

export interface PollerHooks {
  isNotFound(error: unknown): boolean;
  error(error: unknown, context: string): void;
}

type Strategy = 'states' | 'update_time';

/** Jobs read and written together during the first load. */
const LOAD_BATCH = 500;

/**
 * The leader's job refresher. On slurmrestd v0.0.40+ it never lists every job: it polls GET
 * jobs/state (cheap), applies state changes at once, and reads new, changed and overdue jobs
 * one by one (GET job/{id}) in the background — the first load too. A complete list is what
 * slurmrestd 24.11 handles worst: ~30 s and 152 MB at 20,000 jobs, and the ~2 GB it allocates
 * for it is never given back, so a periodic full list ends with slurmrestd out of memory
 * (measured: bench/README.md). On v0.0.38 (22.05) it polls the list with update_time, which
 * answers "unchanged" cheaply and is light enough there when something changed.
 */
export class JobPoller {
  private strategy: Strategy | null = null;
  private lastUpdate: number | null = null;
  private fullAt = 0;
  private detailRun: Promise<void> | null = null;
  private readonly details = new DetailQueue();
  private active = false;
  private readonly now: () => number;

  constructor(
    private readonly source: SlurmStateSource,
    private readonly writer: SnapshotWriter<Job>,
    private readonly options: JobPollerOptions,
    private readonly hooks: PollerHooks,
  ) {
    this.now = options.now ?? Date.now;
  }

  get pendingDetails(): number {
    return this.details.size;
  }

  get mode(): Strategy | null {
    return this.strategy;
  }

  /** Starts a term as leader, continuing from what the previous leader recorded. */
  resume(meta: Record<string, string>): void {
    const lastUpdate = Number(meta['job:lastUpdate']);
    this.lastUpdate = lastUpdate > 0 ? lastUpdate : null;
    this.fullAt = Number(meta['job:fullAt']) || 0;
    this.active = true;
  }

  /** Ends the term: background work stops after its current call. */
  stop(): void {
    this.active = false;
    this.details.clear();
  }

  /** Waits for background work (detail fetches) to settle. */
  async idle(): Promise<void> {
    await this.detailRun;
  }

  /** One poll. Throws when Slurm or Redis fails; the caller counts and retries. */
  async tick(): Promise<void> {
    this.strategy ??= (await this.source.info()).capabilities.jobStateQuery
      ? 'states'
      : 'update_time';
    if (this.strategy === 'update_time') {
      if (this.writer.local.confirmedAt === null) return this.fullList();
      return this.tickByUpdateTime();
    }
    if (this.writer.local.confirmedAt === null) return this.loadByStates();
    return this.tickByStates();
  }

  /**
   * The first load on v0.0.40+: the state list names every job, then each is read on its own
   * (a few ms each), written in batches as they come; the snapshot is confirmed at the end.
   * Jobs already held (an earlier attempt that failed half-way) are not read again.
   */
  private async loadByStates(): Promise<void> {
    const t0 = this.now();
    const entries = await this.source.jobStates();
    const listed = new Set(entries.map((e) => e.id));
    const missing = [...listed].filter((id) => this.writer.local.get(id) === undefined);
    let failures = 0;
    for (let i = 0; i < missing.length; i += LOAD_BATCH) {
      const ids = missing.slice(i, i + LOAD_BATCH);
      const fetched = await mapWithConcurrency(ids, this.options.concurrency, (id) =>
        this.fetchOne(id),
      );
      failures += fetched.filter((f) => f === null).length;
      await this.writeFetched(fetched);
    }
    if (failures > 0) throw new Error(`${failures} jobs could not be read during the first load`);
    const gone = [...this.writer.local.ids()].filter((id) => !listed.has(id));
    await this.writer.write([], this.removals(gone, t0), {
      confirmAt: t0,
      fenced: true,
      meta: { 'job:fullAt': String(t0) },
    });
    this.fullAt = t0;
  }

  private async tickByStates(): Promise<void> {
    const t0 = this.now();
    const entries = await this.source.jobStates();
    const plan = await planJobStateRefresh(this.writer.local, entries);
    await this.writer.write(
      plan.patched.map((job) => ({ id: job.id, item: job, t: t0 })),
      this.removals(plan.missing, t0),
      { confirmAt: t0, fenced: true },
    );
    this.details.add(plan.newIds, 'new', t0);
    this.details.add(
      plan.patched.map((job) => job.id),
      'changed',
      t0,
    );
    this.details.add(this.overdue(t0), 'changed', t0);
    this.startDetails();
  }

  /** Up to sweepPerPoll held jobs last read before `t0 - fullRefreshMs`, oldest first. */
  private overdue(t0: number): string[] {
    const limit = this.options.sweepPerPoll;
    if (limit <= 0) return [];
    const before = t0 - this.options.fullRefreshMs;
    const due: [string, number][] = [];
    for (const id of this.writer.local.ids()) {
      const t = this.writer.local.stampOf(id);
      if (t !== undefined && t < before) due.push([id, t]);
    }
    return due
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id]) => id);
  }

  private async tickByUpdateTime(): Promise<void> {
    if (this.lastUpdate === null) return this.fullList();
    const t0 = this.now();
    const result = await this.source.listJobs({ updateTime: this.lastUpdate });
    if (!result.unchanged) return this.applyList(result, t0);
    await this.writer.write([], [], { confirmAt: t0, fenced: true });
  }

  private async fullList(): Promise<void> {
    const t0 = this.now();
    await this.applyList(await this.source.listJobs(), t0);
  }

  /** Applies a complete list read at `t0`: it confirms the whole snapshot. */
  private async applyList(result: ListJobsResult, t0: number): Promise<void> {
    const diff = await diffFullList(this.writer.local, result.jobs, (job) => job.id);
    await this.writer.write(
      diff.changed.map((job) => ({ id: job.id, item: job, t: t0 })),
      this.removals(diff.missing, t0),
      {
        confirmAt: t0,
        fenced: true,
        meta: { 'job:fullAt': String(t0), 'job:lastUpdate': String(result.lastUpdate ?? '') },
      },
    );
    this.fullAt = t0;
    this.lastUpdate = result.lastUpdate;
    // Everything queued before the list began is now current (or removed).
    this.details.dropCovered(() => true, t0);
  }

  private startDetails(): void {
    if (this.detailRun || !this.active || this.details.size === 0) return;
    this.detailRun = this.drainDetails()
      .catch((error: unknown) => this.hooks.error(error, 'job detail fetch'))
      .finally(() => (this.detailRun = null));
  }

  private async drainDetails(): Promise<void> {
    while (this.active && this.details.size > 0) {
      const ids = this.details.take(this.options.concurrency * 4);
      const fetched = await mapWithConcurrency(ids, this.options.concurrency, (id) =>
        this.fetchOne(id),
      );
      await this.writeFetched(fetched);
      const failed = ids.filter((_, i) => fetched[i] === null);
      if (failed.length > 0) {
        // Retry at the next poll rather than spin while slurmrestd is failing.
        this.details.add(failed, 'changed', this.now());
        return;
      }
    }
  }

  /** Writes what single reads found: jobs, and removals of those Slurm no longer knows. */
  private async writeFetched(fetched: readonly (Stamped<Job> | Removal | null)[]): Promise<void> {
    const upserts = fetched.filter((f): f is Stamped<Job> => f !== null && 'item' in f);
    const removals = fetched.filter((f): f is Removal => f !== null && 'notAfter' in f);
    if (upserts.length + removals.length > 0) await this.writer.write(upserts, removals);
  }

  private async fetchOne(id: string): Promise<Stamped<Job> | Removal | null> {
    const t = this.now();
    try {
      return { id, item: await this.source.getJob(id), t };
    } catch (error) {
      if (this.hooks.isNotFound(error)) return { id, notAfter: t };
      this.hooks.error(error, `fetching job ${id}`);
      return null;
    }
  }

  private removals(ids: readonly string[], t0: number): Removal[] {
    return ids.map((id) => ({ id, notAfter: t0 - this.options.removalMarginMs }));
  }
}

/** The leader's node refresher: node lists are small, so each poll lists them all. */
export class NodePoller {
  constructor(
    private readonly source: SlurmStateSource,
    private readonly writer: SnapshotWriter<Node>,
    private readonly options: { removalMarginMs: number; now?: () => number },
  ) {}

  async tick(): Promise<void> {
    const t0 = (this.options.now ?? Date.now)();
    const nodes = await this.source.listNodes();
    const diff = await diffFullList(this.writer.local, nodes, (node) => node.name);
    await this.writer.write(
      diff.changed.map((node) => ({ id: node.name, item: node, t: t0 })),
      diff.missing.map((id) => ({ id, notAfter: t0 - this.options.removalMarginMs })),
      { confirmAt: t0, fenced: true },
    );
  }
}
