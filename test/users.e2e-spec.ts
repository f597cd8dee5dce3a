/**
 * GET /v1/users and /v1/users/{username} on both clusters, against sacctmgr, squeue, sacct.
 */
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

let api: ApiServer;
let admin: ReturnType<typeof client>;
let alice: ReturnType<typeof client>;
const jobs: { cluster: string; id: string }[] = [];

beforeAll(async () => {
  api = await startApi();
  const principals = adminApi(api.url, await createAdminKey());
  const adm = await principals.principal('admin', 'root', { scopes: ['users:read'] });
  admin = client(api.url, { apiKey: adm.apiKey });
  const al = await principals.principal('user', 'alice', { scopes: ['users:read'] });
  alice = client(api.url, { apiKey: al.apiKey });
});

afterAll(async () => {
  for (const job of jobs) await slurmCli(job.cluster, ['scancel', job.id]).catch(() => '');
  await api?.stop();
});

/** sacctmgr's view of every user: default account, admin level, associations. */
async function sacctmgrUsers(cluster: string) {
  const users = (
    await slurmCli(cluster, [
      'sacctmgr',
      '-nP',
      'show',
      'user',
      'format=user,defaultaccount,adminlevel',
    ])
  )
    .trim()
    .split('\n')
    .map((line) => line.split('|'));
  const assocs = (
    await slurmCli(cluster, [
      'sacctmgr',
      '-nP',
      'show',
      'assoc',
      'format=user,account,partition,qos',
    ])
  )
    .trim()
    .split('\n')
    .map((line) => line.split('|'))
    .filter(([user]) => user !== '');
  return new Map(
    users.map(([name, account, level]) => [
      name,
      {
        username: name,
        default_account: account,
        admin_level: level.toLowerCase() === 'none' ? 'none' : level.toLowerCase(),
        associations: assocs
          .filter(([user]) => user === name)
          .map(([, acct, partition, qos]) => ({
            account: acct,
            partition: partition === '' ? null : partition,
            qos: qos
              .split(',')
              .filter((q) => q !== '')
              .sort(),
          }))
          .sort((a, b) => a.account.localeCompare(b.account)),
      },
    ]),
  );
}

const sacctTime = (epoch: number) => new Date(epoch * 1000).toISOString().slice(0, 19);

/** sacct's allocation records of `user` in [start, end]: one line per job (-X). */
async function sacctWindow(cluster: string, user: string, start: number, end: number) {
  const out = await slurmCli(cluster, [
    'sacct',
    '-X',
    '-n',
    '-P',
    '-u',
    user,
    '-S',
    sacctTime(start),
    '-E',
    sacctTime(end),
    '-o',
    'JobID,Start,End,AllocCPUS',
  ]);
  return out
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const [jobId, s, e, cpus] = line.split('|');
      return { jobId, start: s, end: e, cpus: Number(cpus) };
    });
}

const knownTime = (t: string) => !/^(Unknown|None|)$/.test(t);

/** Allocated CPU seconds of sacct's records, clipped to [start, end]. */
function cpuSeconds(records: Awaited<ReturnType<typeof sacctWindow>>, start: number, end: number) {
  let total = 0;
  for (const r of records) {
    if (!knownTime(r.start)) continue;
    const from = Math.max(Date.parse(`${r.start}Z`) / 1000, start);
    const to = Math.min(knownTime(r.end) ? Date.parse(`${r.end}Z`) / 1000 : end, end);
    if (to > from) total += (to - from) * r.cpus;
  }
  return total;
}

describe.each(CLUSTERS)('users on %s', (cluster) => {
  it('lists every accounting user as sacctmgr shows them (admin)', async () => {
    const expected = await sacctmgrUsers(cluster);
    const res = await admin.get(`/v1/users?cluster=${cluster}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(expected.size);
    expect(res.body.users.map((u: { username: string }) => u.username)).toEqual(
      [...expected.keys()].sort(),
    );
    for (const user of res.body.users) {
      expect(user).toMatchObject(expected.get(user.username) as object);
      expect(user.cpu_time_used).toMatch(/^\d+(\.\d{1,2})?h$/);
    }
  });

  it('counts live running and pending jobs like squeue', async () => {
    const held = await sbatch(cluster, 'bob', ['-H', '-t', '5', '--wrap', 'sleep 60']);
    jobs.push({ cluster, id: held });
    await waitFor(
      async () => {
        const res = await admin.get(`/v1/users/bob?cluster=${cluster}`);
        const count = async (state: string) =>
          (await slurmCli(cluster, ['squeue', '-h', '-u', 'bob', '-t', state, '-o', '%i']))
            .trim()
            .split('\n')
            .filter((l) => l !== '').length;
        return (
          res.status === 200 &&
          res.body.jobs_pending === (await count('PD')) &&
          res.body.jobs_running === (await count('R')) &&
          res.body.jobs_pending >= 1
        );
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
  });

  it('reports allocated CPU time over a window as sacct computes it', async () => {
    const start = Math.floor(Date.now() / 1000) - 120;
    const jobId = await sbatch(cluster, 'carol', ['-c', '2', '-t', '2', '--wrap', 'sleep 3']);
    jobs.push({ cluster, id: jobId });
    // A window query selects a job only once slurmdbd has its eligible time, which 22.05
    // may record seconds after the job's start and end (seen: sacct -j showed the job
    // COMPLETED with Start and End while the window query left it out). Wait until the
    // window query itself shows the finished job.
    const { end, records } = await waitFor(
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const window = await sacctWindow(cluster, 'carol', start, now);
        const job = window.find((r) => r.jobId === jobId);
        return job && knownTime(job.start) && knownTime(job.end)
          ? { end: now, records: window }
          : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    const expected = cpuSeconds(records, start, end);
    expect(expected).toBeGreaterThanOrEqual(6);
    const query = `cluster=${cluster}&start_time=${new Date(start * 1000).toISOString()}&end_time=${new Date(end * 1000).toISOString()}`;
    const res = await admin.get(`/v1/users/carol?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.cpu_time_used_seconds).toBe(expected);
    expect(res.body.cpu_time_used).toBe(`${Math.round((expected / 3600) * 100) / 100}h`);
    // The same window in the list.
    const list = await admin.get(`/v1/users?${query}`);
    const carol = list.body.users.find((u: { username: string }) => u.username === 'carol');
    expect(carol.cpu_time_used_seconds).toBe(expected);
    expectEnvelope(
      await admin.get(
        `/v1/users/carol?cluster=${cluster}&start_time=${new Date(end * 1000).toISOString()}&end_time=${new Date(start * 1000).toISOString()}`,
      ),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('lets a user see only themself', async () => {
    const list = await alice.get(`/v1/users?cluster=${cluster}`);
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(['alice']);
    expect((await alice.get(`/v1/users/alice?cluster=${cluster}`)).status).toBe(200);
    expectEnvelope(await alice.get(`/v1/users/bob?cluster=${cluster}`), 403, 'PERMISSION_DENIED');
  });

  it('answers 404 for an unknown user', async () => {
    const res = await admin.get(`/v1/users/nosuchuser?cluster=${cluster}`);
    expectEnvelope(res, 404, 'RESOURCE_NOT_FOUND');
  });
});
