import { jest } from '@jest/globals';
import type { Job } from '@app/slurm-gateway';
import { LocalStore } from '../../cluster-state/local-store.js';
import type { JobSnapshot } from '../../cluster-state/snapshot.js';
import { liveJob } from '../testing/job-fixtures.js';
import { selectJobs } from './job-query.js';
import { SelectionCache, updateSelection } from './selection-cache.js';
import { snapshotOver } from './selection-testing.js';

function put(store: LocalStore<Job>, ...jobs: Job[]): void {
  store.apply(
    jobs.map((item) => ({ id: item.id, item, t: 1 })),
    [],
  );
}

const ids = (jobs: readonly Job[]): string[] => jobs.map((j) => j.id);

describe('SelectionCache', () => {
  let store: LocalStore<Job>;
  let snapshot: JobSnapshot;
  let list: jest.SpiedFunction<() => readonly Job[]>;

  beforeEach(() => {
    store = new LocalStore<Job>('main', 'job');
    snapshot = snapshotOver(store);
    list = jest.spyOn(snapshot, 'list');
    put(
      store,
      ...Array.from({ length: 40 }, (_, i) => liveJob(String(i + 1), { state: 'PENDING' })),
    );
  });

  it('reuses a selection until the snapshot version changes', () => {
    const cache = new SelectionCache<Job>();
    const first = cache.select(snapshot, { states: ['PENDING'] }, 'job_id', 'asc');
    expect(cache.select(snapshot, { states: ['PENDING'] }, 'job_id', 'asc')).toBe(first);
    expect(ids(first).slice(0, 3)).toEqual(['1', '2', '3']);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('updates a selection from the changed jobs without reading the whole list', () => {
    const cache = new SelectionCache<Job>();
    cache.select(snapshot, { states: ['PENDING'] }, 'priority', 'desc');
    put(store, liveJob('7', { state: 'PENDING', priority: 5000 }), liveJob('0', { priority: 9 }));
    put(store, liveJob('8', { state: 'RUNNING' }));
    store.apply([], ['9']);
    const updated = cache.select(snapshot, { states: ['PENDING'] }, 'priority', 'desc');
    expect(list).toHaveBeenCalledTimes(1);
    expect(ids(updated)).toEqual(
      ids(selectJobs(store.list(), { states: ['PENDING'] }, 'priority', 'desc')),
    );
    expect(ids(updated).slice(0, 3)).toEqual(['7', '40', '39']);
    expect(updated).not.toContainEqual(expect.objectContaining({ id: '9' }));
    expect(updated).not.toContainEqual(expect.objectContaining({ id: '8' }));
  });

  it('never mutates a selection it handed out', () => {
    const cache = new SelectionCache<Job>();
    const first = cache.select(snapshot, {}, 'job_id', 'desc');
    const before = [...first];
    put(store, liveJob('41'), liveJob('5', { user: 'bob' }));
    store.apply([], ['6']);
    const second = cache.select(snapshot, {}, 'job_id', 'desc');
    expect(second).not.toBe(first);
    expect(first).toEqual(before);
    expect(first.every((job, i) => job === before[i])).toBe(true);
    expect(ids(second).slice(0, 2)).toEqual(['41', '40']);
    expect(second.find((j) => j.id === '5')?.user).toBe('bob');
  });

  it('starts over when the change log no longer reaches back to the cached version', () => {
    const cache = new SelectionCache<Job>();
    cache.select(snapshot, {}, 'priority', 'asc');
    for (let i = 0; i < 130; i++) put(store, liveJob(String(1 + (i % 3)), { priority: i }));
    expect(snapshot.changesSince(1)).toBeNull();
    const again = cache.select(snapshot, {}, 'priority', 'asc');
    expect(list).toHaveBeenCalledTimes(2);
    expect(ids(again)).toEqual(ids(selectJobs(store.list(), {}, 'priority', 'asc')));
  });

  it('starts over when more than a quarter of the jobs changed', () => {
    const cache = new SelectionCache<Job>();
    cache.select(snapshot, {}, 'user', 'asc');
    put(store, ...Array.from({ length: 11 }, (_, i) => liveJob(String(i + 1), { user: 'bob' })));
    const again = cache.select(snapshot, {}, 'user', 'asc');
    expect(list).toHaveBeenCalledTimes(2);
    expect(ids(again)).toEqual(ids(selectJobs(store.list(), {}, 'user', 'asc')));
  });

  it('refuses an update when a changed job is not where the order puts it', () => {
    const before = liveJob('5', { state: 'PENDING' });
    const previous = [liveJob('1', { state: 'PENDING' }), liveJob('9', { state: 'PENDING' })];
    const changes = new Map([['5', before]]);
    const selection = { source: store, filter: {}, sort: 'job_id', order: 'asc' } as const;
    expect(updateSelection(previous, changes, selection)).toBeNull();
    const withIt = [previous[0], before, previous[1]];
    expect(ids(updateSelection(withIt, changes, selection) ?? [])).toEqual(['1', '5', '9']);
    expect(updateSelection(withIt, changes, selection)?.[1]).toBe(store.get('5'));
  });

  it('keeps different filters and orders apart', () => {
    const cache = new SelectionCache<Job>();
    const asc = cache.select(snapshot, {}, 'job_id', 'asc');
    const desc = cache.select(snapshot, {}, 'job_id', 'desc');
    expect(ids(asc).slice(0, 2)).toEqual(['1', '2']);
    expect(ids(desc).slice(0, 2)).toEqual(['40', '39']);
    expect(cache.select(snapshot, { users: ['bob'] }, 'job_id', 'asc')).toEqual([]);
  });

  it('evicts the least recently used of more than 64 selections', () => {
    const cache = new SelectionCache<Job>();
    const byUser = (n: number) => cache.select(snapshot, { users: [`u${n}`] }, 'job_id', 'asc');
    const first = cache.select(snapshot, {}, 'job_id', 'asc');
    for (let n = 0; n < 63; n++) byUser(n);
    expect(cache.select(snapshot, {}, 'job_id', 'asc')).toBe(first);
    byUser(63);
    expect(cache.select(snapshot, {}, 'job_id', 'asc')).toBe(first);
    expect(list).toHaveBeenCalledTimes(65);
    byUser(0); // evicted by the selection for u63, built again: evicts u1
    byUser(64);
    expect(list).toHaveBeenCalledTimes(67);
    expect(cache.select(snapshot, {}, 'job_id', 'asc')).toBe(first);
    byUser(1);
    expect(list).toHaveBeenCalledTimes(68);
  });
});
