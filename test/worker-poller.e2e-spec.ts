/**
 * The worker as the cluster poller (split deployment): an API process with
 * CLUSTER_STATE_POLLER=false serves jobs that a worker process polls into the shared snapshot.
 * Jobs submitted and cancelled with Slurm's own CLI show through the API within seconds; the
 * worker's own /metrics (WORKER_METRICS_PORT) counts the slurmrestd calls while the API's
 * counters show it never polled; a worker with CLUSTER_STATE_POLLER=false never takes over;
 * SIGTERM makes the polling worker resign and exit 0.
 *
 * Every process here uses its own Redis key prefix, so API servers of other specs neither lead
 * these snapshots nor see them.
 */
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import {
  distDir,
  freePort,
  spawnApi,
  startApi,
  type ApiProcess,
  type ApiServer,
} from './helpers/api-server.js';
import { client } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { dropKeys } from './helpers/redis-keys.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

const PREFIX = `s9s:e2e-wk:${process.pid}:${Date.now()}`;
const ENV = {
  CLUSTER_STATE_REDIS_PREFIX: PREFIX,
  CLUSTER_STATE_POLL_MS: '1000',
  CLUSTER_STATE_NODE_POLL_MS: '2000',
  CLUSTER_STATE_LOCK_TTL_MS: '3000',
  // The sampler is not under test: keep it from electing itself in these processes.
  METRICS_SAMPLER_ENABLED: 'false',
};
const WORKER = resolve(distDir(), 'src/worker.js');
const JOB_NAME = `wk-e2e-${process.pid}`;
/** slurmrestd endpoints only a poller reads (the state poll, the 22.05 list, the node list). */
const POLL_ENDPOINTS = ['slurm/jobs/state', 'slurm/jobs', 'slurm/nodes'];
const POLL_KINDS = ['jobStates', 'listJobs', 'listNodes'];

interface Worker extends ApiProcess {
  metricsUrl: string;
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6380');
const holder = (cluster: string) => redis.get(`${PREFIX}:{${cluster}}:leader`);
const pidOf = (owner: string | null) => Number(owner?.split(':')[1]);
const pollerLine = (cluster: string) => `cluster-state: ${cluster}: this process is the poller`;

async function startWorker(env: Record<string, string>): Promise<Worker> {
  const port = await freePort();
  const worker = await spawnApi({ ...ENV, ...env, WORKER_METRICS_PORT: String(port) }, WORKER);
  await waitFor(() => worker.output().includes('S9S worker started'), { timeoutMs: 60_000 });
  return { ...worker, metricsUrl: `http://127.0.0.1:${port}/metrics` };
}

async function stopWorker(worker: Worker | undefined): Promise<number | null | undefined> {
  if (!worker || worker.child.exitCode !== null) return worker?.child.exitCode;
  worker.child.kill('SIGTERM');
  return worker.exited;
}

/** Sum of the samples of `name` whose labels include every pair of `match`. */
function sum(exposition: string, name: string, match: Record<string, string[]> = {}): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labels = Object.fromEntries(
      [...(line.match(/^[^{ ]*\{([^}]*)\}/)?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (Object.entries(match).every(([k, values]) => values.includes(labels[k]))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** The state Slurm itself reports (squeue -t all keeps finished jobs until MinJobAge). */
async function squeueState(id: string): Promise<string> {
  return (await slurmCli('main', ['squeue', '-h', '-t', 'all', '-j', id, '-o', '%T'])).trim();
}

describe('API with CLUSTER_STATE_POLLER=false, worker as the poller', () => {
  let worker: Worker | undefined;
  let idle: Worker | undefined;
  let api: ApiServer | undefined;
  let apiKey = '';

  const apiMetrics = () => scrape(`${api?.url}/metrics`, { 'X-API-Key': apiKey });

  beforeAll(async () => {
    worker = await startWorker({});
    idle = await startWorker({ CLUSTER_STATE_POLLER: 'false' });
    api = await startApi({ ...ENV, CLUSTER_STATE_POLLER: 'false' });
    const admin = adminApi(api.url, await createAdminKey());
    ({ apiKey } = await admin.principal('operator', 'slurm', {
      scopes: ['jobs:read', 'metrics:read'],
    }));
  });

  afterAll(async () => {
    await slurmCli('main', ['scancel', '-u', 'alice', '-n', JOB_NAME]).catch(() => undefined);
    await Promise.all([stopWorker(worker), stopWorker(idle), api?.stop()]);
    await dropKeys(redis, PREFIX);
    redis.disconnect();
  });

  it('the worker is elected poller of every cluster; the API and the non-polling worker are not', async () => {
    for (const cluster of CLUSTERS) {
      const owner = await waitFor(() => holder(cluster), { timeoutMs: 15_000 });
      expect(pidOf(owner)).toBe(worker?.child.pid);
      await waitFor(() => worker?.output().includes(pollerLine(cluster)), { timeoutMs: 5000 });
      expect(api?.output()).not.toContain(pollerLine(cluster));
      expect(idle?.output()).not.toContain(pollerLine(cluster));
    }
  });

  it('a job submitted with sbatch and cancelled with scancel shows through the API', async () => {
    const http = client(api?.url ?? '', { apiKey });
    const id = await sbatch('main', 'alice', ['--hold', '-J', JOB_NAME, '--wrap', 'sleep 600']);
    const pending = await waitFor(
      async () => {
        const res = await http.get(`/v1/jobs/${id}?cluster=main`);
        return res.status === 200 ? res.body : null;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(pending).toMatchObject({
      job_id: id,
      user: 'alice',
      job_name: JOB_NAME,
      state: 'PENDING',
    });
    expect(await squeueState(id)).toBe('PENDING');

    await slurmCli('main', ['scancel', id]);
    const cancelled = await waitFor(
      async () => {
        const res = await http.get(`/v1/jobs/${id}?cluster=main`);
        return res.body?.state === 'CANCELLED' ? res.body : null;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(cancelled).toMatchObject({ job_id: id, state: 'CANCELLED' });
    expect(await squeueState(id)).toBe('CANCELLED');
  });

  it("the worker's /metrics counts its slurmrestd calls; the API's shows it never polled", async () => {
    const polls = (text: string) =>
      sum(text, 's9s_slurmrestd_requests_total', { cluster: ['main'], endpoint: POLL_ENDPOINTS });
    const first = await scrape(worker?.metricsUrl ?? '');
    expect(polls(first)).toBeGreaterThan(0);
    // The state poll runs every second: the counter grows between two scrapes.
    await waitFor(async () => polls(await scrape(worker?.metricsUrl ?? '')) > polls(first), {
      timeoutMs: 10_000,
    });
    const text = await scrape(worker?.metricsUrl ?? '');
    for (const cluster of CLUSTERS) {
      expect(sum(text, 's9s_cluster_state_leader', { cluster: [cluster] })).toBe(1);
      expect(
        sum(text, 's9s_cluster_state_slurm_calls_total', { cluster: [cluster], kind: POLL_KINDS }),
      ).toBeGreaterThan(0);
    }
    // The same names as the API's /metrics, default process metrics included.
    for (const name of [
      's9s_slurmrestd_request_duration_seconds_count',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_max_seconds',
    ]) {
      expect(text).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    }

    const apiText = await apiMetrics();
    expect(apiText).toMatch(/^process_resident_memory_bytes /m);
    expect(sum(apiText, 's9s_slurmrestd_requests_total', { endpoint: POLL_ENDPOINTS })).toBe(0);
    expect(sum(apiText, 's9s_cluster_state_slurm_calls_total', { kind: POLL_KINDS })).toBe(0);
    expect(sum(apiText, 's9s_cluster_state_leader')).toBe(0);
    // ...and yet it holds the jobs the worker polled, through the shared snapshot.
    for (const cluster of CLUSTERS) {
      const jobs = (t: string) =>
        sum(t, 's9s_snapshot_items', { cluster: [cluster], kind: ['jobs'] });
      await waitFor(
        async () => {
          const [w, a] = [await scrape(worker?.metricsUrl ?? ''), await apiMetrics()];
          return jobs(w) === jobs(a) && (cluster !== 'main' || jobs(w) > 0);
        },
        { timeoutMs: 10_000 },
      );
    }
  });

  it('answers only GET /metrics on the worker port', async () => {
    const base = worker?.metricsUrl.replace(/\/metrics$/, '') ?? '';
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('SIGTERM: the polling worker resigns and exits 0; a worker with POLLER=false never takes over', async () => {
    const polls = (text: string) =>
      sum(text, 's9s_slurmrestd_requests_total', { endpoint: POLL_ENDPOINTS });
    expect(await stopWorker(worker)).toBe(0);
    for (const cluster of CLUSTERS) {
      expect(worker?.output()).toContain(`cluster-state: ${cluster}: resigned as poller`);
    }
    expect(worker?.output()).toContain('Shutdown complete');
    await expect(fetch(worker?.metricsUrl ?? '')).rejects.toThrow();
    // The resignation is announced: an eligible process would take over within a second. Wait
    // for more than two lock lifetimes (3 s here) and a few of its election attempts.
    await new Promise((r) => setTimeout(r, 8000));
    for (const cluster of CLUSTERS) expect(await holder(cluster)).toBeNull();
    const text = await scrape(idle?.metricsUrl ?? '');
    expect(polls(text)).toBe(0);
    expect(sum(text, 's9s_cluster_state_slurm_calls_total', { kind: POLL_KINDS })).toBe(0);
    expect(sum(text, 's9s_cluster_state_leader')).toBe(0);
    expect(idle?.output()).not.toContain('this process is the poller');
    // It stops cleanly too.
    expect(await stopWorker(idle)).toBe(0);
  });
});
