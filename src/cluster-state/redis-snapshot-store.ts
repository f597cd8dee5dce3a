import type { Redis } from 'ioredis';
import type { Removal, SnapshotKind } from './cluster-state.types.js';
import { APPLY_BATCH, RELEASE_LOCK, RENEW_LOCK } from './redis-scripts.js';
import type { LockStore } from './leader-election.js';

/** One item as stored in Redis: its JSON and when it was read from Slurm (ms). */
export interface RawItem {
  id: string;
  json: string;
  t: number;
}

export interface ApplyRequest {
  kind: SnapshotKind;
  upserts: readonly RawItem[];
  removals: readonly Removal[];
  /** Marks the whole snapshot as matching Slurm at this time (ms). */
  confirmAt?: number;
  /** Extra meta fields the leader keeps for its successor (e.g. the last update_time). */
  meta?: Record<string, string>;
  /** Only the lock owner may write (the poller's writes); per-item writes are not fenced. */
  fenced: boolean;
  owner: string;
  /** Unique id of this write, echoed in its change notice. */
  writeId: string;
}

export interface ApplyResult {
  version: number;
  up: string[];
  rm: string[];
}

/** A change notice on the cluster's channel. `k: 'leader'` announces a resignation. */
export interface ChangeMessage {
  v: number;
  k: SnapshotKind | 'leader';
  up: string[];
  rm: string[];
  at?: number;
  src: string;
  w?: string;
}

/** What a replica needs from shared storage (Redis in production, a fake in unit tests). */
export interface ReplicaStore {
  apply(request: ApplyRequest): Promise<ApplyResult>;
  readMeta(): Promise<Record<string, string>>;
  readItems(kind: SnapshotKind, ids: readonly string[]): Promise<(RawItem | null)[]>;
  scan(kind: SnapshotKind, onBatch: (items: RawItem[]) => Promise<void>): Promise<void>;
  announce(message: ChangeMessage): Promise<void>;
}

export class NotLeaderError extends Error {}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Parses a change notice; returns null for anything malformed. */
export function parseChangeMessage(raw: string): ChangeMessage | null {
  try {
    const m = JSON.parse(raw) as Partial<ChangeMessage>;
    if (typeof m.v !== 'number' || (m.k !== 'job' && m.k !== 'node' && m.k !== 'leader')) {
      return null;
    }
    return {
      v: m.v,
      k: m.k,
      up: strings(m.up),
      rm: strings(m.rm),
      at: typeof m.at === 'number' ? m.at : undefined,
      src: String(m.src ?? ''),
      w: typeof m.w === 'string' ? m.w : undefined,
    };
  } catch {
    return null;
  }
}

/** Redis key names of one cluster (hash-tagged so they would share a Redis Cluster slot). */
export function clusterKeys(prefix: string, cluster: string) {
  const base = `${prefix}:{${cluster}}`;
  return {
    data: (kind: SnapshotKind) => `${base}:${kind}`,
    stamps: (kind: SnapshotKind) => `${base}:${kind}:t`,
    meta: `${base}:meta`,
    lock: `${base}:leader`,
    channel: `${base}:changes`,
  };
}

const SCAN_COUNT = 1000;

/** The snapshot of one cluster in Redis: data and stamp hashes per kind, a meta hash, a channel. */
export class RedisSnapshotStore implements ReplicaStore {
  readonly keys: ReturnType<typeof clusterKeys>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    cluster: string,
  ) {
    this.keys = clusterKeys(prefix, cluster);
  }

  async apply(request: ApplyRequest): Promise<ApplyResult> {
    const meta = Object.entries(request.meta ?? {});
    const args: (string | number)[] = [
      request.owner,
      request.kind,
      this.keys.channel,
      request.fenced ? '1' : '0',
      request.confirmAt === undefined ? '' : String(request.confirmAt),
      request.writeId,
      request.upserts.length,
      request.removals.length,
      meta.length,
    ];
    for (const u of request.upserts) args.push(u.id, u.json, u.t);
    for (const r of request.removals) args.push(r.id, r.notAfter);
    for (const [field, value] of meta) args.push(field, value);
    const keys = [
      this.keys.data(request.kind),
      this.keys.stamps(request.kind),
      this.keys.meta,
      this.keys.lock,
    ];
    try {
      const [version, up, rm] = (await APPLY_BATCH.run(this.redis, keys, args)) as [
        number,
        unknown,
        unknown,
      ];
      return { version: Number(version), up: strings(up), rm: strings(rm) };
    } catch (error) {
      if (error instanceof Error && error.message.includes('NOTLEADER')) {
        throw new NotLeaderError(error.message);
      }
      throw error;
    }
  }

  readMeta(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys.meta);
  }

  async readItems(kind: SnapshotKind, ids: readonly string[]): Promise<(RawItem | null)[]> {
    if (ids.length === 0) return [];
    const [jsons, stamps] = await Promise.all([
      this.redis.hmget(this.keys.data(kind), ...ids),
      this.redis.hmget(this.keys.stamps(kind), ...ids),
    ]);
    return ids.map((id, i) => {
      const json = jsons[i];
      return json === null ? null : { id, json, t: Number(stamps[i] ?? 0) };
    });
  }

  async scan(kind: SnapshotKind, onBatch: (items: RawItem[]) => Promise<void>): Promise<void> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(
        this.keys.data(kind),
        cursor,
        'COUNT',
        SCAN_COUNT,
      );
      cursor = next;
      if (flat.length === 0) continue;
      const ids: string[] = [];
      const jsons: string[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        ids.push(flat[i]);
        jsons.push(flat[i + 1]);
      }
      const stamps = await this.redis.hmget(this.keys.stamps(kind), ...ids);
      await onBatch(ids.map((id, i) => ({ id, json: jsons[i], t: Number(stamps[i] ?? 0) })));
    } while (cursor !== '0');
  }

  async announce(message: ChangeMessage): Promise<void> {
    await this.redis.publish(this.keys.channel, JSON.stringify(message));
  }
}

/** The leader lock in Redis: SET NX PX to take it, compare-and-extend / compare-and-delete. */
export class RedisLockStore implements LockStore {
  constructor(private readonly redis: Redis) {}

  async tryAcquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    if ((await this.redis.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK') return true;
    // Still ours (e.g. after a lost renewal answer): keep it rather than wait for expiry.
    return this.renew(key, owner, ttlMs);
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return Number(await RENEW_LOCK.run(this.redis, [key], [owner, ttlMs])) === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await RELEASE_LOCK.run(this.redis, [key], [owner]);
  }
}
