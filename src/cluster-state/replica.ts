import type { Job, Node } from '@app/slurm-gateway';
import { SerialQueue } from './concurrency.js';
import type { Removal, SnapshotKind, Stamped } from './cluster-state.types.js';
import { LocalStore } from './local-store.js';
import {
  parseChangeMessage,
  type ApplyResult,
  type ChangeMessage,
  type RawItem,
  type ReplicaStore,
} from './redis-snapshot-store.js';

export interface WriteOptions {
  confirmAt?: number;
  meta?: Record<string, string>;
  fenced?: boolean;
}

export interface ReplicaEvents {
  /** Another process resigned the leadership: try to take it now. */
  leaderReleased(): void;
  error(error: unknown, context: string): void;
}

interface OwnWrite {
  upserts: readonly Stamped<unknown>[];
  done: () => void;
  /** Version Redis gave the write, once its answer is in. */
  version?: number;
}

const OWN_WRITE_TIMEOUT_MS = 5000;

/**
 * This process's copy of one cluster's snapshots, kept equal to Redis. Every change is
 * applied in the order Redis executed it (the order of the change notices); a gap in the
 * version sequence (a missed notice, a reconnect) triggers a full reload. A write resolves
 * once its own notice has been applied, so the writer reads its own write at once.
 */
export class SnapshotReplica {
  readonly jobs: LocalStore<Job>;
  readonly nodes: LocalStore<Node>;
  private applied = 0;
  private writeSeq = 0;
  private readonly queue = new SerialQueue();
  private readonly ownWrites = new Map<string, OwnWrite>();

  constructor(
    readonly cluster: string,
    private readonly store: ReplicaStore,
    private readonly owner: string,
    private readonly events: ReplicaEvents,
  ) {
    this.jobs = new LocalStore<Job>(cluster, 'job');
    this.nodes = new LocalStore<Node>(cluster, 'node');
  }

  /** Version of the shared snapshot this copy has applied. */
  get version(): number {
    return this.applied;
  }

  local(kind: SnapshotKind): LocalStore<unknown> {
    return kind === 'job' ? this.jobs : this.nodes;
  }

  /** Reloads everything from Redis (at start, after a reconnect or a gap). */
  resync(): Promise<void> {
    return this.queue.push(() => this.loadAll());
  }

  /** Feeds one raw notice from the cluster's channel. */
  receive(raw: string): void {
    const message = parseChangeMessage(raw);
    if (!message) return;
    this.queue
      .push(() => this.handle(message))
      .catch((error: unknown) => this.events.error(error, 'applying a change notice'));
  }

  /** Writes to Redis and applies the accepted part locally, in Redis order. */
  async write<T>(
    kind: SnapshotKind,
    upserts: readonly Stamped<T>[],
    removals: readonly Removal[],
    options: WriteOptions = {},
  ): Promise<ApplyResult> {
    const writeId = `${this.owner}:${++this.writeSeq}`;
    let done: () => void = () => undefined;
    const appliedLocally = new Promise<void>((resolve) => (done = resolve));
    const own: OwnWrite = { upserts, done };
    this.ownWrites.set(writeId, own);
    let result: ApplyResult;
    try {
      result = await this.store.apply({
        kind,
        upserts: upserts.map(({ id, item, t }) => ({ id, json: JSON.stringify(item), t })),
        removals,
        confirmAt: options.confirmAt,
        meta: options.meta,
        fenced: options.fenced ?? false,
        owner: this.owner,
        writeId,
      });
    } catch (error) {
      this.ownWrites.delete(writeId);
      throw error;
    }
    if (result.up.length + result.rm.length === 0) {
      this.ownWrites.delete(writeId);
      if (options.confirmAt !== undefined) this.local(kind).confirm(options.confirmAt);
      return result;
    }
    own.version = result.version;
    // A reload may already have brought this write in.
    if (this.applied >= result.version) this.settleOwn(writeId);
    if (!(await this.within(appliedLocally, OWN_WRITE_TIMEOUT_MS))) {
      // The notice never came (subscriber down?): Redis is the truth, reload from it.
      this.ownWrites.delete(writeId);
      await this.resync();
    }
    return result;
  }

  /** Announces on the channel that this process gives up the leadership. */
  async announceResignation(): Promise<void> {
    await this.store.announce({ v: -1, k: 'leader', up: [], rm: [], src: this.owner });
  }

  private async handle(message: ChangeMessage): Promise<void> {
    if (message.k === 'leader') {
      if (message.src !== this.owner) this.events.leaderReleased();
      return;
    }
    const own = message.w === undefined ? undefined : this.ownWrites.get(message.w);
    try {
      await this.applyMessage(message, message.k, own);
    } finally {
      if (message.w !== undefined) this.settleOwn(message.w);
    }
  }

  private settleOwn(writeId: string): void {
    const own = this.ownWrites.get(writeId);
    if (!own) return;
    this.ownWrites.delete(writeId);
    own.done();
  }

  private async applyMessage(message: ChangeMessage, kind: SnapshotKind, own?: OwnWrite) {
    const local = this.local(kind);
    if (message.up.length + message.rm.length > 0) {
      if (message.v <= this.applied) return;
      if (message.v !== this.applied + 1) return this.loadAll();
      const upserts = own ? this.ownUpserts(own, message.up) : await this.fetch(kind, message.up);
      local.apply(upserts, message.rm);
      this.applied = message.v;
    } else if (message.v > this.applied) {
      return this.loadAll();
    }
    if (message.at !== undefined) local.confirm(message.at);
  }

  private ownUpserts(own: OwnWrite, accepted: readonly string[]): Stamped<unknown>[] {
    const ids = new Set(accepted);
    return own.upserts.filter((u) => ids.has(u.id));
  }

  private async fetch(kind: SnapshotKind, ids: readonly string[]): Promise<Stamped<unknown>[]> {
    // The stored value may already be newer than this notice: later notices re-apply it.
    const items = await this.store.readItems(kind, ids);
    return items.flatMap((raw) => (raw ? this.decode(raw) : []));
  }

  private decode(raw: RawItem): Stamped<unknown>[] {
    try {
      return [{ id: raw.id, item: JSON.parse(raw.json) as unknown, t: raw.t }];
    } catch (error) {
      this.events.error(error, `decoding ${this.cluster} item ${raw.id}`);
      return [];
    }
  }

  private async loadAll(): Promise<void> {
    const meta = await this.store.readMeta();
    this.applied = Number(meta.version ?? 0);
    for (const kind of ['job', 'node'] as const) {
      const all: Stamped<unknown>[] = [];
      await this.store.scan(kind, (batch) => {
        for (const raw of batch) all.push(...this.decode(raw));
        return Promise.resolve();
      });
      const local = this.local(kind);
      await local.replace(all);
      const at = Number(meta[`${kind}:at`]);
      if (at > 0) local.confirm(at);
    }
    for (const [writeId, own] of this.ownWrites) {
      if (own.version !== undefined && own.version <= this.applied) this.settleOwn(writeId);
    }
  }

  private async within(promise: Promise<void>, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([promise.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
