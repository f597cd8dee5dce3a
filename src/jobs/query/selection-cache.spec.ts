import { jest } from '@jest/globals';
import { liveJob } from '../testing/job-fixtures.js';
import { SelectionCache } from './selection-cache.js';

describe('SelectionCache', () => {
  function source(ids: string[]) {
    const state = { version: 1, jobs: ids.map((id) => liveJob(id, { state: 'PENDING' })) };
    const all = jest.fn(() => state.jobs.slice());
    return {
      state,
      snapshot: {
        get version() {
          return state.version;
        },
        all,
      },
    };
  }

  it('reuses a selection until the snapshot version changes', () => {
    const cache = new SelectionCache();
    const { state, snapshot } = source(['1', '3', '2']);
    const first = cache.select(snapshot, { states: ['PENDING'] }, 'job_id', 'asc');
    const second = cache.select(snapshot, { states: ['PENDING'] }, 'job_id', 'asc');
    expect(second).toBe(first);
    expect(first.map((j) => j.id)).toEqual(['1', '2', '3']);
    expect(snapshot.all).toHaveBeenCalledTimes(1);

    state.jobs.push(liveJob('0', { state: 'PENDING' }));
    state.version = 2;
    expect(
      cache.select(snapshot, { states: ['PENDING'] }, 'job_id', 'asc').map((j) => j.id),
    ).toEqual(['0', '1', '2', '3']);
  });

  it('keeps different filters and orders apart', () => {
    const cache = new SelectionCache();
    const { snapshot } = source(['1', '2']);
    const asc = cache.select(snapshot, {}, 'job_id', 'asc');
    const desc = cache.select(snapshot, {}, 'job_id', 'desc');
    expect(asc.map((j) => j.id)).toEqual(['1', '2']);
    expect(desc.map((j) => j.id)).toEqual(['2', '1']);
    expect(cache.select(snapshot, { users: ['bob'] }, 'job_id', 'asc')).toEqual([]);
  });
});
