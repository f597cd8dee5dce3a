import { jest } from '@jest/globals';
import type { Job } from '@app/slurm-gateway';
import type { Stamped } from '../../cluster-state/cluster-state.types.js';
import { LocalStore } from '../../cluster-state/local-store.js';
import { liveJob } from '../testing/job-fixtures.js';
import { selectJobs, type JobFilter, type JobSortField, type SortOrder } from './job-query.js';
import { SelectionCache } from './selection-cache.js';
import { seededRandom, snapshotOver } from './selection-testing.js';

const COMBOS: [JobFilter, JobSortField, SortOrder][] = [
  [{ states: ['PENDING'] }, 'priority', 'desc'],
  [{}, 'job_id', 'asc'],
  [{ users: ['bob'], states: ['RUNNING', 'PENDING'] }, 'submit_time', 'asc'],
  [{}, 'end_time', 'desc'],
  [{ partitions: ['gpu'] }, 'name', 'asc'],
  [{}, 'state', 'desc'],
  [{ states: ['PENDING', 'HELD'] }, 'priority', 'asc'],
];

describe('SelectionCache against a fresh selectJobs after random changes', () => {
  const random = seededRandom(20261201);
  const pick = <V>(values: readonly V[]): V => values[Math.floor(random() * values.length)];
  // Few distinct values: many ties, so the order rests on the job id as often as not.
  const randomJob = (id: string): Job =>
    liveJob(id, {
      state: pick(['PENDING', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED']),
      stateFlags: random() < 0.1 ? ['HELD'] : [],
      priority: pick([null, 100, 200, 300, 5000]),
      user: pick(['alice', 'bob', 'carol']),
      partition: pick(['normal', 'gpu']),
      name: pick(['a', 'b', 'c', 'sim']),
      submitTime: pick([null, 1000, 2000, 3000]),
      endTime: pick([null, 4000, 5000]),
    });
  const randomId = (): string =>
    random() < 0.02 ? `x${Math.floor(random() * 5)}` : String(Math.floor(random() * 400));

  let t = 0;
  const stamped = (job: Job): Stamped<Job> => ({ id: job.id, item: job, t: ++t });

  /** A mix of new jobs, changed jobs and removals; now and then a large one. */
  function randomBatch(store: LocalStore<Job>): void {
    const count = random() < 0.05 ? 150 : 1 + Math.floor(random() * 6);
    const upserts: Stamped<Job>[] = [];
    const removals: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomId();
      if (store.get(id) && random() < 0.3) removals.push(id);
      else upserts.push(stamped(randomJob(id)));
    }
    store.apply(upserts, removals);
  }

  /** A resync: most jobs kept as equal copies, some changed, some dropped, some new. */
  async function randomReplace(store: LocalStore<Job>): Promise<void> {
    const all: Stamped<Job>[] = [];
    for (const job of store.list()) {
      const roll = random();
      if (roll < 0.03) continue;
      all.push(stamped(roll < 0.06 ? randomJob(job.id) : { ...job }));
    }
    for (let i = 0; i < 3; i++) {
      const id = randomId();
      if (!store.get(id)) all.push(stamped(randomJob(id)));
    }
    await store.replace([...new Map(all.map((s) => [s.id, s])).values()]);
  }

  it('selects exactly what selectJobs selects, over 400 steps and 7 filter/sort combinations', async () => {
    const store = new LocalStore<Job>('main', 'job');
    const snapshot = snapshotOver(store);
    const list = jest.spyOn(snapshot, 'list');
    const cache = new SelectionCache<Job>();
    store.apply(
      Array.from({ length: 200 }, (_, i) => stamped(randomJob(String(i)))),
      [],
    );
    let compared = 0;
    let updates = 0;
    for (let step = 0; step < 400; step++) {
      if (random() < 0.04) await randomReplace(store);
      else randomBatch(store);
      for (const [filter, sort, order] of COMBOS) {
        // Skipped now and then: an update may span several versions.
        if (random() < 0.3) continue;
        const fulls = list.mock.calls.length;
        const got = cache.select(snapshot, filter, sort, order);
        if (list.mock.calls.length === fulls) updates++;
        const expected = selectJobs(store.list(), filter, sort, order);
        // Compared as text: a few thousand deep array comparisons take several times longer.
        if (got.length !== expected.length || got.some((job, i) => job !== expected[i])) {
          expect(got.map((j) => j.id).join(' ')).toBe(expected.map((j) => j.id).join(' '));
          expect(got).toEqual(expected);
        }
        compared++;
      }
    }
    // Both paths ran: most selections were updates, some started over.
    expect(compared).toBeGreaterThan(1500);
    expect(updates).toBeGreaterThan(compared * 0.7);
    expect(list.mock.calls.length).toBeGreaterThan(30);
  });
});
