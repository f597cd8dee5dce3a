import { isSlurmError } from '@app/slurm-gateway';
import type { ClusterStateConfig } from '../config/cluster-state.config.js';
import { ApiError, ErrorCode } from '../common/errors/index.js';
import { chunk } from './concurrency.js';
import type { Removal, SnapshotKind, Stamped } from './cluster-state.types.js';
import { LeaderElection, type LockStore } from './leader-election.js';
import type { LocalStore } from './local-store.js';
import { PollLoop } from './poll-loop.js';
import { JobPoller, NodePoller, type SnapshotWriter } from './pollers.js';
import { NotLeaderError, type ReplicaStore } from './redis-snapshot-store.js';
import { SnapshotReplica, type WriteOptions } from './replica.js';
import { JobSnapshot, NodeSnapshot, type SnapshotBackend } from './snapshot.js';
import type { CountingSlurmSource, SlurmCallKind } from './slurm-source.js';

export interface RuntimeLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface ClusterRuntimeDeps {
  cluster: string;
  source: CountingSlurmSource;
  store: ReplicaStore;
  lockStore: LockStore;
  lockKey: string;
  /** Unique id of this process (lock owner, change-notice source). */
  owner: string;
  config: ClusterStateConfig;
  logger: RuntimeLogger;
}

interface PollStats {
  ok: number;
  failed: number;
  lastMs: number | null;
  /** The last poll failed. */
  failing: boolean;
}

/** Numbers for /metrics and diagnostics. */
export interface ClusterStateStats {
  cluster: string;
  leader: boolean;
  jobs: {
    count: number;
    ageSeconds: number;
    polls: PollStats;
    mode: string | null;
    pendingDetails: number;
  };
  nodes: { count: number; ageSeconds: number; polls: PollStats };
  slurmCalls: Record<SlurmCallKind, number>;
  slurmCallFailures: Record<SlurmCallKind, number>;
  lastError: string | null;
}

/** Items per Redis write: keeps each Lua call and change notice small. */
const WRITE_BATCH = 500;
/** Tolerated clock skew between API hosts before a missing item is removed. */
const REMOVAL_MARGIN_MS = 2000;

/**
 * Everything one cluster needs in one process: the replica of the shared snapshot, the public
 * JobSnapshot/NodeSnapshot, the leader election and, while leading, the two poll loops.
 */
export class ClusterRuntime {
  readonly replica: SnapshotReplica;
  readonly jobs: JobSnapshot;
  readonly nodes: NodeSnapshot;
  private readonly election: LeaderElection;
  private readonly jobPoller: JobPoller;
  private readonly nodePoller: NodePoller;
  private readonly jobLoop: PollLoop;
  private readonly nodeLoop: PollLoop;
  private readonly jobStats: PollStats = { ok: 0, failed: 0, lastMs: null, failing: false };
  private readonly nodeStats: PollStats = { ok: 0, failed: 0, lastMs: null, failing: false };
  private lastError: string | null = null;
  private term = 0;

  constructor(private readonly deps: ClusterRuntimeDeps) {
    const { cluster, config, owner } = deps;
    this.replica = new SnapshotReplica(cluster, deps.store, owner, {
      leaderReleased: () => this.election.kick(),
      error: (error, context) => this.problem(error, context),
    });
    const options = { readyTimeoutMs: config.readyTimeoutMs };
    this.jobs = new JobSnapshot(
      this.replica.jobs,
      this.backend('job', (id) => deps.source.getJob(id)),
      options,
    );
    this.nodes = new NodeSnapshot(
      this.replica.nodes,
      this.backend('node', (name) => deps.source.getNode(name)),
      options,
    );
    const hooks = {
      isNotFound: (error: unknown) => isSlurmError(error) && error.kind === 'not_found',
      error: (error: unknown, context: string) => this.problem(error, context),
    };
    this.jobPoller = new JobPoller(
      deps.source,
      this.writer('job', this.replica.jobs),
      {
        fullRefreshMs: config.fullRefreshMs,
        concurrency: config.fetchConcurrency,
        sweepPerPoll: config.sweepPerPoll,
        removalMarginMs: REMOVAL_MARGIN_MS,
      },
      hooks,
    );
    this.nodePoller = new NodePoller(deps.source, this.writer('node', this.replica.nodes), {
      removalMarginMs: REMOVAL_MARGIN_MS,
    });
    this.jobLoop = new PollLoop(
      config.pollMs,
      () => this.measure(this.jobStats, () => this.jobPoller.tick()),
      Date.now,
      config.pollDuty,
    );
    this.nodeLoop = new PollLoop(config.nodePollMs, () =>
      this.measure(this.nodeStats, () => this.nodePoller.tick()),
    );
    this.election = new LeaderElection(
      deps.lockStore,
      {
        key: deps.lockKey,
        owner,
        ttlMs: config.lockTtlMs,
        retryMs: Math.min(1000, config.lockTtlMs / 3),
        eligible: config.poller,
      },
      {
        elected: () => void this.lead(),
        deposed: (reason) => void this.follow(reason),
        error: (error) => this.problem(error, 'leader lock'),
      },
    );
  }

  get cluster(): string {
    return this.deps.cluster;
  }

  get isLeader(): boolean {
    return this.election.isLeader;
  }

  /** Loads the shared snapshot, then campaigns for the leadership. */
  async start(): Promise<void> {
    try {
      await this.replica.resync();
    } catch (error) {
      this.problem(error, 'loading the snapshot from Redis');
    }
    this.election.start();
  }

  /** Reloads after the change channel reconnected (notices may have been lost). */
  resync(): void {
    this.replica.resync().catch((error: unknown) => this.problem(error, 'reloading the snapshot'));
  }

  receive(raw: string): void {
    this.replica.receive(raw);
  }

  /** Stops polling and hands the leadership to another process at once. */
  async stop(): Promise<void> {
    const wasLeader = this.election.isLeader;
    await this.election.stop();
    await Promise.all([this.jobLoop.stop(), this.nodeLoop.stop(), this.jobPoller.idle()]);
    if (wasLeader) {
      await this.replica.announceResignation().catch(() => undefined);
      this.deps.logger.log(
        `cluster-state: ${this.cluster}: resigned as poller (${this.deps.owner})`,
      );
    }
  }

  stats(): ClusterStateStats {
    return {
      cluster: this.cluster,
      leader: this.isLeader,
      jobs: {
        count: this.jobs.size,
        ageSeconds: this.jobs.ageSeconds(),
        polls: { ...this.jobStats },
        mode: this.jobPoller.mode,
        pendingDetails: this.jobPoller.pendingDetails,
      },
      nodes: {
        count: this.nodes.size,
        ageSeconds: this.nodes.ageSeconds(),
        polls: { ...this.nodeStats },
      },
      slurmCalls: { ...this.deps.source.counter.calls },
      slurmCallFailures: { ...this.deps.source.counter.failures },
      lastError: this.lastError,
    };
  }

  private async lead(): Promise<void> {
    const term = ++this.term;
    this.deps.logger.log(
      `cluster-state: ${this.cluster}: this process is the poller (${this.deps.owner})`,
    );
    let meta: Record<string, string> = {};
    try {
      meta = await this.deps.store.readMeta();
    } catch (error) {
      this.problem(error, 'reading the previous poller state');
    }
    if (term !== this.term || !this.election.isLeader) return;
    this.jobPoller.resume(meta);
    this.jobLoop.start();
    this.nodeLoop.start();
  }

  private async follow(reason: string): Promise<void> {
    this.term++;
    const message = `cluster-state: ${this.cluster}: no longer the poller (${reason})`;
    if (reason === 'shutdown') this.deps.logger.log(message);
    else this.deps.logger.warn(message);
    this.jobPoller.stop();
    await Promise.all([this.jobLoop.stop(), this.nodeLoop.stop()]);
  }

  private async measure(stats: PollStats, poll: () => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await poll();
      stats.ok++;
      stats.lastMs = Date.now() - started;
      stats.failing = false;
      if (this.lastError !== null)
        this.deps.logger.log(`cluster-state: ${this.cluster}: polling recovered`);
      this.lastError = null;
    } catch (error) {
      stats.failed++;
      stats.failing = true;
      this.problem(error, 'poll');
    }
  }

  /** Logs a failure once per distinct message (a dead slurmrestd fails every poll). */
  private problem(error: unknown, context: string): void {
    if (error instanceof NotLeaderError) return;
    const message = `${context}: ${error instanceof Error ? error.message : String(error)}`;
    if (message !== this.lastError)
      this.deps.logger.warn(`cluster-state: ${this.cluster}: ${message}`);
    this.lastError = message;
  }

  /** Shared writes in batches; the confirmation and meta go with the last batch. */
  private writer<T>(kind: SnapshotKind, local: LocalStore<T>): SnapshotWriter<T> {
    return {
      local,
      write: async (upserts, removals, options: WriteOptions = {}) => {
        const items: (Stamped<T> | Removal)[] = [...upserts, ...removals];
        const batches = items.length === 0 ? [[]] : chunk(items, WRITE_BATCH);
        for (let i = 0; i < batches.length; i++) {
          const last = i === batches.length - 1;
          const batch = batches[i];
          await this.replica.write(
            kind,
            batch.filter((b): b is Stamped<T> => 'item' in b),
            batch.filter((b): b is Removal => 'notAfter' in b),
            last ? options : { fenced: options.fenced },
          );
        }
      },
    };
  }

  private backend<T>(kind: SnapshotKind, read: (id: string) => Promise<T>): SnapshotBackend<T> {
    const local = this.replica.local(kind) as LocalStore<T>;
    const stats = kind === 'job' ? this.jobStats : this.nodeStats;
    return {
      failing: () => this.isLeader && stats.failing,
      write: async (upserts, removals) => {
        try {
          await this.replica.write(kind, upserts, removals);
        } catch (error) {
          // Redis down: keep at least this process right; the poller repairs the rest later.
          this.problem(error, `sharing a ${kind} update`);
          local.apply(
            upserts,
            removals.map((r) => r.id),
          );
        }
      },
      fetch: async (id) => {
        try {
          return await read(id);
        } catch (error) {
          if (isSlurmError(error) && error.kind === 'not_found') return undefined;
          throw error;
        }
      },
      notReady: () =>
        new ApiError(
          ErrorCode.SERVICE_UNAVAILABLE,
          `Cluster ${this.cluster}: ${kind} data is not available yet`,
          { cluster: this.cluster, reason: this.lastError },
        ),
    };
  }
}
