/**
 * The Jobs API at scale, measured against its baselines in one run (issue 4, "Speed").
 *
 *   npm run build && node bench/jobs-bench.mjs [--jobs 20000] [--no-fill] [--clear-after]
 *       [--connections 50] [--phase 15] [--busy 90] [--calls-window 60] [--skip-slurmrestd]
 *       [--topology split|single] [--cpu-prof DIR]
 *
 * Needs the local stack (scripts/stack.sh up). Never run it beside the e2e tests: both load
 * the same two cores and the same slurmctld. What it does:
 *   1. fills the `main` cluster (Slurm 24.11) with --jobs pending jobs (bench/fill-jobs.sh);
 *   2. starts the built gateway for `main` alone, cold (its own Redis prefix, emptied first; every
 *      job re-read after 60 s instead of 10 min, so the sweep runs while it is measured) and a minimal
 *      NestJS app answering the same page from memory (bench/lib/baseline-app.mjs). --topology
 *      split (default): the measured API process runs with CLUSTER_STATE_POLLER=false beside a
 *      worker (dist/src/worker.js, same environment) that polls and serves its own /metrics;
 *      single: one API process that polls itself;
 *   3. throughput and latency of GET /v1/jobs?limit=50&state=PENDING&sort=priority at
 *      --connections (autocannon, in a worker thread), alternating gateway and baseline (quiet
 *      phases);
 *   4. the same on the gateway for --busy seconds while the poller sweeps and Slurm's own CLI
 *      changes jobs (scancel of pending jobs, short jobs that start and finish): latency under
 *      refresh, and freshness = when the API first shows a change minus when Slurm made it;
 *   5. slurmrestd calls per minute (the polling process's counter: the worker's in split, and
 *      slurmctld's RPC count from sdiag) with 1 client and with --connections clients;
 *   6. the API process's peak RSS (VmHWM; the worker's apart), and what one full list costs
 *      straight from slurmrestd.
 * --cpu-prof DIR: the gateway, worker and baseline processes write V8 CPU profiles to
 * DIR/<name>/ (open them in Chrome DevTools; the profiler itself costs some throughput).
 * Results: printed, and written to .stack/bench/jobs-<time>.json.
 */
import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { counterSum, percentile, round, samples, sdiagRpcTotal } from './lib/stats.mjs';

const REPO = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const { values: opts } = parseArgs({
  options: {
    jobs: { type: 'string', default: '20000' },
    'no-fill': { type: 'boolean', default: false },
    'clear-after': { type: 'boolean', default: false },
    connections: { type: 'string', default: '50' },
    phase: { type: 'string', default: '15' },
    busy: { type: 'string', default: '90' },
    'calls-window': { type: 'string', default: '60' },
    'skip-slurmrestd': { type: 'boolean', default: false },
    topology: { type: 'string', default: 'split' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(
    [
      'usage: node bench/jobs-bench.mjs [options]   (npm run build and scripts/stack.sh up first)',
      '  --jobs N             pending jobs to fill main with (20000)',
      '  --no-fill            use the bench jobs already in main',
      '  --clear-after        cancel the bench jobs at the end',
      '  --connections N      load connections (50)',
      '  --phase S            seconds of each quiet round (15)',
      '  --busy S             seconds of load while jobs change (90)',
      '  --calls-window S     seconds of each slurmrestd calls window (60)',
      '  --skip-slurmrestd    leave out the full list straight from slurmrestd',
      '  --topology T         split (default): API with CLUSTER_STATE_POLLER=false + a polling',
      '                       worker; single: one API process that polls',
      '  --cpu-prof DIR       V8 CPU profiles of the gateway, worker and baseline in DIR/<name>',
    ].join('\n'),
  );
  process.exit(0);
}
if (!['split', 'single'].includes(opts.topology)) {
  console.error(`--topology must be split or single (got "${opts.topology}")`);
  process.exit(2);
}
const SPLIT = opts.topology === 'split';
const JOBS = Number(opts.jobs);
const CONNECTIONS = Number(opts.connections);
const PHASE_S = Number(opts.phase);
const BUSY_S = Number(opts.busy);
const CALLS_S = Number(opts['calls-window']);
const FULL_REFRESH_MS = 60_000;
const PAGE = '/v1/jobs?limit=50&state=PENDING&sort=priority';

const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

function stackEnv() {
  const file = resolve(REPO, '.stack/stack.env');
  if (!existsSync(file)) throw new Error('no stack: run scripts/stack.sh up');
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^([A-Z0-9_]+)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  return env;
}

const ENV = stackEnv();
const slurm = (args, env = {}) =>
  run(resolve(REPO, 'scripts/slurm'), ['main', ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  }).then((r) => r.stdout);

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Spawns a node process; its output goes to a log file under .stack/bench. */
async function startProcess(name, entry, env, port = undefined) {
  port ??= await freePort();
  const profile = opts['cpu-prof']
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(opts['cpu-prof'], name)}`]
    : [];
  const child = spawn(process.execPath, [...profile, entry], {
    cwd: REPO,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  process.once('exit', () => child.kill('SIGKILL'));
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    writeFileSync(resolve(OUT_DIR, `${name}.log`), output);
  };
  return {
    name,
    child,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    stop,
    output: () => output,
  };
}

const OUT_DIR = resolve(REPO, '.stack/bench');
mkdirSync(OUT_DIR, { recursive: true });

async function get(url, headers = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: await res.text() };
}

async function waitFor(check, { timeoutMs, intervalMs = 500, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

function procStatus(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * `connections` keep-alive connections sending GET `url` for `seconds`. autocannon runs in a
 * worker thread of its own: the freshness watchers of the busy phase (fetch, JSON, sacct)
 * share this process's event loop, and must not delay the load generator's clock.
 */
async function load(url, headers, connections, seconds) {
  const r = await autocannon({
    url,
    headers,
    connections,
    duration: seconds,
    timeout: 10,
    workers: 1,
  });
  return {
    connections,
    seconds,
    requests: r.requests.total,
    rps: round(r.requests.average, 0),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** An HS256 token for the SlurmUser, as the gateway mints them. */
function slurmToken() {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: now, exp: now + 600, sun: ENV.SLURM_MAIN_USER })}`;
  const sig = createHmac('sha256', readFileSync(ENV.SLURM_MAIN_JWT_KEY))
    .update(body)
    .digest('base64url');
  return `${body}.${sig}`;
}

async function slurmrestdDirect() {
  const headers = { 'X-SLURM-USER-NAME': ENV.SLURM_MAIN_USER, 'X-SLURM-USER-TOKEN': slurmToken() };
  const timed = async (path) => {
    const t0 = performance.now();
    const res = await fetch(`${ENV.SLURM_MAIN_URL}${path}`, {
      headers,
      signal: AbortSignal.timeout(300_000),
    });
    const bytes = (await res.arrayBuffer()).byteLength;
    return {
      path,
      status: res.status,
      seconds: round((performance.now() - t0) / 1000, 2),
      mb: round(bytes / 1e6, 1),
    };
  };
  return {
    full_list: await timed('/slurm/v0.0.42/jobs/'),
    states: await timed('/slurm/v0.0.42/jobs/state/'),
  };
}

/** Deletes the keys (snapshot, locks, channels' state) a bench gateway kept in Redis. */
async function clearRedisPrefix(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Resident memory of main's slurmrestd (the stack records its pid), in MB. */
function slurmrestdRssMb() {
  try {
    const pid = readFileSync(resolve(REPO, '.stack/pids/main-slurmrestd.pid'), 'utf8').split(
      ' ',
    )[0];
    return round(procStatus(Number(pid), 'VmRSS'), 0);
  } catch {
    return null;
  }
}

/** The gateway's slurmrestd calls so far, by endpoint label. */
function slurmrestdCallsByEndpoint(exposition) {
  const calls = {};
  for (const { labels, value } of samples(exposition, 's9s_slurmrestd_requests_total')) {
    const endpoint = labels.endpoint ?? 'other';
    calls[endpoint] = (calls[endpoint] ?? 0) + value;
  }
  return calls;
}

async function metricsText(api, key) {
  return (await get(`${api.url}/metrics`, { 'X-API-Key': key })).body;
}

/** The polling process's exposition: the worker's listener (split) or the API's /metrics. */
async function pollerMetricsText(gw, key) {
  if (!gw.worker) return metricsText(gw.api, key);
  return (await get(`${gw.worker.url}/metrics`)).body;
}

/**
 * slurmrestd calls of the poller (and, split, of the API process apart) and slurmctld's RPCs
 * while `clients` connections load the API.
 */
async function callsWindow(gw, key, clients) {
  const count = async () => ({
    poller: counterSum(await pollerMetricsText(gw, key), 's9s_slurmrestd_requests_total'),
    api: gw.worker
      ? counterSum(await metricsText(gw.api, key), 's9s_slurmrestd_requests_total')
      : 0,
    rpc: sdiagRpcTotal(await slurm(['sdiag'])),
  });
  const before = await count();
  const result = await load(`${gw.api.url}${PAGE}`, { 'X-API-Key': key }, clients, CALLS_S);
  const after = await count();
  const perMin = (n) => round((n * 60) / CALLS_S, 1);
  return {
    clients,
    api_requests: result.requests,
    slurmrestd_calls_per_min: perMin(after.poller - before.poller),
    ...(gw.worker ? { api_process_slurmrestd_calls_per_min: perMin(after.api - before.api) } : {}),
    slurmctld_rpcs_per_min: perMin(after.rpc - before.rpc),
  };
}

/**
 * The gateway of the topology: the measured API process, and in split a worker that polls
 * (the API with CLUSTER_STATE_POLLER=false). `worker.url` is its metrics listener.
 */
async function startGateway(env) {
  if (!SPLIT) return { api: await startProcess('gateway', resolve(REPO, 'dist/src/main.js'), env) };
  const metricsPort = await freePort();
  const worker = await startProcess(
    'worker',
    resolve(REPO, 'dist/src/worker.js'),
    { ...env, WORKER_METRICS_PORT: String(metricsPort) },
    metricsPort,
  );
  const api = await startProcess('gateway', resolve(REPO, 'dist/src/main.js'), {
    ...env,
    CLUSTER_STATE_POLLER: 'false',
  });
  return { api, worker };
}

/** Peak resident memory of a process: the larger of VmHWM and the sampled maximum, in MB. */
function peakRssMb(proc, sampled) {
  return round(Math.max(procStatus(proc.pid, 'VmHWM') ?? 0, sampled), 0);
}

/**
 * Polls job ids through the API (every outstanding id at once, every 250 ms) until each test
 * in `done` held once; returns `${id}:${label}` → first time (ms) it held.
 */
async function watchJobs(api, key, ids, done, { timeoutMs = 120_000 } = {}) {
  const seen = new Map();
  const open = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  while (open.size > 0 && Date.now() < deadline) {
    const round = sleep(250);
    await Promise.all(
      [...open].map(async (id) => {
        const res = await get(`${api.url}/v1/jobs/${id}`, { 'X-API-Key': key }).catch(() => null);
        if (res?.status !== 200) return;
        const job = JSON.parse(res.body);
        const at = Date.now();
        for (const [label, test] of Object.entries(done)) {
          const k = `${id}:${label}`;
          if (!seen.has(k) && test(job)) seen.set(k, at);
        }
        if (Object.keys(done).every((label) => seen.has(`${id}:${label}`))) open.delete(id);
      }),
    );
    await round;
  }
  return { seen, unseen: [...open] };
}

async function cancelSample(api, key, pool, n) {
  const ids = pool.splice(0, n);
  const t0 = Date.now();
  await slurm(['scancel', ...ids]);
  const { seen, unseen } = await watchJobs(api, key, ids, {
    cancelled: (j) => j.state === 'CANCELLED',
  });
  return {
    delays: ids
      .filter((id) => seen.has(`${id}:cancelled`))
      .map((id) => (seen.get(`${id}:cancelled`) - t0) / 1000),
    unseen,
  };
}

async function shortJobs(api, key, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const out = await slurm([
      '--as',
      'bob',
      'sbatch',
      '--parsable',
      '-J',
      's9s-bench-short',
      '-p',
      'debug',
      '-t',
      '1',
      '-o',
      '/dev/null',
      '--wrap',
      'sleep 5',
    ]);
    ids.push(out.trim().split(';')[0]);
  }
  const active = new Set(['RUNNING', 'COMPLETING', 'COMPLETED']);
  const { seen, unseen } = await watchJobs(api, key, ids, {
    started: (j) => active.has(j.state),
    ended: (j) => j.state === 'COMPLETED',
  });
  // Slurm's own times of the events (epoch seconds: the delay is overstated by < 1 s).
  let truth = new Map();
  await waitFor(
    async () => {
      const text = await slurm(
        ['sacct', '-n', '-X', '-P', '-j', ids.join(','), '-o', 'JobID,Start,End,State'],
        { SLURM_TIME_FORMAT: '%s' },
      );
      truth = new Map(
        text
          .trim()
          .split('\n')
          .map((l) => l.split('|'))
          .filter((f) => f[3] === 'COMPLETED')
          .map((f) => [f[0], { start: Number(f[1]), end: Number(f[2]) }]),
      );
      return truth.size === ids.length;
    },
    { timeoutMs: 60_000, what: 'sacct to record the short jobs' },
  ).catch(() => undefined);
  const delays = { started: [], ended: [] };
  for (const id of ids) {
    const t = truth.get(id);
    if (!t) continue;
    if (seen.has(`${id}:started`)) delays.started.push(seen.get(`${id}:started`) / 1000 - t.start);
    if (seen.has(`${id}:ended`)) delays.ended.push(seen.get(`${id}:ended`) / 1000 - t.end);
  }
  return { delays, unseen };
}

async function main() {
  const started = Date.now();
  const results = {
    date: new Date().toISOString(),
    jobs: JOBS,
    connections: CONNECTIONS,
    page: PAGE,
    full_refresh_ms: FULL_REFRESH_MS,
    topology: opts.topology,
  };
  if (!existsSync(resolve(REPO, 'dist/src/main.js')))
    throw new Error('no build: run npm run build');

  if (!opts['no-fill']) {
    log(`filling main with ${JOBS} pending jobs`);
    const t0 = Date.now();
    await run(resolve(REPO, 'bench/fill-jobs.sh'), [String(JOBS)], { maxBuffer: 16 << 20 });
    results.fill_seconds = round((Date.now() - t0) / 1000, 0);
  }
  const pendingIds = (await slurm(['squeue', '-h', '-n', 's9s-bench', '-t', 'PENDING', '-o', '%i']))
    .trim()
    .split('\n');
  results.pending_jobs = pendingIds.length;
  log(`main has ${pendingIds.length} pending bench jobs`);

  const env = { ...ENV, NODE_ENV: 'production' };
  await run(process.execPath, ['dist/src/database/migrate.js'], {
    cwd: REPO,
    env: { ...process.env, ...env },
  });
  const created = await run(
    process.execPath,
    [
      'dist/src/cli.js',
      'create-client',
      '--name',
      's9s-bench',
      '--role',
      'user',
      '--slurm-user',
      'alice',
      '--tier',
      'enterprise',
      '--custom-limit',
      '1000000000',
      '--scopes',
      'jobs:read metrics:read',
      '--reuse',
    ],
    { cwd: REPO, env: { ...process.env, ...env } },
  );
  const key = created.stdout.match(/s9sk_\S+/)?.[0];
  if (!key) throw new Error(`no key from the CLI: ${created.stdout}`);
  const auth = { 'X-API-Key': key };

  // A cold start: no snapshot left in Redis by an earlier run.
  await clearRedisPrefix(ENV.REDIS_URL, 's9s:bench');
  results.slurmrestd_rss_mb_before = slurmrestdRssMb();
  log(`starting the gateway for main (cold: empty snapshot; topology ${opts.topology})`);
  const t0 = Date.now();
  const gw = await startGateway({
    ...env,
    SLURM_CLUSTERS: 'main',
    CLUSTER_STATE_REDIS_PREFIX: 's9s:bench',
    CLUSTER_STATE_FULL_REFRESH_MS: String(FULL_REFRESH_MS),
    LOG_LEVEL: 'warn',
  });
  const { api, worker } = gw;
  const maxRss = { api: 0, worker: 0 };
  const rssTimer = setInterval(() => {
    maxRss.api = Math.max(maxRss.api, procStatus(api.pid, 'VmRSS') ?? 0);
    if (worker) maxRss.worker = Math.max(maxRss.worker, procStatus(worker.pid, 'VmRSS') ?? 0);
  }, 250);
  try {
    await waitFor(
      async () => {
        const res = await get(`${api.url}/v1/jobs?limit=1&state=PENDING&name=s9s-bench`, auth);
        return res.status === 200 && JSON.parse(res.body).total >= pendingIds.length;
      },
      { timeoutMs: 300_000, intervalMs: 1000, what: 'the gateway to hold every pending job' },
    );
    results.gateway_ready_seconds = round((Date.now() - t0) / 1000, 1);
    log(`gateway holds ${pendingIds.length} pending jobs after ${results.gateway_ready_seconds} s`);

    const page = await get(`${api.url}${PAGE}`, auth);
    const pageFile = resolve(OUT_DIR, 'page.json');
    writeFileSync(pageFile, page.body);
    results.page_bytes = page.body.length;
    const baseline = await startProcess('baseline', resolve(REPO, 'bench/lib/baseline-app.mjs'), {
      PAGE_FILE: pageFile,
    });
    try {
      await waitFor(async () => (await get(`${baseline.url}/v1/jobs`)).status === 200, {
        timeoutMs: 30_000,
        what: 'the baseline app',
      });
      if ((await get(`${baseline.url}/v1/jobs`)).body !== page.body)
        throw new Error('baseline page differs');

      log('warm-up');
      await load(`${api.url}${PAGE}`, auth, CONNECTIONS, 5);
      await load(`${baseline.url}/v1/jobs`, {}, CONNECTIONS, 5);
      results.quiet = { gateway: [], baseline: [] };
      for (let round_ = 0; round_ < 2; round_++) {
        log(`quiet round ${round_ + 1}: gateway, then baseline, ${PHASE_S} s each`);
        results.quiet.gateway.push(await load(`${api.url}${PAGE}`, auth, CONNECTIONS, PHASE_S));
        results.quiet.baseline.push(
          await load(`${baseline.url}/v1/jobs`, {}, CONNECTIONS, PHASE_S),
        );
      }
      results.baseline_peak_rss_mb = round(procStatus(baseline.pid, 'VmHWM'), 0);
    } finally {
      await baseline.stop();
    }

    log(`busy phase: ${BUSY_S} s of load while the poller sweeps and jobs change in Slurm`);
    const callsBefore = slurmrestdCallsByEndpoint(await pollerMetricsText(gw, key));
    const pool = pendingIds.slice().sort(() => Math.random() - 0.5);
    const busyLoad = load(`${api.url}${PAGE}`, auth, CONNECTIONS, BUSY_S);
    const changes = (async () => {
      const cancels = [];
      const shorts = [];
      const step = Math.floor(BUSY_S / 3);
      for (let i = 0; i < 3; i++) {
        await sleep(i === 0 ? 5_000 : step * 1000);
        cancels.push(cancelSample(api, key, pool, 50));
        if (i < 2) shorts.push(shortJobs(api, key, 6));
      }
      return { cancels: await Promise.all(cancels), shorts: await Promise.all(shorts) };
    })();
    results.busy = await busyLoad;
    const busyMetrics = await metricsText(api, key);
    const callsAfter = slurmrestdCallsByEndpoint(await pollerMetricsText(gw, key));
    results.busy.slurmrestd_calls = Object.fromEntries(
      Object.entries(callsAfter).map(([k, v]) => [k, v - (callsBefore[k] ?? 0)]),
    );
    results.busy.event_loop_lag_max_ms = round(
      1000 * counterSum(busyMetrics, 'nodejs_eventloop_lag_max_seconds'),
      0,
    );
    const changed = await changes;
    const cancelDelays = changed.cancels.flatMap((c) => c.delays);
    const startDelays = changed.shorts.flatMap((s) => s.delays.started);
    const endDelays = changed.shorts.flatMap((s) => s.delays.ended);
    const summary = (xs) => ({
      samples: xs.length,
      p50_s: round(percentile(xs, 50), 2),
      p99_s: round(percentile(xs, 99), 2),
      max_s: round(Math.max(...xs), 2),
    });
    results.freshness = {
      cancelled: summary(cancelDelays),
      started: summary(startDelays),
      finished: summary(endDelays),
      all: summary([...cancelDelays, ...startDelays, ...endDelays]),
      unseen: [...changed.cancels, ...changed.shorts].flatMap((c) => c.unseen),
    };

    log(`slurmrestd calls: ${CALLS_S} s with 1 client, then with ${CONNECTIONS}`);
    results.calls = [await callsWindow(gw, key, 1), await callsWindow(gw, key, CONNECTIONS)];
    results.gateway_peak_rss_mb = peakRssMb(api, maxRss.api);
    if (worker) results.worker_peak_rss_mb = peakRssMb(worker, maxRss.worker);
    results.slurmrestd_rss_mb_after = slurmrestdRssMb();
  } finally {
    clearInterval(rssTimer);
    await api.stop();
    await worker?.stop();
  }

  if (!opts['skip-slurmrestd']) {
    log('one full list straight from slurmrestd, for comparison');
    results.slurmrestd = await slurmrestdDirect();
  }
  if (opts['clear-after']) await run(resolve(REPO, 'bench/fill-jobs.sh'), ['--clear']);
  results.total_seconds = round((Date.now() - started) / 1000, 0);

  const file = resolve(OUT_DIR, `jobs-${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  report(results, file);
}

function report(r, file) {
  const mean = (xs, f) => round(xs.reduce((s, x) => s + x[f], 0) / xs.length, 1);
  const gwRps = mean(r.quiet.gateway, 'rps');
  const baseRps = mean(r.quiet.baseline, 'rps');
  const worstQuietP99 = Math.max(...r.quiet.gateway.map((x) => x.p99_ms));
  const [one, many] = r.calls;
  const rows = [
    ['p99 latency, quiet (ms)', worstQuietP99, '< 30'],
    ['p99 latency, while sweeping + changes (ms)', r.busy.p99_ms, '< 30'],
    [
      'req/s gateway / minimal Nest app',
      `${gwRps} / ${baseRps} = ${round((100 * gwRps) / baseRps, 0)} %`,
      '>= 65 %',
    ],
    ['freshness p99 (s), all changes', r.freshness.all.p99_s, '< 10'],
    ['API process peak RSS (MB)', r.gateway_peak_rss_mb, '< 512'],
    ...(r.worker_peak_rss_mb ? [['worker (poller) peak RSS (MB)', r.worker_peak_rss_mb, '-']] : []),
    [
      'slurmrestd calls/min, 1 vs many clients',
      `${one.slurmrestd_calls_per_min} vs ${many.slurmrestd_calls_per_min}`,
      'equal',
    ],
  ];
  console.log(
    `\n${r.pending_jobs} pending jobs on main, ${r.connections} connections, ${r.page}, ` +
      `topology ${r.topology}`,
  );
  for (const [what, value, target] of rows)
    console.log(`  ${what.padEnd(48)} ${String(value).padEnd(24)} target ${target}`);
  console.log(`\nfull results: ${file}`);
  console.log(JSON.stringify(r, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
