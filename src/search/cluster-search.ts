import type { Job, Node, Partition, SlurmUser } from '@app/slurm-gateway';
import type { SnapshotListener } from '../cluster-state/index.js';
import {
  jobDoc,
  nodeDoc,
  partitionDoc,
  userDoc,
  type SearchDoc,
  type SearchType,
} from './search-documents.js';
import { SearchIndex, type SearchHit, type SearchQuery } from './search-index.js';

/** The part of a job or node snapshot the search needs. */
export interface SearchableSnapshot<T> {
  all(): T[];
  get(id: string): T | undefined;
  ready(): Promise<void>;
  onChange(listener: SnapshotListener): () => void;
}

/** Where one cluster's searchable things come from. */
export interface SearchSources {
  cluster: string;
  defaultCluster: string;
  jobs: SearchableSnapshot<Job>;
  nodes: SearchableSnapshot<Node>;
  /** Accounting users and partition definitions: loaded now and then, not per change. */
  users(): Promise<SlurmUser[]>;
  partitions(): Promise<Partition[]>;
}

export interface ClusterSearchOptions {
  /** How old users/partitions may get before a background reload. */
  refreshMs: number;
  now?: () => number;
  onError?: (what: string, error: unknown) => void;
}

type LiveKind = 'job' | 'node';

/**
 * The search index of one cluster. Snapshot changes only mark ids dirty (cheap, in the
 * change listener); the next search applies them, one document each, or rebuilds a type
 * when most of it changed. Users and partitions are reloaded in the background when stale.
 */
export class ClusterSearch {
  private readonly index = new SearchIndex();
  private readonly dirty: Record<LiveKind, Set<string>> = { job: new Set(), node: new Set() };
  private readonly rebuild: Record<LiveKind, boolean> = { job: true, node: true };
  private readonly unsubscribe: (() => void)[] = [];
  private extrasAt = Number.NEGATIVE_INFINITY;
  private extrasLoad: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly sources: SearchSources,
    private readonly options: ClusterSearchOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.unsubscribe.push(
      sources.jobs.onChange((c) => this.markDirty('job', c.ids)),
      sources.nodes.onChange((c) => this.markDirty('node', c.ids)),
    );
  }

  async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
    await Promise.all([this.sources.jobs.ready(), this.sources.nodes.ready()]);
    this.sync('job', this.sources.jobs, (j) => jobDoc(j, this.sources.defaultCluster));
    this.sync('node', this.sources.nodes, (n) => nodeDoc(n, this.sources.defaultCluster));
    const extras = this.refreshExtras();
    // The first search waits for users and partitions; later ones use what is loaded.
    if (this.extrasAt === Number.NEGATIVE_INFINITY) await extras;
    return this.index.search(query);
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private markDirty(kind: LiveKind, ids: readonly string[]): void {
    if (this.rebuild[kind]) return;
    for (const id of ids) this.dirty[kind].add(id);
  }

  private sync<T>(kind: LiveKind, snapshot: SearchableSnapshot<T>, toDoc: (item: T) => SearchDoc) {
    const dirty = this.dirty[kind];
    const all = this.rebuild[kind] || dirty.size > 1000 ? snapshot.all() : null;
    if (all && (this.rebuild[kind] || dirty.size * 2 > all.length)) {
      this.index.replaceType(kind, all.map(toDoc));
    } else {
      for (const id of dirty) {
        const item = snapshot.get(id);
        if (item === undefined) this.index.remove(kind, id);
        else this.index.upsert(toDoc(item));
      }
    }
    this.rebuild[kind] = false;
    dirty.clear();
  }

  /** Reloads users and partitions when stale (one load at a time); never rejects. */
  private refreshExtras(): Promise<void> {
    if (this.now() - this.extrasAt < this.options.refreshMs) return Promise.resolve();
    this.extrasLoad ??= this.loadExtras().finally(() => {
      this.extrasLoad = null;
    });
    return this.extrasLoad;
  }

  private async loadExtras(): Promise<void> {
    const { defaultCluster } = this.sources;
    await Promise.all([
      this.loadType(
        'user',
        () => this.sources.users(),
        (u) => userDoc(u, defaultCluster),
      ),
      this.loadType(
        'partition',
        () => this.sources.partitions(),
        (p) => partitionDoc(p, this.partitionFeatures(p), defaultCluster),
      ),
    ]);
    this.extrasAt = this.now();
  }

  private async loadType<T>(
    type: SearchType,
    load: () => Promise<T[]>,
    toDoc: (t: T) => SearchDoc,
  ) {
    try {
      this.index.replaceType(type, (await load()).map(toDoc));
    } catch (error) {
      // Accounting may be down: search keeps working with what it had.
      this.options.onError?.(type, error);
    }
  }

  private partitionFeatures(partition: Partition): string[] {
    const features = new Set<string>();
    for (const name of partition.nodes) {
      for (const f of this.sources.nodes.get(name)?.features ?? []) features.add(f);
    }
    return [...features].sort();
  }
}
