import type { Job } from '@app/slurm-gateway';
import { LocalStore } from './local-store.js';
import { diffFullList, planJobStateRefresh } from './refresh-plan.js';
import { fakeJob, stateOf } from './testing/fakes.js';

function storeWith(...jobs: Job[]): LocalStore<Job> {
  const store = new LocalStore<Job>('main', 'job');
  store.apply(
    jobs.map((item) => ({ id: item.id, item, t: 1 })),
    [],
  );
  return store;
}

describe('planJobStateRefresh', () => {
  it('finds new jobs, state changes and jobs Slurm forgot', async () => {
    const store = storeWith(
      fakeJob('1', { state: 'PENDING', priority: 7 }),
      fakeJob('2', { state: 'RUNNING' }),
      fakeJob('3', { state: 'COMPLETED' }),
    );
    const plan = await planJobStateRefresh(store, [
      stateOf(fakeJob('1', { state: 'RUNNING' })),
      stateOf(fakeJob('2', { state: 'RUNNING' })),
      stateOf(fakeJob('4')),
    ]);
    expect(plan.newIds).toEqual(['4']);
    expect(plan.missing).toEqual(['3']);
    expect(plan.patched).toHaveLength(1);
    // The patch changes the state and keeps every other field until the details arrive.
    expect(plan.patched[0]).toMatchObject({ id: '1', state: 'RUNNING', priority: 7 });
    expect(store.get('1')?.state).toBe('PENDING');
  });

  it('treats changed state flags and a shrinking array remainder as changes', async () => {
    const store = storeWith(
      fakeJob('10', { state: 'RUNNING' }),
      fakeJob('20', { arrayTaskString: '1-9%2' }),
    );
    const plan = await planJobStateRefresh(store, [
      stateOf(fakeJob('10', { state: 'RUNNING', stateFlags: ['COMPLETING'] })),
      stateOf(fakeJob('20', { arrayTaskString: '3-9%2' })),
    ]);
    expect(plan.patched.map((j) => [j.id, j.stateFlags, j.arrayTaskString])).toEqual([
      ['10', ['COMPLETING'], null],
      ['20', [], '3-9%2'],
    ]);
  });

  it('plans nothing when the snapshot matches', async () => {
    const jobs = [fakeJob('1'), fakeJob('2', { state: 'RUNNING' })];
    const plan = await planJobStateRefresh(storeWith(...jobs), jobs.map(stateOf));
    expect(plan).toEqual({ newIds: [], patched: [], missing: [] });
  });
});

describe('diffFullList', () => {
  it('returns new and changed items by content, and the missing ids', async () => {
    const store = storeWith(fakeJob('1'), fakeJob('2'), fakeJob('3'));
    const diff = await diffFullList(
      store,
      [fakeJob('1'), fakeJob('2', { reason: 'Priority' }), fakeJob('5')],
      (job) => job.id,
    );
    expect(diff.changed.map((j) => j.id)).toEqual(['2', '5']);
    expect(diff.missing).toEqual(['3']);
  });

  it('handles lists larger than one chunk', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => fakeJob(String(i)));
    const diff = await diffFullList(storeWith(...many.slice(0, 2000)), many, (j) => j.id);
    expect(diff.changed).toHaveLength(500);
    expect(diff.missing).toEqual([]);
  });
});
