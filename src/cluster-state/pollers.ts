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
  /** A full job list at least this often (ms) refreshes fields state polls cannot see. */
  fullRefreshMs: number;
  /** Parallel GET job/{id} calls. */
  concurrency: number;
  /** More new jobs than this in one state poll: one full list instead of one call each. */
  bulkThreshold: number;
  /** Slack (ms) for clock skew between processes before a missing item is removed. */
  removalMarginMs: number;
  now?: () => number;
}

export interface PollerHooks {
  isNotFound(error: unknown): boolean;
  error(error: unknown, context: string): void;
}

type Strategy = 'states' | 'update_time';

/**
 * The leader's job refresher. On slurmrestd v0.0.40+ it polls GET jobs/state (cheap), applies
 * state changes at once, fetches new and changed jobs one by one in the background, and lists
 * everything rarely. On v0.0.38 (22.05) it polls the list with update_time, which answers
 * "unchanged" cheaply and is light enough there when something changed.
 */
export class JobPoller {
  private strategy: Strategy | null = null;
  private lastUpdate: number | null = null;
  private fullAt = 0;
  private fullRun: Promise<void> | null = null;
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

  /** Waits for background work (full list, detail fetches) to settle. */
  async idle(): Promise<void> {
    await Promise.all([this.fullRun, this.detailRun]);
  }

  /** One poll. Throws when Slurm or Redis fails; the caller counts and retries. */
  async tick(): Promise<void> {
    this.strategy ??= (await this.source.info()).capabilities.jobStateQuery
      ? 'states'
      : 'update_time';
    if (this.writer.local.confirmedAt === null) return this.fullList();
    if (this.strategy === 'update_time') return this.tickByUpdateTime();
    return this.tickByStates();
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
    if (plan.newIds.length > this.options.bulkThreshold) this.startFullList();
    else this.details.add(plan.newIds, 'new', t0);
    this.details.add(
      plan.patched.map((job) => job.id),
      'changed',
      t0,
    );
    if (t0 - this.fullAt >= this.options.fullRefreshMs) this.startFullList();
    this.startDetails();
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

  private startFullList(): void {
    if (this.fullRun || !this.active) return;
    this.fullRun = this.fullList()
      .catch((error: unknown) => this.hooks.error(error, 'full job list'))
      .finally(() => (this.fullRun = null));
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
      const upserts = fetched.filter((f): f is Stamped<Job> => f !== null && 'item' in f);
      const removals = fetched.filter((f): f is Removal => f !== null && 'notAfter' in f);
      const failed = ids.filter((_, i) => fetched[i] === null);
      if (upserts.length + removals.length > 0) await this.writer.write(upserts, removals);
      if (failed.length > 0) {
        // Retry at the next poll rather than spin while slurmrestd is failing.
        this.details.add(failed, 'changed', this.now());
        return;
      }
    }
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
