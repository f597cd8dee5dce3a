/**
 * What a sorted job selection costs after a snapshot change: a full re-selection (as before
 * the incremental update, and as it is still done after a gap in the change log) against the
 * incremental update after 1, 10 and 100 changed jobs. In process, no stack needed:
 *
 *   npm run build && node bench/selection-bench.mjs [--jobs 20000] [--rounds 60]
 *
 * The selection is the benchmark's page: state=PENDING, sort=priority desc. Results are
 * printed (ms per selection: p50, p95 and max over --rounds changes each).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile, round } from './lib/stats.mjs';

const DIST = resolve(import.meta.dirname, '..', 'dist', 'src');
const load = (path) => import(pathToFileURL(resolve(DIST, path)).href);
const { LocalStore } = await load('cluster-state/local-store.js');
const { selectJobs } = await load('jobs/query/job-query.js');
const { SelectionCache } = await load('jobs/query/selection-cache.js');
const { seededRandom } = await load('jobs/query/selection-testing.js');

const { values: opts } = parseArgs({
  options: {
    jobs: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '60' },
  },
});
const JOBS = Number(opts.jobs);
const ROUNDS = Number(opts.rounds);
const FILTER = { states: ['PENDING'] };

const random = seededRandom(42);
const USERS = ['alice', 'bob', 'carol'];

function job(id) {
  const pending = random() < 0.9;
  return {
    id: String(id),
    name: `bench_${id % 50}`,
    user: USERS[id % 3],
    account: 'research',
    partition: 'normal',
    qos: 'normal',
    state: pending ? 'PENDING' : 'RUNNING',
    stateFlags: [],
    submitTime: 1_764_000_000 + id,
    startTime: pending ? null : 1_764_100_000,
    endTime: null,
    // Like `--nice` spread over a range: many jobs share a priority, the id breaks ties.
    priority: 10_000 + Math.floor(random() * 5000),
  };
}

let t = 0;
const store = new LocalStore('main', 'job');
store.apply(
  Array.from({ length: JOBS }, (_, i) => ({ id: String(100_000 + i), item: job(100_000 + i), t })),
  [],
);

/** `count` jobs changed: new priorities, a tenth of them started or back to pending. */
function change(count) {
  const upserts = [];
  for (let i = 0; i < count; i++) {
    const id = String(100_000 + Math.floor(random() * JOBS));
    const held = store.get(id);
    const state = random() < 0.1 ? (held.state === 'PENDING' ? 'RUNNING' : 'PENDING') : held.state;
    upserts.push({
      id,
      item: { ...held, state, priority: 10_000 + Math.floor(random() * 5000) },
      t: ++t,
    });
  }
  store.apply(upserts, []);
}

function measure(label, count, select) {
  const times = [];
  for (let round = -5; round < ROUNDS; round++) {
    change(count);
    const start = performance.now();
    select();
    if (round >= 0) times.push(performance.now() - start);
  }
  const ms = (p) => round(percentile(times, p), 2);
  return { selection: label, changed: count, p50: ms(50), p95: ms(95), max: ms(100) };
}

const cache = new SelectionCache();
const check = () => {
  const expected = selectJobs(store.list(), FILTER, 'priority', 'desc');
  const got = cache.select(store, FILTER, 'priority', 'desc');
  if (got.length !== expected.length || got.some((j, i) => j !== expected[i])) {
    throw new Error('incremental selection differs from selectJobs');
  }
};

const rows = [
  measure('full, as before (list rebuilt + copied, filter, sort)', 1, () =>
    selectJobs(store.list().slice(), FILTER, 'priority', 'desc'),
  ),
  measure('full, now (after a log gap: shared list rebuilt, filter, sort)', 1, () =>
    selectJobs(store.list(), FILTER, 'priority', 'desc'),
  ),
];
for (const count of [1, 10, 100]) {
  cache.select(store, FILTER, 'priority', 'desc');
  rows.push(
    measure('incremental (SelectionCache.select)', count, () =>
      cache.select(store, FILTER, 'priority', 'desc'),
    ),
  );
  check();
}
console.log(`${JOBS} jobs, ${ROUNDS} rounds each, node ${process.version}`);
console.table(rows);
