/**
 * Jobs API reads and submissions on both clusters, checked against Slurm's own CLI:
 * submission as the caller's Slurm user with the spec's body, list filters, sorting and a
 * paging walk, details (private fields only for the owner), afterok dependencies, the
 * Idempotency-Key, validation before Slurm and Slurm's own refusals, finished jobs.
 */
import { expectEnvelope } from './helpers/http.js';
import {
  liveJob,
  sacctState,
  squeueIds,
  uniqueJobName,
  waitForState,
  waitForValue,
  useJobsApi,
  type JobsTestEnv,
} from './helpers/jobs.js';
import { CLUSTERS, waitFor } from './helpers/slurm-cli.js';

const jobs = useJobsApi();
let env: JobsTestEnv;

beforeAll(() => {
  env = jobs.env;
});

describe.each(CLUSTERS)('Jobs API on %s', (cluster) => {
  const q = `cluster=${cluster}`;

  it('submits the spec body as the caller and shows it in details and lists', async () => {
    const name = uniqueJobName('spec');
    const id = await jobs.submit(env.alice, cluster, {
      job_name: name,
      script: '/bin/sleep 300',
      partition: 'normal',
      nodes: 1,
      cpus_per_node: 2,
      memory: '512MB',
      time_limit: '0:20:00',
      account: 'research',
      qos: 'normal',
      working_directory: '/tmp',
      standard_output: '/tmp/%x-%j.out',
      environment: { S9S_E2E: 'yes' },
      hold: true,
    });
    const slurm = await liveJob(cluster, id);
    expect(slurm.UserId).toMatch(/^alice\(/);
    expect(slurm).toMatchObject({
      JobName: name,
      JobState: 'PENDING',
      Reason: 'JobHeldUser',
      Partition: 'normal',
      Account: 'research',
      QOS: 'normal',
      TimeLimit: '00:20:00',
      NumCPUs: '2',
      WorkDir: '/tmp',
      StdOut: `/tmp/${name}-${id}.out`,
    });
    expect(slurm.MinMemoryNode ?? slurm.MinMemoryCPU).toBe('512M');

    const detail = await env.alice.get(`/v1/jobs/${id}?${q}`);
    expect(detail.status).toBe(200);
    expect(detail.headers['x-data-age']).toMatch(/^\d+$/);
    expect(detail.headers.age).toBe(detail.headers['x-data-age']);
    expect(detail.body).toMatchObject({
      job_id: id,
      job_name: name,
      user: 'alice',
      account: 'research',
      partition: 'normal',
      state: 'PENDING',
      start_time: null,
      end_time: null,
      elapsed_time: null,
      time_limit: '0:20:00',
      cpu_count: 2,
      memory: '512MB',
      qos: 'normal',
      working_directory: '/tmp',
      standard_output: `/tmp/${name}-${id}.out`,
      exit_code: null,
      command: '/bin/sleep 300',
      environment: { S9S_E2E: 'yes' },
      dependencies: [],
      array_job_id: null,
      array_task_id: null,
      source: 'live',
    });
    expect(detail.body.submit_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(detail.body.resources).toMatchObject({ gpu_utilization: null });

    // Other users see the job, but not its command or environment.
    const asBob = await env.bob.get(`/v1/jobs/${id}?${q}`);
    expect(asBob.status).toBe(200);
    expect(asBob.body).toMatchObject({ job_id: id, command: null, environment: null });

    const list = await env.bob.get(`/v1/jobs?${q}&name=${name}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, limit: 100, offset: 0, has_more: false });
    expect(list.body.jobs[0]).toEqual(
      Object.fromEntries(Object.entries(detail.body).filter(([k]) => k in list.body.jobs[0])),
    );
  });

  it('filters, sorts and pages: walking all pages returns every job once, in order', async () => {
    const name = uniqueJobName('page');
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      ids.push(
        await jobs.submit(env.alice, cluster, { job_name: name, script: '/bin/true', hold: true }),
      );
    }
    const bobId = await jobs.submit(env.bob, cluster, {
      job_name: name,
      script: '/bin/true',
      hold: true,
    });
    const all = [...ids, bobId].sort((a, b) => Number(a) - Number(b));
    // Slurm itself lists exactly these jobs under this name.
    expect((await squeueIds(cluster, name)).sort((a, b) => Number(a) - Number(b))).toEqual(all);

    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let offset = 0;
      for (;;) {
        const page = await env.alice.get(
          `/v1/jobs?${q}&name=${name}&sort=job_id&order=${order}&limit=3&offset=${offset}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(all.length);
        seen.push(...page.body.jobs.map((j: { job_id: string }) => j.job_id));
        offset += 3;
        expect(page.body.has_more).toBe(offset < all.length);
        if (!page.body.has_more) break;
      }
      expect(seen).toEqual(order === 'asc' ? all : [...all].reverse());
    }

    const byUser = await env.alice.get(`/v1/jobs?${q}&name=${name}&user=bob`);
    expect(byUser.body.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([bobId]);
    const pending = await env.alice.get(
      `/v1/jobs?${q}&name=${name}&state=PD,RUNNING&partition=normal`,
    );
    expect(pending.body.total).toBe(all.length);
    const running = await env.alice.get(`/v1/jobs?${q}&name=${name}&state=RUNNING`);
    expect(running.body.total).toBe(0);
    const otherAccount = await env.alice.get(`/v1/jobs?${q}&name=${name}&account=physics`);
    expect(otherAccount.body.total).toBe(0);

    // Default sort: submit_time, newest first (ties broken by job id, newest first).
    const byDefault = await env.alice.get(`/v1/jobs?${q}&name=${name}`);
    const times = byDefault.body.jobs.map((j: { submit_time: string }) => j.submit_time);
    expect(times).toEqual([...times].sort().reverse());
    expect(byDefault.body.jobs[0].job_id).toBe(all.at(-1));
  });

  it('rejects bad list parameters with VALIDATION_ERROR', async () => {
    for (const [query, field] of [
      ['limit=1001', 'limit'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=colour', 'sort'],
      ['order=up', 'order'],
      ['state=WAITING', 'state'],
      ['start_time=yesterday', 'start_time'],
      ['cluster=nowhere', 'cluster'],
    ]) {
      const res = await env.alice.get(
        `/v1/jobs?${query}${query.startsWith('cluster') ? '' : `&${q}`}`,
      );
      expectEnvelope(res, 400, 'VALIDATION_ERROR');
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('makes an afterok job wait for its dependency in Slurm', async () => {
    const first = await jobs.submit(env.alice, cluster, { script: '/bin/true', hold: true });
    const second = await jobs.submit(env.alice, cluster, {
      script: '/bin/true',
      dependencies: [{ type: 'afterok', job_id: first }],
    });
    const slurm = await waitForValue(async () => {
      const record = await liveJob(cluster, second);
      return record.Reason === 'Dependency' ? record : null;
    });
    expect(slurm.JobState).toBe('PENDING');
    expect(slurm.Dependency).toContain(`afterok:${first}`);
    const detail = await env.alice.get(`/v1/jobs/${second}?${q}`);
    expect(detail.body).toMatchObject({
      state: 'PENDING',
      reason: 'Dependency',
      dependencies: [{ type: 'afterok', job_id: first }],
    });
  });

  it('submits once for retries with the same Idempotency-Key', async () => {
    const name = uniqueJobName('idem');
    const key = uniqueJobName('key');
    const body = { job_name: name, script: '/bin/sleep 120', hold: true };
    const send = (payload: Record<string, unknown> = body) =>
      env.alice.post(
        `/v1/jobs?${q}`,
        { time_limit: '10', ...payload },
        { headers: { 'Idempotency-Key': key } },
      );
    const concurrent = await Promise.all([send(), send(), send()]);
    const later = await send();
    const answers = [...concurrent, later];
    for (const res of answers) expect(res.status).toBe(201);
    const jobIds = new Set(answers.map((res) => res.body.job_id as string));
    expect(jobIds.size).toBe(1);
    const [id] = [...jobIds];
    jobs.track(cluster, id);
    expect(answers.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
    expect(await squeueIds(cluster, name)).toEqual([id]);

    const changed = await send({ ...body, job_name: `${name}-x` });
    expectEnvelope(changed, 409, 'RESOURCE_CONFLICT');
    expect(await squeueIds(cluster, `${name}-x`)).toEqual([]);
    // Another principal has its own keys.
    const bob = await env.bob.post(
      `/v1/jobs?${q}`,
      { time_limit: '10', ...body },
      { headers: { 'Idempotency-Key': key } },
    );
    expect(bob.status).toBe(201);
    jobs.track(cluster, bob.body.job_id);
    expect(bob.body.job_id).not.toBe(id);
  });

  it('answers 400 VALIDATION_ERROR naming the field before calling Slurm', async () => {
    const name = uniqueJobName('invalid');
    for (const [body, field] of [
      [{ job_name: name }, 'script'],
      [{ job_name: name, script: '/bin/true', time_limit: '4 hours' }, 'time_limit'],
      [{ job_name: name, script: '/bin/true', memory: 'a lot' }, 'memory'],
      [
        { job_name: name, script: '/bin/true', dependencies: [{ type: 'whenever', job_id: '1' }] },
        'dependencies.0.type',
      ],
      [{ job_name: name, script: '/bin/true', array: '1-x' }, 'array'],
      [{ job_name: name, script: '/bin/true', nodes: 'two' }, 'nodes'],
      [{ job_name: name, script: '/bin/true', colour: 'red' }, 'colour'],
    ] as const) {
      const res = await env.alice.post(`/v1/jobs?${q}`, body);
      expectEnvelope(res, 400, 'VALIDATION_ERROR');
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await squeueIds(cluster, name)).toEqual([]);
  });

  it("keeps Slurm's message when Slurm refuses a submission", async () => {
    const res = await env.alice.post(`/v1/jobs?${q}`, {
      script: '/bin/true',
      partition: 'nosuchpartition',
    });
    expectEnvelope(res, 400, 'SLURM_ERROR');
    expect(res.body.error.message).toMatch(/Invalid partition name specified/);
    expect(res.body.error.details).toMatchObject({ cluster, slurm_error_number: 2000 });
  });

  it('submits job arrays and shows their tasks', async () => {
    const name = uniqueJobName('array');
    const id = await jobs.submit(env.alice, cluster, {
      job_name: name,
      script: '/bin/true',
      array: '1-3%1',
      hold: true,
    });
    const slurm = await liveJob(cluster, id);
    expect(slurm.ArrayTaskId).toMatch(/^1-3/);
    expect(slurm.ArrayTaskThrottle).toBe('1');
    const list = await env.alice.get(`/v1/jobs?${q}&name=${name}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    expect(list.body.jobs[0]).toMatchObject({ job_name: name, state: 'PENDING' });
  });

  it('lists and details finished jobs (finished states also read accounting; each job once)', async () => {
    const name = uniqueJobName('done');
    const id = await jobs.submit(env.alice, cluster, { job_name: name, script: '/bin/true' });
    await waitForState(cluster, id, ['COMPLETED']);
    await waitFor(async () => (await sacctState(cluster, id)) === 'COMPLETED', {
      timeoutMs: 60_000,
    });

    const list = await waitForValue(async () => {
      const res = await env.alice.get(`/v1/jobs?${q}&name=${name}&state=COMPLETED`);
      // The snapshot learns a new state first and the job's details (exit code, end) a
      // moment later: wait for both.
      return res.body.total === 1 && res.body.jobs[0].exit_code !== null ? res : null;
    });
    expect(list.body.jobs[0]).toMatchObject({ job_id: id, state: 'COMPLETED', exit_code: 0 });
    expect(list.body.jobs[0].end_time).toMatch(/Z$/);
    // A time window reads accounting too; the job is still listed once.
    const windowed = await env.alice.get(
      `/v1/jobs?${q}&name=${name}&start_time=${Math.floor(Date.now() / 1000) - 3600}`,
    );
    expect(windowed.body.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([id]);

    const detail = await env.alice.get(`/v1/jobs/${id}?${q}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ job_id: id, state: 'COMPLETED', exit_code: 0 });
    expect(detail.body.resources).toHaveProperty('cpu_efficiency');
  });

  it('answers 404 RESOURCE_NOT_FOUND for unknown jobs', async () => {
    const res = await env.alice.get(`/v1/jobs/999999?${q}`);
    expectEnvelope(res, 404, 'RESOURCE_NOT_FOUND');
    expect(res.body.error.details).toMatchObject({ resource_type: 'job', resource_id: '999999' });
    expectEnvelope(await env.alice.get(`/v1/jobs/not-a-job?${q}`), 404, 'RESOURCE_NOT_FOUND');
  });
});

it('uses the first configured cluster without ?cluster=', async () => {
  const name = uniqueJobName('default');
  const res = await env.alice.post('/v1/jobs', {
    job_name: name,
    script: '/bin/true',
    hold: true,
    time_limit: '5',
  });
  expect(res.status).toBe(201);
  jobs.track('main', res.body.job_id);
  expect(await squeueIds('main', name)).toEqual([res.body.job_id]);
});
