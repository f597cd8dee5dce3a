/**
 * GET /v1/search on both clusters: "alice gpu" ranks alice's GPU jobs first (checked with
 * sacct), a plain user only finds their own jobs, types and scores behave.
 */
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

interface Hit {
  type: string;
  id: string;
  title: string;
  description: string;
  url: string;
  score: number;
}

let api: ApiServer;
let operator: ReturnType<typeof client>;
let bob: ReturnType<typeof client>;
let nodesOnly: ReturnType<typeof client>;
const jobs: { cluster: string; id: string }[] = [];
const ALL_SCOPES = ['jobs:read', 'nodes:read', 'users:read'];

beforeAll(async () => {
  api = await startApi();
  const admin = adminApi(api.url, await createAdminKey());
  operator = client(api.url, {
    apiKey: (await admin.principal('operator', 'slurm', { scopes: ALL_SCOPES })).apiKey,
  });
  bob = client(api.url, {
    apiKey: (await admin.principal('user', 'bob', { scopes: ALL_SCOPES })).apiKey,
  });
  nodesOnly = client(api.url, {
    apiKey: (await admin.principal('user', 'bob', { scopes: ['nodes:read'] })).apiKey,
  });
});

afterAll(async () => {
  for (const job of jobs) await slurmCli(job.cluster, ['scancel', job.id]).catch(() => '');
  await api?.stop();
});

/** Held jobs stay pending: they exist in the snapshot without using the small cluster. */
async function heldJob(cluster: string, user: string, args: string[]): Promise<string> {
  const id = await sbatch(cluster, user, ['-H', '-t', '5', ...args, '--wrap', 'sleep 60']);
  jobs.push({ cluster, id });
  return id;
}

/**
 * Owner and GPU use of jobs per sacct (the independent truth for the ranking; unlike squeue
 * it also knows jobs slurmctld already forgot).
 */
async function accountedJobs(cluster: string, ids: string[]) {
  const out = await slurmCli(cluster, [
    'sacct',
    '-X',
    '-n',
    '-P',
    '-j',
    ids.join(','),
    '-o',
    'JobIDRaw,User,Partition,ReqTRES',
  ]);
  return new Map(
    out
      .trim()
      .split('\n')
      // A job slurmdbd has not recorded yet gives no line (right after a fresh start).
      .filter((line) => line !== '')
      .map((line) => line.split('|'))
      .map(([id, user, partition, tres]) => [
        id,
        { user, gpu: partition === 'gpu' || /gres\/gpu/.test(tres) },
      ]),
  );
}

describe.each(CLUSTERS)('search on %s', (cluster) => {
  it('ranks alice\'s GPU jobs first for "alice gpu"', async () => {
    const aliceGpu = await heldJob(cluster, 'alice', ['-p', 'gpu', '--gres=gpu:1', '-J', 'sim-a']);
    const aliceCpu = await heldJob(cluster, 'alice', ['-p', 'normal', '-J', 'prep-a']);
    const bobGpu = await heldJob(cluster, 'bob', ['-p', 'gpu', '--gres=gpu:1', '-J', 'sim-b']);
    let hits: Hit[] = [];
    await waitFor(
      async () => {
        const res = await operator.get(`/v1/search?cluster=${cluster}&q=alice%20gpu&limit=100`);
        hits = res.body.results ?? [];
        const ids = hits.map((h) => h.id);
        return [aliceGpu, aliceCpu, bobGpu].every((id) => ids.includes(id));
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    const jobHits = hits.filter((h) => h.type === 'job');
    const truth = await accountedJobs(
      cluster,
      jobHits.map((h) => h.id),
    );
    // Every hit ranked above our GPU job of alice is also an alice GPU job.
    const rank = (id: string) => hits.findIndex((h) => h.type === 'job' && h.id === id);
    for (const hit of hits.slice(0, rank(aliceGpu))) {
      expect(hit.type).toBe('job');
      expect(truth.get(hit.id)).toEqual({ user: 'alice', gpu: true });
    }
    expect(rank(aliceGpu)).toBeLessThan(rank(aliceCpu));
    expect(rank(aliceGpu)).toBeLessThan(rank(bobGpu));
    expect(hits[0].score).toBe(1);
    const scores = hits.map((h) => h.score);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const top = hits[rank(aliceGpu)];
    expect(top.url).toBe(`/v1/jobs/${aliceGpu}${cluster === 'main' ? '' : `?cluster=${cluster}`}`);
    expect(top.title).toContain('alice');
  });

  it('lets a plain user find only their own jobs', async () => {
    const mine = await heldJob(cluster, 'bob', ['-J', 'bobsearch']);
    const theirs = await heldJob(cluster, 'alice', ['-J', 'bobsearch']);
    await waitFor(
      async () => {
        const res = await operator.get(`/v1/search?cluster=${cluster}&q=bobsearch&type=jobs`);
        return (res.body.results ?? []).length >= 2;
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    const res = await bob.get(
      `/v1/search?cluster=${cluster}&q=bobsearch%20alice&type=jobs&limit=100`,
    );
    expect(res.status).toBe(200);
    const ids = res.body.results.map((h: Hit) => h.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const owners = await accountedJobs(cluster, ids);
    expect([...owners.values()].every((j) => j.user === 'bob')).toBe(true);
    const users = await bob.get(`/v1/search?cluster=${cluster}&q=alice&type=users`);
    expect(users.body.results).toEqual([]);
  });

  it('finds nodes and partitions by feature and name, in the spec shape', async () => {
    const res = await operator.get(`/v1/search?cluster=${cluster}&q=a100&type=nodes`);
    expect(res.status).toBe(200);
    const gpuNodes = (await slurmCli(cluster, ['sinfo', '-h', '-N', '-o', '%N|%f']))
      .trim()
      .split('\n')
      .filter((l) => l.split('|')[1].split(',').includes('a100'))
      .map((l) => l.split('|')[0]);
    expect(res.body.results.map((h: Hit) => h.id).sort()).toEqual([...new Set(gpuNodes)].sort());
    expect(res.body.total).toBe(res.body.results.length);
    expect(typeof res.body.query_time).toBe('number');
    expect(res.body.results[0]).toEqual({
      type: 'node',
      id: expect.any(String),
      title: expect.any(String),
      description: expect.any(String),
      url: expect.stringMatching(/^\/v1\/nodes\/gpu00\d/),
      score: expect.any(Number),
    });
    const parts = await operator.get(`/v1/search?cluster=${cluster}&q=debug&type=partitions`);
    expect(parts.body.results.map((h: Hit) => h.id)).toEqual(['debug']);
  });

  it("keeps types to the caller's scopes and validates the query", async () => {
    const res = await nodesOnly.get(`/v1/search?cluster=${cluster}&q=gpu&limit=100`);
    expect(res.status).toBe(200);
    expect(res.body.results.every((h: Hit) => h.type === 'node' || h.type === 'partition')).toBe(
      true,
    );
    expectEnvelope(
      await nodesOnly.get(`/v1/search?cluster=${cluster}&q=gpu&type=jobs`),
      403,
      'PERMISSION_DENIED',
    );
    expectEnvelope(await operator.get(`/v1/search?cluster=${cluster}`), 400, 'VALIDATION_ERROR');
    expectEnvelope(
      await operator.get(`/v1/search?cluster=${cluster}&q=x&type=cars`),
      400,
      'VALIDATION_ERROR',
    );
    expectEnvelope(
      await operator.get(`/v1/search?cluster=${cluster}&q=x&limit=0`),
      400,
      'VALIDATION_ERROR',
    );
  });
});
