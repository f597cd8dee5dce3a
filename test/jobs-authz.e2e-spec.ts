/**
 * Authorization of job mutations on both clusters: alice cannot cancel, hold or reprioritise
 * bob's job (403 PERMISSION_DENIED, audited as denied) and Slurm shows the job untouched;
 * an operator can, and Slurm shows the effect; raising a priority needs the operator role
 * even on one's own job.
 */
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope, type HttpClient } from './helpers/http.js';
import { adminApi, createAdminKey, type AdminApi } from './helpers/principals.js';
import { parseScontrol, type ScontrolRecord } from './helpers/scontrol.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

let api: ApiServer;
let admin: AdminApi;
let alice: HttpClient;
let aliceName: string;
let operator: HttpClient;
const submitted: { cluster: string; id: string }[] = [];

/** A job that stays PENDING (begin time in an hour) and is not held. */
async function pendingJob(cluster: string, user: string): Promise<string> {
  const id = await sbatch(cluster, user, [
    '--begin=now+3600',
    '-t',
    '5',
    '-o',
    '/dev/null',
    '-J',
    's9s-authz',
    '--wrap',
    'sleep 60',
  ]);
  submitted.push({ cluster, id });
  return id;
}

async function scontrolJob(cluster: string, id: string): Promise<ScontrolRecord> {
  const [record] = parseScontrol(await slurmCli(cluster, ['scontrol', 'show', 'job', id, '-o']));
  return record;
}

/** The gateway's cluster-state snapshot must know the job before the routes can find it. */
async function visible(http: HttpClient, cluster: string, id: string): Promise<void> {
  await waitFor(async () => (await http.get(`/v1/jobs/${id}?cluster=${cluster}`)).status === 200, {
    timeoutMs: 60_000,
  });
}

beforeAll(async () => {
  api = await startApi();
  admin = adminApi(api.url, await createAdminKey());
  const a = await admin.principal('user', 'alice');
  aliceName = a.name;
  alice = client(api.url, { apiKey: a.apiKey });
  operator = client(api.url, { apiKey: (await admin.principal('operator', 'slurm')).apiKey });
});

afterAll(async () => {
  for (const job of submitted) await slurmCli(job.cluster, ['scancel', job.id]).catch(() => '');
  await api?.stop();
});

describe.each(CLUSTERS)('on cluster %s', (cluster) => {
  it("alice cannot cancel, hold or reprioritise bob's job; Slurm shows it untouched", async () => {
    const id = await pendingJob(cluster, 'bob');
    await visible(alice, cluster, id);
    const before = await scontrolJob(cluster, id);
    expect(before).toMatchObject({ JobState: 'PENDING', UserId: expect.stringMatching(/^bob\(/) });
    expect(Number(before.Priority)).toBeGreaterThan(0);

    const attempts = [
      ['hold', await alice.put(`/v1/jobs/${id}/hold?cluster=${cluster}`, { reason: 'mine now' })],
      ['priority', await alice.put(`/v1/jobs/${id}/priority?cluster=${cluster}`, { priority: 1 })],
      ['cancel', await alice.del(`/v1/jobs/${id}?cluster=${cluster}`)],
    ] as const;
    for (const [action, res] of attempts) {
      expect({ action, status: res.status }).toEqual({ action, status: 403 });
      expectEnvelope(res, 403, 'PERMISSION_DENIED');
      expect(res.body.error.details).toMatchObject({ resource_type: 'job', resource_id: id });
    }

    const after = await scontrolJob(cluster, id);
    expect(after.JobState).toBe('PENDING');
    expect(after.Priority).toBe(before.Priority);
    expect(after.Reason).toBe(before.Reason);
    expect(after.Reason).not.toMatch(/Held/);

    const audit = await admin.http.get(`/v1/admin/audit?principal=${aliceName}&target=job:${id}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action).sort()).toEqual([
      'job.cancel',
      'job.hold',
      'job.priority',
    ]);
    for (const entry of audit.body.entries) {
      expect(entry).toMatchObject({ result: 'denied', cluster, slurm_user: 'alice' });
    }
  });

  it("an operator can hold, reprioritise and cancel bob's job; Slurm shows each effect", async () => {
    const id = await pendingJob(cluster, 'bob');
    await visible(operator, cluster, id);

    expect((await operator.put(`/v1/jobs/${id}/hold?cluster=${cluster}`, {})).status).toBe(200);
    const held = await scontrolJob(cluster, id);
    expect(held.Priority).toBe('0');
    expect(held.Reason).toMatch(/JobHeld(Admin|User)/);

    expect((await operator.put(`/v1/jobs/${id}/release?cluster=${cluster}`)).status).toBe(200);
    expect(
      (await operator.put(`/v1/jobs/${id}/priority?cluster=${cluster}`, { priority: 4242 })).status,
    ).toBe(200);
    await waitFor(async () => (await scontrolJob(cluster, id)).Priority === '4242');

    expect((await operator.del(`/v1/jobs/${id}?cluster=${cluster}`)).status).toBe(200);
    await waitFor(async () => (await scontrolJob(cluster, id)).JobState === 'CANCELLED');
  });

  it('alice manages her own job but needs the operator role to raise its priority', async () => {
    const id = await pendingJob(cluster, 'alice');
    await visible(alice, cluster, id);
    const before = await scontrolJob(cluster, id);

    const raise = await alice.put(`/v1/jobs/${id}/priority?cluster=${cluster}`, {
      priority: Number(before.Priority) + 1000,
    });
    expectEnvelope(raise, 403, 'PERMISSION_DENIED');
    expect((await scontrolJob(cluster, id)).Priority).toBe(before.Priority);

    expect((await alice.put(`/v1/jobs/${id}/hold?cluster=${cluster}`, {})).status).toBe(200);
    expect((await scontrolJob(cluster, id)).Priority).toBe('0');
    expect((await alice.del(`/v1/jobs/${id}?cluster=${cluster}`)).status).toBe(200);
    await waitFor(async () => (await scontrolJob(cluster, id)).JobState === 'CANCELLED');
  });
});
