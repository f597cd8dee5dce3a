/**
 * GET /v1/metrics/cluster, /v1/metrics/efficiency and /metrics on both clusters, each number
 * checked against what Slurm's own CLI says (sinfo, squeue, sacct).
 */
import { isDeepStrictEqual } from 'node:util';
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope, type HttpClient } from './helpers/http.js';
import {
  agreeWithin,
  parseWait,
  queueFigures,
  sacctEfficiency,
  sinfoFigures,
  waitGranularity,
} from './helpers/metrics-figures.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

let api: ApiServer;
let operator: HttpClient;
let alice: HttpClient;
let noScope: HttpClient;
const submitted: { cluster: string; id: string }[] = [];

async function submit(cluster: string, user: string, args: string[]): Promise<string> {
  const id = await sbatch(cluster, user, args);
  submitted.push({ cluster, id });
  return id;
}

beforeAll(async () => {
  api = await startApi({ METRICS_CLUSTER_CACHE_MS: '0' });
  const admin = adminApi(api.url, await createAdminKey());
  operator = client(api.url, {
    apiKey: (await admin.principal('operator', 'slurm', { scopes: ['metrics:read'] })).apiKey,
  });
  alice = client(api.url, {
    apiKey: (await admin.principal('user', 'alice', { scopes: ['metrics:read'] })).apiKey,
  });
  noScope = client(api.url, {
    apiKey: (await admin.principal('operator', 'slurm', { scopes: ['jobs:read'] })).apiKey,
  });
  // Something to count on each cluster: CPUs and memory in use, a GPU, a waiting job.
  for (const cluster of CLUSTERS) {
    await submit(cluster, 'alice', ['-c', '2', '--mem=700M', '-t', '5', '--wrap', 'sleep 300']);
    await submit(cluster, 'bob', ['-p', 'gpu', '--gres=gpu:1', '-t', '5', '--wrap', 'sleep 300']);
    await submit(cluster, 'carol', ['--hold', '-t', '5', '--wrap', 'true']);
  }
});

afterAll(async () => {
  for (const job of submitted) {
    await slurmCli(job.cluster, ['scancel', job.id]).catch(() => '');
  }
  await api?.stop();
});

describe.each(CLUSTERS)('GET /v1/metrics/cluster on %s', (cluster) => {
  it('utilization and node counts equal sinfo', async () => {
    let seen: Record<string, unknown> = {};
    const failure = await agreeWithin(90_000, async () => {
      const before = await sinfoFigures(cluster);
      const res = await operator.get(`/v1/metrics/cluster?cluster=${cluster}`);
      const after = await sinfoFigures(cluster);
      expect(res.status).toBe(200);
      seen = res.body;
      if (!isDeepStrictEqual(before, after)) return 'sinfo changed during the call';
      const got = { utilization: res.body.cluster_utilization, nodes: res.body.node_counts };
      const want = { utilization: before.utilization, nodes: before.nodeCounts };
      if (before.cpus.alloc === 0 || before.gpus.alloc === 0) return 'test jobs not running yet';
      return isDeepStrictEqual(got, want)
        ? null
        : `API ${JSON.stringify(got)} != sinfo ${JSON.stringify(want)}`;
    });
    expect(failure).toBeNull();
    expect(seen.cluster).toBe(cluster);
    expect(seen.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('job counts, waits and throughput equal squeue + sacct (last 24 h)', async () => {
    const failure = await agreeWithin(90_000, async () => {
      const before = await queueFigures(cluster);
      const res = await operator.get(`/v1/metrics/cluster?cluster=${cluster}`);
      const after = await queueFigures(cluster);
      expect(res.status).toBe(200);
      if (before.transient > 0 || after.transient > 0) return 'jobs completing';
      if (!isDeepStrictEqual(before.jobCounts, after.jobCounts)) return 'queue changed';
      const { job_counts: counts, queue_stats: stats } = res.body;
      if (!isDeepStrictEqual(counts, before.jobCounts)) {
        return `job_counts ${JSON.stringify(counts)} != CLI ${JSON.stringify(before.jobCounts)}`;
      }
      const throughput = Math.round((before.finished24h / 24) * 10) / 10;
      if (stats.throughput !== throughput) return `throughput ${stats.throughput} != ${throughput}`;
      // Waits grow while we look: compare with what the CLI saw before and after the call.
      const maxBefore = Math.max(0, ...before.pendingWaits);
      const maxAfter = Math.max(0, ...after.pendingWaits);
      const avg = (w: number[]) => (w.length ? w.reduce((a, b) => a + b, 0) / w.length : 0);
      for (const [name, low, high] of [
        ['max_wait_time', maxBefore, maxAfter],
        ['avg_wait_time', avg(before.pendingWaits), avg(after.pendingWaits)],
      ] as const) {
        const got = parseWait(stats[name]);
        const slack = waitGranularity(high) + 1;
        if (got < Math.floor(low) - slack || got > high + 1) {
          return `${name} ${stats[name]} (${got} s) outside CLI range ${low}..${high} s`;
        }
      }
      return null;
    });
    expect(failure).toBeNull();
  });
});

describe('GET /v1/metrics/cluster errors', () => {
  it('rejects an unknown cluster and callers without metrics:read', async () => {
    expectEnvelope(await operator.get('/v1/metrics/cluster?cluster=nope'), 400, 'VALIDATION_ERROR');
    expectEnvelope(await noScope.get('/v1/metrics/cluster'), 403, 'PERMISSION_DENIED');
    expectEnvelope(await client(api.url).get('/v1/metrics/cluster'), 401, 'AUTHENTICATION_FAILED');
  });
});

describe.each(CLUSTERS)('GET /v1/metrics/efficiency on %s', (cluster) => {
  const busy = 'end=$((SECONDS+8)); while [ $SECONDS -lt $end ]; do :; done';
  const hold = 'x=$(head -c 150000000 /dev/zero | tr "\\0" a); sleep 12; echo ${#x}';
  let since: string;
  let cpuJob: string;
  let memJob: string;
  let bobJob: string;

  beforeAll(async () => {
    since = new Date(Date.now() - 120_000).toISOString().replace(/\.\d+Z$/, 'Z');
    cpuJob = await submit(cluster, 'alice', [
      '-c',
      '2',
      '--mem=100M',
      '-t',
      '5',
      '--wrap',
      `bash -c '${busy}'`,
    ]);
    memJob = await submit(cluster, 'alice', [
      '-c',
      '1',
      '--mem=400M',
      '-t',
      '5',
      '--wrap',
      `bash -c '${hold}'`,
    ]);
    bobJob = await submit(cluster, 'bob', [
      '-c',
      '1',
      '--mem=100M',
      '-t',
      '5',
      '--wrap',
      'sleep 3',
    ]);
    // Wait until accounting has the finished jobs with their step statistics.
    const deadline = Date.now() + 150_000;
    for (const id of [cpuJob, memJob, bobJob]) {
      for (;;) {
        const figures = await sacctEfficiency(cluster, id).catch(() => null);
        // A job shorter than the gather period (5 s) may have no MaxRSS; ours that matter do.
        const rss = id === bobJob || figures?.maxRssMb !== null;
        if (figures?.state === 'COMPLETED' && rss) break;
        if (Date.now() > deadline) throw new Error(`job ${id} on ${cluster} did not finish`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }, 180_000);

  async function report(who: HttpClient, query: string) {
    const res = await who.get(
      `/v1/metrics/efficiency?cluster=${cluster}&start_time=${since}&limit=1000&${query}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  it('rates each job as seff does from sacct TotalCPU, Elapsed, AllocCPUS, MaxRSS, ReqMem', async () => {
    // slurmdbd answers a time window a little after `sacct -j` knows a finished job.
    let body = await report(operator, 'user=alice');
    await waitFor(
      async () => {
        body = await report(operator, 'user=alice');
        return [cpuJob, memJob].every((id) =>
          body.jobs.some((j: { job_id: string }) => j.job_id === id),
        );
      },
      { timeoutMs: 60_000, intervalMs: 2000 },
    );
    for (const id of [cpuJob, memJob]) {
      const job = body.jobs.find((j: { job_id: string }) => j.job_id === id);
      expect(job).toBeDefined();
      const s = await sacctEfficiency(cluster, id);
      expect(job.user).toBe('alice');
      expect(job.alloc_cpus).toBe(s.allocCpus);
      expect(job.elapsed_seconds).toBe(s.elapsed);
      expect(Math.abs(job.total_cpu_seconds - s.totalCpuSeconds)).toBeLessThan(0.05);
      expect(Math.abs(job.cpu_efficiency - s.cpuEfficiency)).toBeLessThan(0.005);
      expect(Math.abs(job.requested_memory_mb - (s.reqMemMb ?? 0))).toBeLessThan(1);
      expect(s.maxRssMb).not.toBeNull();
      expect(Math.abs(job.max_memory_used_mb - (s.maxRssMb ?? NaN))).toBeLessThan(1);
      expect(Math.abs(job.memory_efficiency - (s.memoryEfficiency ?? NaN))).toBeLessThan(0.005);
      const wasted = (s.elapsed * s.allocCpus - s.totalCpuSeconds) / 3600;
      expect(Math.abs(job.wasted_core_hours - Math.max(0, wasted))).toBeLessThan(0.0002);
    }
    const cpu = body.jobs.find((j: { job_id: string }) => j.job_id === cpuJob);
    const mem = body.jobs.find((j: { job_id: string }) => j.job_id === memJob);
    // The busy loop really burned CPU (on a loaded 2-core machine it gets what it gets);
    // the other job really held its memory.
    expect(cpu.total_cpu_seconds).toBeGreaterThan(1);
    expect(cpu.cpu_efficiency).toBeGreaterThan(0.05);
    expect(mem.memory_efficiency).toBeGreaterThan(0.2);
    const rates = body.jobs.map((j: { cpu_efficiency: number }) => j.cpu_efficiency);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    expect(body.summary.job_count).toBe(body.total);
    expect(body.total).toBeGreaterThanOrEqual(2);
  });

  it('shows a user only their own jobs; operators anyone’s', async () => {
    const own = await report(alice, '');
    const ids = own.jobs.map((j: { job_id: string }) => j.job_id);
    expect(ids).toEqual(expect.arrayContaining([cpuJob, memJob]));
    expect(ids).not.toContain(bobJob);
    expect(new Set(own.jobs.map((j: { user: string }) => j.user))).toEqual(new Set(['alice']));
    expectEnvelope(
      await alice.get(`/v1/metrics/efficiency?cluster=${cluster}&user=bob`),
      403,
      'PERMISSION_DENIED',
    );
    const bobs = await report(operator, 'user=bob');
    expect(bobs.jobs.map((j: { job_id: string }) => j.job_id)).toContain(bobJob);
  });

  it('filters on partition and min_runtime', async () => {
    const long = await report(operator, 'user=alice&min_runtime=1:00:00');
    expect(long.jobs.map((j: { job_id: string }) => j.job_id)).not.toContain(cpuJob);
    const short = await report(operator, 'user=alice&min_runtime=3');
    expect(short.jobs.map((j: { job_id: string }) => j.job_id)).toContain(cpuJob);
    const gpu = await report(operator, 'user=alice&partition=gpu');
    expect(gpu.jobs.map((j: { job_id: string }) => j.job_id)).not.toContain(cpuJob);
    expectEnvelope(
      await operator.get(`/v1/metrics/efficiency?cluster=${cluster}&min_runtime=soon`),
      400,
      'VALIDATION_ERROR',
    );
  });
});

describe('GET /metrics (Prometheus)', () => {
  function series(text: string, name: string, labels: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  }

  it('needs metrics:read', async () => {
    expectEnvelope(await client(api.url).get('/metrics'), 401, 'AUTHENTICATION_FAILED');
    expectEnvelope(await noScope.get('/metrics'), 403, 'PERMISSION_DENIED');
  });

  it('exposes the gateway and exporter-named cluster series', async () => {
    await operator.get('/v1/metrics/cluster?cluster=main');
    const failure = await agreeWithin(60_000, async () => {
      const res = await operator.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text: string = res.text;
      for (const cluster of CLUSTERS) {
        const cli = await sinfoFigures(cluster);
        const label = `cluster="${cluster}"`;
        const want = {
          total: cli.cpus.total,
          gpus: cli.gpus.total,
          nodes: cli.nodes,
          idle: cli.nodeCounts.IDLE ?? 0,
        };
        const got = {
          total: series(text, 'slurm_cpus_total', label),
          gpus: series(text, 'slurm_gpus_total', label),
          nodes: series(text, 'slurm_nodes_total', label),
          idle: series(text, 'slurm_nodes_idle', label),
        };
        if (!isDeepStrictEqual(got, want))
          return `${cluster}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`;
        for (const name of [
          'slurm_nodes_alloc',
          'slurm_nodes_mix',
          'slurm_nodes_down',
          'slurm_nodes_drain',
          'slurm_queue_pending',
          'slurm_queue_running',
          'slurm_cpus_alloc',
          'slurm_cpus_idle',
          'slurm_gpus_alloc',
          's9s_metrics_sampler_leader',
          's9s_cluster_state_leader',
        ]) {
          if (series(text, name, label) === undefined) return `missing ${name}{${label}}`;
        }
        if (series(text, 's9s_snapshot_age_seconds', `${label},kind="jobs"`) === undefined) {
          return `missing snapshot age of ${cluster}`;
        }
        if (!text.includes(`s9s_slurmrestd_requests_total{${label}`)) {
          return `no slurmrestd calls counted for ${cluster}`;
        }
        if (!text.includes(`s9s_slurmrestd_request_duration_seconds_count{${label}`)) {
          return `no slurmrestd latency for ${cluster}`;
        }
      }
      const routeLabel = 'method="GET",route="/v1/metrics/cluster",status="200"';
      if ((series(text, 's9s_http_requests_total', routeLabel) ?? 0) < 1) return 'no request count';
      if (series(text, 's9s_http_request_duration_seconds_count', routeLabel) === undefined) {
        return 'no latency histogram';
      }
      if (!/^s9s_websocket_connections 0$/m.test(text)) return 'no websocket gauge';
      if (!text.includes('s9s_queue_jobs') && !text.includes('# TYPE s9s_queue_jobs gauge')) {
        return 'no queue depth series';
      }
      return null;
    });
    expect(failure).toBeNull();
  });
});
