import type { Job, Node } from '@app/slurm-gateway';
import type { SnapshotListener } from '../cluster-state/index.js';
import { ClusterSearch, type SearchableSnapshot } from './cluster-search.js';
import { makeJob, makeNode, makePartition, makeUser } from './testing/model-fixtures.js';

class FakeSnapshot<T> implements SearchableSnapshot<T> {
  readonly items = new Map<string, T>();
  private readonly listeners = new Set<SnapshotListener>();
  allCalls = 0;

  constructor(
    private readonly kind: 'job' | 'node',
    private readonly idOf: (t: T) => string,
  ) {}

  all(): T[] {
    this.allCalls += 1;
    return [...this.items.values()];
  }
  get(id: string): T | undefined {
    return this.items.get(id);
  }
  ready(): Promise<void> {
    return Promise.resolve();
  }
  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(item: T): void {
    this.items.set(this.idOf(item), item);
    this.emit([this.idOf(item)], []);
  }
  delete(id: string): void {
    this.items.delete(id);
    this.emit([id], [id]);
  }
  private emit(ids: string[], removed: string[]): void {
    for (const l of this.listeners)
      l({ cluster: 'main', kind: this.kind, ids, removed, version: 0 });
  }
}

function setup() {
  const jobs = new FakeSnapshot<Job>('job', (j) => j.id);
  const nodes = new FakeSnapshot<Node>('node', (n) => n.name);
  jobs.items.set(
    '1',
    makeJob({ id: '1', name: 'train', user: 'alice', partition: 'gpu', gpus: 2 }),
  );
  nodes.items.set('gpu001', makeNode({ name: 'gpu001', features: ['gpu', 'a100'], gpusTotal: 4 }));
  let now = 0;
  let userLoads = 0;
  let failUsers = false;
  const search = new ClusterSearch(
    {
      cluster: 'main',
      defaultCluster: 'main',
      jobs,
      nodes,
      users: () => {
        userLoads += 1;
        return failUsers
          ? Promise.reject(new Error('slurmdbd down'))
          : Promise.resolve([makeUser()]);
      },
      partitions: () => Promise.resolve([makePartition({ name: 'gpu', nodes: ['gpu001'] })]),
    },
    { refreshMs: 60_000, now: () => now },
  );
  return {
    search,
    jobs,
    nodes,
    advance: (ms: number) => (now += ms),
    userLoads: () => userLoads,
    failUsers: () => (failUsers = true),
  };
}

const ids = (r: { hits: { type: string; id: string }[] }) => r.hits.map((h) => `${h.type}:${h.id}`);

describe('ClusterSearch', () => {
  it('indexes jobs, nodes, users and partitions on first search', async () => {
    const { search } = setup();
    expect(ids(await search.search({ q: 'gpu', limit: 10 })).sort()).toEqual([
      'job:1',
      'node:gpu001',
      'partition:gpu',
    ]);
    expect(ids(await search.search({ q: 'alice', types: ['user'], limit: 10 }))).toEqual([
      'user:alice',
    ]);
  });

  it('applies snapshot changes one by one without re-reading the whole snapshot', async () => {
    const { search, jobs } = setup();
    await search.search({ q: 'train', limit: 5 });
    const reads = jobs.allCalls;
    jobs.set(makeJob({ id: '2', name: 'render', user: 'bob' }));
    jobs.set(makeJob({ id: '1', name: 'finetune', user: 'alice', partition: 'gpu', gpus: 2 }));
    expect(ids(await search.search({ q: 'render', limit: 5 }))).toEqual(['job:2']);
    expect(ids(await search.search({ q: 'train', limit: 5 }))).toEqual([]);
    jobs.delete('2');
    expect(ids(await search.search({ q: 'render', limit: 5 }))).toEqual([]);
    expect(jobs.allCalls).toBe(reads);
  });

  it('reloads users and partitions only when stale, and survives a failing load', async () => {
    const { search, advance, userLoads, failUsers } = setup();
    await search.search({ q: 'alice', limit: 5 });
    await search.search({ q: 'alice', limit: 5 });
    expect(userLoads()).toBe(1);
    advance(60_000);
    failUsers();
    const result = await search.search({ q: 'alice', types: ['user'], limit: 5 });
    // The stale list answered; the reload ran in the background and failed without harm.
    expect(ids(result)).toEqual(['user:alice']);
    await new Promise((r) => setImmediate(r));
    expect(userLoads()).toBe(2);
    expect(ids(await search.search({ q: 'alice', types: ['user'], limit: 5 }))).toEqual([
      'user:alice',
    ]);
  });

  it('stops listening when stopped', async () => {
    const { search, nodes } = setup();
    await search.search({ q: 'gpu', limit: 5 });
    search.stop();
    nodes.set(makeNode({ name: 'gpu009', features: ['gpu'] }));
    expect(ids(await search.search({ q: 'gpu009', limit: 5 }))).toEqual([]);
  });
});
