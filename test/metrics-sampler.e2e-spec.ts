/**
 * The utilization sampler and GET /v1/metrics/performance: one sampler per cluster across API
 * processes (Postgres advisory lock, taken over when the holder stops), buckets built from the
 * samples actually recorded, accounting counts per bucket equal to sacct, and retention.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope } from './helpers/http.js';
import {
  agreeWithin,
  isFinishedState,
  records,
  sacctJobs,
  slurmTime,
  slurmTimeArg,
} from './helpers/metrics-figures.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { CLUSTERS, sbatch } from './helpers/slurm-cli.js';

const SAMPLER_ENV = { METRICS_SAMPLE_INTERVAL_MS: '1000', METRICS_RETENTION_INTERVAL_MS: '2000' };
const STEPS: Record<string, number> = { '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 };

interface Row {
  cluster: string;
  ts: Date;
  resolution: string;
  sample_count: number;
  cpu_percent: number;
  memory_percent: number;
  gpu_percent: number;
  sampled_by: string | null;
}

let db: pg.Client;
let first: ApiServer | undefined;
let second: ApiServer | undefined;
let metricsKey = '';
const startedAt = new Date();

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rows(cluster: string, after: Date, resolution = 'raw'): Promise<Row[]> {
  const res = await db.query<Row>(
    `SELECT cluster, ts, resolution, sample_count, cpu_percent, memory_percent, gpu_percent,
            sampled_by
       FROM metric_samples WHERE cluster = $1 AND resolution = $2 AND ts > $3 ORDER BY ts`,
    [cluster, resolution, after],
  );
  return res.rows;
}

const as = (api: ApiServer | undefined) => client(api?.url ?? '', { apiKey: metricsKey });

/** The live API process (the one left after the takeover test stops the other). */
const live = () => as(first ?? second);

async function leaderOf(api: ApiServer, cluster: string): Promise<number> {
  const res = await as(api).get('/metrics');
  const line = res.text
    .split('\n')
    .find((l) => l.startsWith(`s9s_metrics_sampler_leader{cluster="${cluster}"}`));
  return Number(line?.split(' ').pop() ?? NaN);
}

beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  first = await startApi(SAMPLER_ENV);
  second = await startApi(SAMPLER_ENV);
  const admin = adminApi(first.url, await createAdminKey());
  ({ apiKey: metricsKey } = await admin.principal('operator', 'slurm', {
    scopes: ['metrics:read'],
  }));
  // Jobs submitted while the sampler runs, so the accounting counts are not all zero.
  for (const cluster of CLUSTERS) await sbatch(cluster, 'alice', ['-t', '1', '--wrap', 'sleep 2']);
});

afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await db?.end();
});

describe('the sampler', () => {
  it('runs once per cluster across two API processes, and the survivor takes over', async () => {
    const t0 = new Date();
    // Samplers start once the snapshots are ready: wait for a few seconds of samples.
    for (let i = 0; i < 30; i++) {
      await wait(1000);
      const counts = await Promise.all(CLUSTERS.map((c) => rows(c, t0)));
      if (counts.every((r) => r.length >= 5)) break;
    }
    const processes = [first, second].map((api) => `${hostname()}:${api?.pid}`);
    const holders = new Map<string, string>();
    for (const cluster of CLUSTERS) {
      const recorded = await rows(cluster, t0);
      expect(recorded.length).toBeGreaterThanOrEqual(5);
      // One process samples, once per second on the second, and no instant twice.
      const by = new Set(recorded.map((r) => r.sampled_by));
      expect(by.size).toBe(1);
      const holder = [...by][0] ?? '';
      expect(processes).toContain(holder);
      holders.set(cluster, holder);
      const stamps = recorded.map((r) => r.ts.getTime());
      expect(new Set(stamps).size).toBe(stamps.length);
      expect(stamps.every((t) => t % 1000 === 0)).toBe(true);
      // A sample at (nearly) every second: a slot is only skipped when a tick overruns it.
      const span = (stamps[stamps.length - 1] - stamps[0]) / 1000 + 1;
      expect(recorded.length).toBeGreaterThanOrEqual(Math.floor(span * 0.7));
      // The public gauge agrees: exactly one process says it samples this cluster.
      const flags = [await leaderOf(first!, cluster), await leaderOf(second!, cluster)];
      expect(flags.sort()).toEqual([0, 1]);
      const locks = await db.query(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = hashtext($2)::oid
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [0x53394d53, cluster],
      );
      expect(locks.rows[0].n).toBe(1);
    }

    // Stop the process that samples `main`; the other one must take over within seconds.
    const mainHolder = holders.get('main');
    const [gone, survivor] = mainHolder === processes[0] ? [first, second] : [second, first];
    await gone?.stop();
    if (gone === first) first = undefined;
    else second = undefined;
    const t1 = new Date();
    const survivorId = `${hostname()}:${survivor?.pid}`;
    let taken: Row[] = [];
    for (let i = 0; i < 20 && taken.length < 3; i++) {
      await wait(1000);
      taken = (await rows('main', t1)).filter((r) => r.sampled_by === survivorId);
    }
    expect(taken.length).toBeGreaterThanOrEqual(3);
    expect(new Set((await rows('main', t1)).map((r) => r.sampled_by))).toEqual(
      new Set([survivorId]),
    );
  });
});

interface Bucket {
  ts: number;
  n: number;
  cpu: number;
  mem: number;
  gpu: number;
}

/** The buckets the API must return: recorded rows grouped by interval, weighted means. */
function expectedBuckets(recorded: Row[], step: number): Bucket[] {
  const groups = new Map<number, Bucket>();
  for (const r of recorded) {
    const ts = Math.floor(r.ts.getTime() / 1000 / step) * step;
    const b = groups.get(ts) ?? { ts, n: 0, cpu: 0, mem: 0, gpu: 0 };
    b.n += r.sample_count;
    b.cpu += r.cpu_percent * r.sample_count;
    b.mem += r.memory_percent * r.sample_count;
    b.gpu += r.gpu_percent * r.sample_count;
    groups.set(ts, b);
  }
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return [...groups.values()]
    .sort((a, b) => a.ts - b.ts)
    .map((b) => ({
      ts: b.ts,
      n: b.n,
      cpu: r1(b.cpu / b.n),
      mem: r1(b.mem / b.n),
      gpu: r1(b.gpu / b.n),
    }));
}

/** Jobs submitted, ended and started per bucket, from sacct over the same window. */
async function sacctPerBucket(cluster: string, start: number, end: number, step: number) {
  const out = await sacctJobs(
    cluster,
    slurmTimeArg(start),
    slurmTimeArg(end),
    'JobIDRaw,Submit,Start,End,State',
  );
  const per = new Map<number, { submitted: number; completed: number; waits: number[] }>();
  const at = (t: number) => {
    const key = Math.floor(t / step) * step;
    const entry = per.get(key) ?? { submitted: 0, completed: 0, waits: [] };
    per.set(key, entry);
    return entry;
  };
  for (const [, submitText, startText, endText, state] of records(out)) {
    const submit = slurmTime(submitText);
    const began = slurmTime(startText);
    const ended = slurmTime(endText);
    if (submit !== null) at(submit).submitted++;
    if (ended !== null && isFinishedState(state)) {
      at(ended).completed++;
    }
    if (began !== null && submit !== null) at(began).waits.push(Math.max(0, began - submit));
  }
  return per;
}

describe('GET /v1/metrics/performance', () => {
  it.each(CLUSTERS.flatMap((c) => Object.keys(STEPS).map((i) => [c, i] as const)))(
    '%s, interval %s: one bucket per interval holding recorded samples, counts as sacct',
    async (cluster, interval) => {
      const step = STEPS[interval];
      const end = Math.floor(Date.now() / 1000) + 1;
      const start = Math.floor(startedAt.getTime() / 1000) - 5;
      const failure = await agreeWithin(60_000, async () => {
        const res = await live().get(
          `/v1/metrics/performance?cluster=${cluster}&interval=${interval}` +
            `&start_time=${iso(start)}&end_time=${iso(end)}`,
        );
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ interval, count: res.body.metrics.length, cluster });
        const recorded = (await rows(cluster, new Date((start - 1) * 1000))).filter(
          (r) => r.ts.getTime() < end * 1000 && r.ts.getTime() >= start * 1000,
        );
        if (recorded.length < 3) return `only ${recorded.length} samples recorded`;
        const want = expectedBuckets(recorded, step);
        const got = res.body.metrics.map((m: Record<string, number | string>) => ({
          ts: Date.parse(m.timestamp as string) / 1000,
          n: m.samples,
          cpu: m.cpu_utilization,
          mem: m.memory_utilization,
          gpu: m.gpu_utilization,
        }));
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          return `buckets ${JSON.stringify(got)} != samples ${JSON.stringify(want)}`;
        }
        const sacct = await sacctPerBucket(cluster, start, end, step);
        for (const m of res.body.metrics) {
          const ts = Date.parse(m.timestamp) / 1000;
          const s = sacct.get(ts) ?? { submitted: 0, completed: 0, waits: [] };
          const queue = s.waits.length
            ? Math.round(s.waits.reduce((a, b) => a + b, 0) / s.waits.length)
            : null;
          const expected = {
            jobs_submitted: s.submitted,
            jobs_completed: s.completed,
            avg_queue_time: queue,
          };
          const actual = {
            jobs_submitted: m.jobs_submitted,
            jobs_completed: m.jobs_completed,
            avg_queue_time: m.avg_queue_time,
          };
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            return `${m.timestamp}: ${JSON.stringify(actual)} != sacct ${JSON.stringify(expected)}`;
          }
        }
        const submitted = res.body.metrics.reduce(
          (sum: number, m: { jobs_submitted: number }) => sum + m.jobs_submitted,
          0,
        );
        return submitted >= 1 ? null : 'the job submitted during the test is not counted';
      });
      expect(failure).toBeNull();
    },
  );

  it('rejects bad intervals and times with VALIDATION_ERROR', async () => {
    const api = live();
    for (const query of [
      'interval=2m',
      'start_time=yesterday',
      'start_time=2024-01-02T00:00:00Z&end_time=2024-01-01T00:00:00Z',
      'interval=1m&start_time=2024-01-01T00:00:00Z&end_time=2024-03-01T00:00:00Z',
      'cluster=nope',
    ]) {
      expectEnvelope(await api.get(`/v1/metrics/performance?${query}`), 400, 'VALIDATION_ERROR');
    }
  });
});

describe('retention', () => {
  const HOUR = 3600;
  const DAY = 86400;
  // Two hours, eight days ago, inside one UTC day.
  const base = Math.floor((Date.now() / 1000 - 8 * DAY) / DAY) * DAY + 2 * HOUR;
  const ancient = Math.floor((Date.now() / 1000 - 91 * DAY) / HOUR) * HOUR;
  const cluster = 'legacy';

  async function insert(resolution: string, ts: number, count: number, cpu: number) {
    await db.query(
      `INSERT INTO metric_samples (cluster, resolution, ts, sample_count, cpu_percent,
         memory_percent, gpu_percent, cpus_alloc, cpus_total, memory_alloc_mb, memory_total_mb,
         gpus_alloc, gpus_total, jobs_running, jobs_pending, pending_wait_seconds, sampled_by)
       VALUES ($1, $2, to_timestamp($3), $4, $5, $6, 0, 1, 32, 0, 64000, 0, 8, 1, 0, 0, 'e2e')`,
      [cluster, resolution, ts, count, cpu, cpu / 2],
    );
  }

  afterAll(async () => {
    await db?.query(`DELETE FROM metric_samples WHERE cluster = $1 AND ts < to_timestamp($2)`, [
      cluster,
      base + 3 * HOUR,
    ]);
  });

  it('folds raw samples older than 7 days into hourly means and drops hourly rows after 90', async () => {
    await db.query(`DELETE FROM metric_samples WHERE cluster = $1 AND ts < to_timestamp($2)`, [
      cluster,
      base + 3 * HOUR,
    ]);
    // An hourly row already there for the first hour must be merged with the raw minutes.
    await insert('hour', base, 60, 50);
    await db.query('BEGIN');
    for (let i = 0; i < 120; i++) await insert('raw', base + i * 60, 1, i < 60 ? 10 : 30);
    await db.query('COMMIT');
    await insert('hour', ancient, 60, 99);

    let hourly: Row[] = [];
    for (let i = 0; i < 30; i++) {
      await wait(1000);
      const raw = await db.query(
        `SELECT count(*)::int AS n FROM metric_samples
          WHERE cluster = $1 AND resolution = 'raw' AND ts >= to_timestamp($2) AND ts < to_timestamp($3)`,
        [cluster, base, base + 2 * HOUR],
      );
      hourly = (await rows(cluster, new Date((base - 1) * 1000), 'hour')).filter(
        (r) => r.ts.getTime() < (base + 2 * HOUR) * 1000,
      );
      if (raw.rows[0].n === 0 && hourly.length === 2) break;
    }
    expect(hourly.map((r) => [r.ts.getTime() / 1000, r.sample_count, r.cpu_percent])).toEqual([
      [base, 120, 30],
      [base + HOUR, 60, 30],
    ]);
    const old = await db.query(
      `SELECT count(*)::int AS n FROM metric_samples WHERE cluster = $1 AND ts = to_timestamp($2)`,
      [cluster, ancient],
    );
    expect(old.rows[0].n).toBe(0);

    // The series over that range comes from the hourly rows.
    const res = await live().get(
      `/v1/metrics/performance?cluster=${cluster}&interval=1h` +
        `&start_time=${iso(base)}&end_time=${iso(base + 2 * HOUR)}`,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.metrics.map((m: Record<string, unknown>) => [
        m.timestamp,
        m.cpu_utilization,
        m.samples,
      ]),
    ).toEqual([
      [iso(base), 30, 120],
      [iso(base + HOUR), 30, 60],
    ]);
    const daily = await live().get(
      `/v1/metrics/performance?cluster=${cluster}&interval=1d` +
        `&start_time=${iso(base)}&end_time=${iso(base + 2 * HOUR)}`,
    );
    expect(daily.body.metrics).toHaveLength(1);
    expect(daily.body.metrics[0]).toMatchObject({ cpu_utilization: 30, samples: 180 });
  });
});
