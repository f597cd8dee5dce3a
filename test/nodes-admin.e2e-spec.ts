/**
 * PUT /v1/nodes/{name}/drain|resume|state on both clusters (REST on 24.11, scontrol fallback
 * on 22.05), checked with sinfo/scontrol; timed drains resume by themselves, also across an
 * API restart. Every node touched is resumed afterwards.
 */
import pg from 'pg';
import { resolve } from 'node:path';
import { spawnApi, startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { nodeState, parseScontrol } from './helpers/scontrol.js';
import { CLUSTERS, slurmCli, waitFor } from './helpers/slurm-cli.js';

/** The node these tests drain on each cluster. */
const NODE = 'node004';

/**
 * A Redis database of its own: no other API or worker process (another suite, a demo server)
 * consumes this suite's node-resume jobs, so "nobody is running" really holds below.
 */
const ENV = { REDIS_URL: `${(process.env.REDIS_URL ?? '').replace(/\/\d*$/, '')}/7` };

let api: ApiServer;
let operator: ReturnType<typeof client>;
let operatorKey: string;
let user: ReturnType<typeof client>;
let userKey: string;
let userId: string;

/** What an operator action changes: NOT_RESPONDING comes and goes by itself after a DOWN. */
async function adminState(cluster: string) {
  const { base, flags, reason } = await scontrolNode(cluster);
  return { base, drain: flags.includes('DRAIN'), reason };
}

async function scontrolNode(cluster: string, name = NODE) {
  const [record] = parseScontrol(await slurmCli(cluster, ['scontrol', 'show', 'node', '-o', name]));
  // scontrol appends "[user@time]" to the reason.
  const reason = record.Reason?.replace(/\s*\[[^\]]*\]$/, '') ?? null;
  return { ...nodeState(record.State), reason };
}

/** sinfo's long state name of the node: idle, drained, draining, down, mixed... */
async function sinfoState(cluster: string, name = NODE): Promise<string> {
  return (await slurmCli(cluster, ['sinfo', '-h', '-N', '-n', name, '-o', '%T']))
    .trim()
    .split('\n')[0];
}

async function restore(cluster: string): Promise<void> {
  const { base, flags } = await scontrolNode(cluster);
  if (base === 'DOWN' || flags.includes('DRAIN')) {
    // A DOWN node may come back by itself (ReturnToService=2) just before: then resume fails.
    await slurmCli(cluster, ['scontrol', 'update', `nodename=${NODE}`, 'state=resume']).catch(
      () => undefined,
    );
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  await waitFor(check, { timeoutMs, intervalMs: 1000 });
}

beforeAll(async () => {
  api = await startApi(ENV);
  const admin = adminApi(api.url, await createAdminKey());
  const op = await admin.principal('operator', 'slurm', { scopes: ['nodes:read', 'nodes:write'] });
  operatorKey = op.apiKey;
  operator = client(api.url, { apiKey: operatorKey });
  const alice = await admin.principal('user', 'alice', { scopes: ['nodes:read', 'nodes:write'] });
  userKey = alice.apiKey;
  user = client(api.url, { apiKey: userKey });
  userId = alice.id;
  for (const cluster of CLUSTERS) await restore(cluster);
});

afterAll(async () => {
  for (const cluster of CLUSTERS) await restore(cluster).catch(() => undefined);
  await api?.stop();
});

describe.each(CLUSTERS)('node administration on %s', (cluster) => {
  afterEach(() => restore(cluster));

  it('refuses a user without operator role (403), leaves the node untouched and audits it', async () => {
    const before = await adminState(cluster);
    const res = await user.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
      reason: 'not allowed',
    });
    expectEnvelope(res, 403, 'PERMISSION_DENIED');
    expect(await adminState(cluster)).toEqual(before);
    expect(await sinfoState(cluster)).not.toMatch(/drain/);
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT action, result, target, cluster FROM audit_log
          WHERE principal_id = $1 AND cluster = $2 ORDER BY id DESC LIMIT 1`,
        [userId, cluster],
      );
      expect(rows[0]).toEqual({
        action: 'node.drain',
        result: 'denied',
        target: `node:${NODE}`,
        cluster,
      });
    } finally {
      await db.end();
    }
  });

  it('drains and resumes; sinfo shows it', async () => {
    const reason = `e2e drain ${Date.now()}`;
    const drained = await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, { reason });
    expect(drained.status).toBe(200);
    expect(drained.body).toMatchObject({ node_name: NODE, action: 'DRAIN', resume_at: null });
    expect(drained.body.node.state_flags).toContain('DRAIN');
    expect(drained.body.node.reason).toBe(reason);
    expect(await sinfoState(cluster)).toMatch(/^drain(ed|ing)\*?$/);
    expect((await scontrolNode(cluster)).reason).toBe(reason);
    // The snapshot was refreshed: a read right after the change shows it.
    const read = await operator.get(`/v1/nodes/${NODE}?cluster=${cluster}`);
    expect(read.body.state_flags).toContain('DRAIN');

    const resumed = await operator.put(`/v1/nodes/${NODE}/resume?cluster=${cluster}`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.node.state_flags).not.toContain('DRAIN');
    expect(await sinfoState(cluster)).not.toMatch(/drain/);
  });

  it('sets DRAIN, DOWN, RESUME and UNDRAIN through /state', async () => {
    const put = (body: object) => operator.put(`/v1/nodes/${NODE}/state?cluster=${cluster}`, body);
    expect((await put({ state: 'DRAIN', reason: 'e2e state drain' })).status).toBe(200);
    expect((await scontrolNode(cluster)).flags).toContain('DRAIN');
    // DOWN on a drained node: ReturnToService=2 cannot bring it back behind our back.
    const down = await put({ state: 'DOWN', reason: 'e2e hardware failure' });
    expect(down.status).toBe(200);
    expect(down.body.node.state).toBe('DOWN');
    // Slurm took the DOWN (its reason replaced ours); with ReturnToService=2 a registering
    // slurmd may already have brought it back to IDLE+DRAIN, so the base state is not checked.
    expect((await scontrolNode(cluster)).reason).toBe('e2e hardware failure');

    expect((await put({ state: 'RESUME' })).status).toBe(200);
    await waitUntil(async () => {
      const after = await scontrolNode(cluster);
      return after.base !== 'DOWN' && !after.flags.includes('DRAIN');
    });

    await put({ state: 'DRAIN', reason: 'e2e state drain again' });
    expect((await scontrolNode(cluster)).flags).toContain('DRAIN');
    const undrain = await put({ state: 'UNDRAIN' });
    expect(undrain.status).toBe(200);
    expect(undrain.body.node.state_flags).not.toContain('DRAIN');
    expect((await scontrolNode(cluster)).flags).not.toContain('DRAIN');
  });

  it('validates the body before touching Slurm', async () => {
    const before = await adminState(cluster);
    const noReason = await operator.put(`/v1/nodes/${NODE}/state?cluster=${cluster}`, {
      state: 'DRAIN',
    });
    expectEnvelope(noReason, 400, 'VALIDATION_ERROR');
    expect(JSON.stringify(noReason.body.error.details)).toContain('reason');
    expectEnvelope(
      await operator.put(`/v1/nodes/${NODE}/state?cluster=${cluster}`, { state: 'SLEEP' }),
      400,
      'VALIDATION_ERROR',
    );
    expectEnvelope(
      await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
        reason: 'x',
        timeout: 'soon',
      }),
      400,
      'VALIDATION_ERROR',
    );
    expect(await adminState(cluster)).toEqual(before);
    expectEnvelope(
      await operator.put(`/v1/nodes/nosuchnode/drain?cluster=${cluster}`, { reason: 'x' }),
      404,
      'RESOURCE_NOT_FOUND',
    );
  });

  it('a drain with a timeout shows DRAIN in sinfo, then the node returns by itself', async () => {
    const reason = `e2e timed drain ${Date.now()}`;
    const res = await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
      reason,
      timeout: '8s',
    });
    expect(res.status).toBe(200);
    const resumeAt = Date.parse(res.body.resume_at);
    expect(resumeAt - Date.now()).toBeGreaterThan(3000);
    expect(await sinfoState(cluster)).toMatch(/^drain(ed|ing)\*?$/);
    await waitUntil(async () => !/drain/.test(await sinfoState(cluster)), 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(resumeAt - 1000);
    expect((await scontrolNode(cluster)).flags).not.toContain('DRAIN');
  });

  it('a timed drain resumes even when the API restarted in between', async () => {
    const reason = `e2e restart drain ${Date.now()}`;
    const res = await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
      reason,
      timeout: '6s',
    });
    expect(res.status).toBe(200);
    await api.stop();
    let stateWhileDown: string;
    try {
      // Nobody is running: the node stays drained past its timeout...
      await new Promise((r) => setTimeout(r, 9000));
      stateWhileDown = await sinfoState(cluster);
    } finally {
      api = await startApi(ENV);
      operator = client(api.url, { apiKey: operatorKey });
      user = client(api.url, { apiKey: userKey });
    }
    expect(stateWhileDown).toMatch(/^drain(ed|ing)\*?$/);
    // ...and the new API process picks the overdue resume up from Redis.
    await waitUntil(async () => !/drain/.test(await sinfoState(cluster)), 60_000);
  });

  it('the worker process resumes a timed drain while no API runs', async () => {
    const res = await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
      reason: `e2e worker drain ${Date.now()}`,
      timeout: '5s',
    });
    expect(res.status).toBe(200);
    await api.stop();
    const worker = await spawnApi(ENV, resolve(process.cwd(), 'dist/src/worker.js'));
    try {
      await waitUntil(() => Promise.resolve(worker.output().includes('S9S worker started')));
      await waitUntil(async () => !/drain/.test(await sinfoState(cluster)), 60_000);
      expect(worker.output()).toContain(`${cluster}/${NODE}: drain timeout expired; node resumed`);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
      api = await startApi(ENV);
      operator = client(api.url, { apiKey: operatorKey });
      user = client(api.url, { apiKey: userKey });
    }
  });

  it('a later drain without timeout cancels the pending resume', async () => {
    await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
      reason: 'e2e first',
      timeout: '5s',
    });
    const second = await operator.put(`/v1/nodes/${NODE}/drain?cluster=${cluster}`, {
      reason: 'e2e second',
    });
    expect(second.body.resume_at).toBeNull();
    await new Promise((r) => setTimeout(r, 9000));
    const node = await scontrolNode(cluster);
    expect(node.flags).toContain('DRAIN');
    expect(node.reason).toBe('e2e second');
  });
});
