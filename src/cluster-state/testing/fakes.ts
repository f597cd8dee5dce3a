/** In-memory stand-ins for Redis and Slurm used by the unit specs of this module. */
import type { ClusterInfo, Job, JobStateEntry, ListJobsResult, Node } from '@app/slurm-gateway';
import { SlurmError } from '@app/slurm-gateway';
import type { SnapshotKind } from '../cluster-state.types.js';
import type { LockStore } from '../leader-election.js';
import {
  NotLeaderError,
  type ApplyRequest,
  type ApplyResult,
  type ChangeMessage,
  type RawItem,
  type ReplicaStore,
} from '../redis-snapshot-store.js';

/** A job with the fields the snapshot logic reads; the rest is irrelevant here. */
export function fakeJob(id: string, overrides: Partial<Job> = {}): Job {
  return {
    cluster: 'main',
    id,
    state: 'PENDING',
    stateFlags: [],
    arrayTaskString: null,
    priority: 100,
    reason: null,
    ...overrides,
  } as Job;
}

export function fakeNode(name: string, overrides: Partial<Node> = {}): Node {
  return { cluster: 'main', name, state: 'IDLE', stateFlags: [], ...overrides } as Node;
}

export function stateOf(job: Job): JobStateEntry {
  return {
    id: job.id,
    arrayJobId: null,
    arrayTaskId: null,
    arrayTaskString: job.arrayTaskString,
    state: job.state,
    stateFlags: job.stateFlags,
  };
}

type Listener = (raw: string) => void;

/**
 * What Redis holds for one cluster, with the write rules of the APPLY_BATCH Lua script:
 * newer-or-equal data wins, removals need older data, fenced writes need the lock.
 */
export class MemoryShared {
  readonly data: Record<SnapshotKind, Map<string, RawItem>> = { job: new Map(), node: new Map() };
  readonly meta: Record<string, string> = {};
  lockHolder: string | null = null;
  private readonly listeners = new Set<Listener>();
  /** Notices not yet delivered (delivered in order by `deliver`). */
  private readonly outbox: string[] = [];
  autoDeliver = true;

  subscribe(listener: Listener): void {
    this.listeners.add(listener);
  }

  store(): ReplicaStore {
    return {
      apply: (request) => Promise.resolve(this.apply(request)),
      readMeta: () => Promise.resolve({ ...this.meta }),
      readItems: (kind, ids) => Promise.resolve(ids.map((id) => this.data[kind].get(id) ?? null)),
      scan: async (kind, onBatch) => onBatch([...this.data[kind].values()]),
      announce: (message) => Promise.resolve(this.publish(message)),
    };
  }

  /** Delivers queued notices to every subscriber, in publication order. */
  deliver(): void {
    while (this.outbox.length > 0) {
      const raw = this.outbox.shift() as string;
      for (const listener of this.listeners) listener(raw);
    }
  }

  /** Drops queued notices (a subscriber that missed them). */
  dropPending(): void {
    this.outbox.length = 0;
  }

  private apply(request: ApplyRequest): ApplyResult {
    if (request.fenced && this.lockHolder !== request.owner) throw new NotLeaderError('NOTLEADER');
    const store = this.data[request.kind];
    const up: string[] = [];
    const rm: string[] = [];
    for (const item of request.upserts) {
      const held = store.get(item.id);
      if (held && held.t > item.t) continue;
      if (held?.json !== item.json) up.push(item.id);
      store.set(item.id, { ...item });
    }
    for (const { id, notAfter } of request.removals) {
      const held = store.get(id);
      if (held && held.t < notAfter) {
        store.delete(id);
        rm.push(id);
      }
    }
    Object.assign(this.meta, request.meta ?? {});
    let version = Number(this.meta.version ?? 0);
    if (up.length + rm.length > 0) this.meta.version = String(++version);
    const field = `${request.kind}:at`;
    if (request.confirmAt !== undefined && request.confirmAt > Number(this.meta[field] ?? 0)) {
      this.meta[field] = String(request.confirmAt);
    }
    if (up.length + rm.length > 0 || request.confirmAt !== undefined) {
      const message: ChangeMessage = { v: version, k: request.kind, up, rm, src: request.owner };
      if (request.confirmAt !== undefined) message.at = request.confirmAt;
      message.w = request.writeId;
      this.publish(message);
    }
    return { version, up, rm };
  }

  private publish(message: ChangeMessage): void {
    this.outbox.push(JSON.stringify(message));
    if (this.autoDeliver) setImmediate(() => this.deliver());
  }
}

/** A lock with a TTL on a manual clock. */
export class MemoryLockStore implements LockStore {
  holder: string | null = null;
  expiresAt = 0;
  failing = false;

  constructor(readonly clock: { now: number }) {}

  tryAcquire(_key: string, owner: string, ttlMs: number): Promise<boolean> {
    this.check();
    if (this.holder !== null && this.holder !== owner && this.clock.now < this.expiresAt) {
      return Promise.resolve(false);
    }
    this.holder = owner;
    this.expiresAt = this.clock.now + ttlMs;
    return Promise.resolve(true);
  }

  renew(_key: string, owner: string, ttlMs: number): Promise<boolean> {
    this.check();
    if (this.holder !== owner || this.clock.now >= this.expiresAt) return Promise.resolve(false);
    this.expiresAt = this.clock.now + ttlMs;
    return Promise.resolve(true);
  }

  release(_key: string, owner: string): Promise<void> {
    this.check();
    if (this.holder === owner) this.holder = null;
    return Promise.resolve();
  }

  private check(): void {
    if (this.failing) throw new Error('connection lost');
  }
}

export function notFound(id: string): SlurmError {
  return new SlurmError({ kind: 'not_found', message: `Job ${id} not found`, cluster: 'main' });
}

/** A slurmctld with a job table; records every call. */
export class FakeSlurm {
  readonly jobs = new Map<string, Job>();
  readonly nodes = new Map<string, Node>();
  readonly calls: string[] = [];
  jobStateQuery = true;
  lastUpdate = 1000;
  failing: Error | null = null;
  /** One call (e.g. "getJob:2") that fails like a dropped connection. */
  failOn: string | null = null;

  put(...jobs: Job[]): void {
    for (const job of jobs) this.jobs.set(job.id, job);
    this.lastUpdate++;
  }

  drop(id: string): void {
    this.jobs.delete(id);
    this.lastUpdate++;
  }

  info(): Promise<ClusterInfo> {
    return this.call('info', () => ({
      capabilities: { jobStateQuery: this.jobStateQuery, accounting: true, nodeUpdate: 'rest' },
    })) as Promise<ClusterInfo>;
  }

  listJobs(options: { updateTime?: number } = {}): Promise<ListJobsResult> {
    return this.call('listJobs', () => {
      const unchanged = options.updateTime !== undefined && options.updateTime >= this.lastUpdate;
      return {
        jobs: unchanged ? [] : [...this.jobs.values()],
        lastUpdate: this.lastUpdate,
        unchanged,
        warnings: [],
      };
    });
  }

  jobStates(): Promise<JobStateEntry[]> {
    return this.call('jobStates', () => [...this.jobs.values()].map(stateOf));
  }

  getJob(id: string): Promise<Job> {
    return this.call(`getJob:${id}`, () => {
      const job = this.jobs.get(id);
      if (!job) throw notFound(id);
      return job;
    });
  }

  listNodes(): Promise<Node[]> {
    return this.call('listNodes', () => [...this.nodes.values()]);
  }

  getNode(name: string): Promise<Node> {
    return this.call(`getNode:${name}`, () => {
      const node = this.nodes.get(name);
      if (!node) throw notFound(name);
      return node;
    });
  }

  private call<T>(name: string, fn: () => T): Promise<T> {
    this.calls.push(name);
    if (this.failing) return Promise.reject(this.failing);
    if (name === this.failOn) return Promise.reject(new Error('connection reset'));
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** Lets pending promise callbacks and immediates run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
