/**
 * Job mutations on both clusters, each checked with Slurm's own CLI: hold and release
 * (Priority=0 and back), priority (users may only lower it), cancel (CANCELLED in sacct,
 * 409 once finished, 404 unknown), bulk operations (one bad id never fails the rest,
 * requeue → Restarts=1), authorisation per job, and the audit trail of every attempt.
 */
import pg from 'pg';
import type { HttpResponse } from './helpers/http.js';
import { expectEnvelope } from './helpers/http.js';
import {
  liveJob,
  sacctState,
  waitForState,
  waitForValue,
  useJobsApi,
  type JobsTestEnv,
} from './helpers/jobs.js';
import { CLUSTERS, waitFor } from './helpers/slurm-cli.js';

const jobs = useJobsApi();
let env: JobsTestEnv;
let db: pg.Client;

beforeAll(async () => {
  env = jobs.env;
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
});

/** The audit rows written for one request. */
async function auditOf(
  res: HttpResponse,
): Promise<{ action: string; target: string; result: string }[]> {
  const requestId = res.headers['x-request-id'];
  expect(requestId).toBeTruthy();
  const rows = await db.query<{ action: string; target: string; result: string }>(
    'SELECT action, target, result FROM audit_log WHERE request_id = $1 ORDER BY id',
    [requestId],
  );
  return rows.rows;
}

async function priorityOf(cluster: string, id: string): Promise<number> {
  return Number((await liveJob(cluster, id)).Priority);
}

describe.each(CLUSTERS)('job actions on %s', (cluster) => {
  const q = `cluster=${cluster}`;
  const submit = (http: JobsTestEnv['alice'], body: Record<string, unknown>) =>
    jobs.submit(http, cluster, body);
  /** A pending job that cannot start: it waits for a held job. */
  const waitingJob = async (http: JobsTestEnv['alice'] = env.alice) => {
    const blocker = await submit(http, { script: '/bin/true', hold: true });
    const id = await submit(http, {
      script: '/bin/true',
      dependencies: [{ type: 'afterany', job_id: blocker }],
    });
    await waitFor(async () => (await liveJob(cluster, id)).Reason === 'Dependency');
    return id;
  };
  const runningJob = async (http: JobsTestEnv['alice'] = env.alice) => {
    const id = await submit(http, { script: '/bin/sleep 300' });
    await waitForState(cluster, id, ['RUNNING']);
    return id;
  };

  it('holds and releases, only for the owner', async () => {
    const id = await waitingJob();
    const before = await priorityOf(cluster, id);
    expect(before).toBeGreaterThan(0);

    const denied = await env.bob.put(`/v1/jobs/${id}/hold?${q}`, { reason: 'not mine' });
    expectEnvelope(denied, 403, 'PERMISSION_DENIED');
    expect(await priorityOf(cluster, id)).toBe(before);
    expect(await auditOf(denied)).toEqual([
      { action: 'job.hold', target: `job:${id}`, result: 'denied' },
    ]);

    const held = await env.alice.put(`/v1/jobs/${id}/hold?${q}`, { reason: 'Debugging required' });
    expect(held.status).toBe(200);
    expect(held.body).toEqual({ job_id: id, state: 'PENDING', message: 'Job held successfully' });
    expect(await priorityOf(cluster, id)).toBe(0);
    expect(await auditOf(held)).toEqual([
      { action: 'job.hold', target: `job:${id}`, result: 'success' },
    ]);

    const released = await env.alice.put(`/v1/jobs/${id}/release?${q}`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ job_id: id, message: 'Job released successfully' });
    expect(await priorityOf(cluster, id)).toBeGreaterThan(0);

    expectEnvelope(
      await env.alice.put(`/v1/jobs/${id}/hold?${q}`, { colour: 'red' }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('sets priorities: operators raise, owners may only lower', async () => {
    const id = await waitingJob();
    const raised = await env.operator.put(`/v1/jobs/${id}/priority?${q}`, { priority: 4321 });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ job_id: id, message: 'Job priority set to 4321' });
    expect(await priorityOf(cluster, id)).toBe(4321);

    const denied = await env.alice.put(`/v1/jobs/${id}/priority?${q}`, { priority: 9000 });
    expectEnvelope(denied, 403, 'PERMISSION_DENIED');
    expect(await priorityOf(cluster, id)).toBe(4321);
    expect(await auditOf(denied)).toEqual([
      { action: 'job.priority', target: `job:${id}`, result: 'denied' },
    ]);

    const lowered = await env.alice.put(`/v1/jobs/${id}/priority?${q}`, { priority: 100 });
    expect(lowered.status).toBe(200);
    expect(await priorityOf(cluster, id)).toBe(100);

    expectEnvelope(
      await env.alice.put(`/v1/jobs/${id}/priority?${q}`, { priority: 'high' }),
      400,
      'VALIDATION_ERROR',
    );
    expectEnvelope(
      await env.alice.put(`/v1/jobs/${id}/priority?${q}`, {}),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('cancels: CANCELLED in accounting, 409 once finished, 404 when unknown', async () => {
    const id = await runningJob();
    const denied = await env.bob.del(`/v1/jobs/${id}?${q}`);
    expectEnvelope(denied, 403, 'PERMISSION_DENIED');
    expect((await liveJob(cluster, id)).JobState).toBe('RUNNING');

    const cancelled = await env.alice.del(`/v1/jobs/${id}?${q}&signal=SIGTERM`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({
      job_id: id,
      state: 'CANCELLED',
      message: 'Job cancelled successfully',
    });
    await waitFor(async () => (await sacctState(cluster, id)) === 'CANCELLED', {
      timeoutMs: 60_000,
    });
    expect(await auditOf(cancelled)).toEqual([
      { action: 'job.cancel', target: `job:${id}`, result: 'success' },
    ]);

    const again = await env.alice.del(`/v1/jobs/${id}?${q}`);
    expectEnvelope(again, 409, 'RESOURCE_CONFLICT');
    expect(again.body.error.message).toContain('CANCELLED');

    const unknown = await env.alice.del(`/v1/jobs/999999?${q}`);
    expectEnvelope(unknown, 404, 'RESOURCE_NOT_FOUND');
    expect(unknown.body.error.details).toMatchObject({
      resource_type: 'job',
      resource_id: '999999',
    });
    expect(await auditOf(unknown)).toEqual([
      { action: 'job.cancel', target: 'job:999999', result: 'failed' },
    ]);

    expectEnvelope(
      await env.alice.del(`/v1/jobs/${id}?${q}&signal=SIGNOPE`),
      400,
      'VALIDATION_ERROR',
    );
  });

  it("lets operators cancel anyone's job (force)", async () => {
    const id = await submit(env.bob, { script: '/bin/sleep 300', hold: true });
    const res = await env.operator.del(`/v1/jobs/${id}?${q}&force=true`);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('CANCELLED');
    expect(await waitForState(cluster, id, ['CANCELLED'])).toBe('CANCELLED');
  });

  it('runs bulk operations per job: one bad id never fails the rest', async () => {
    const mine = [await runningJob(), await submit(env.alice, { script: '/bin/true', hold: true })];
    const bobs = await submit(env.bob, { script: '/bin/true', hold: true });
    const res = await env.alice.post(`/v1/jobs/bulk?${q}`, {
      action: 'cancel',
      job_ids: [...mine, '99999999', bobs],
      options: { force: false, reason: 'Emergency maintenance' },
    });
    expect(res.status).toBe(200);
    expect(res.body.batch_id).toMatch(/^batch_[0-9a-f]+$/);
    expect(res.body.summary).toEqual({ total: 4, successful: 2, failed: 2 });
    expect(res.body.results).toEqual([
      { job_id: mine[0], status: 'success', message: 'Job cancelled successfully' },
      { job_id: mine[1], status: 'success', message: 'Job cancelled successfully' },
      { job_id: '99999999', status: 'error', message: 'Job 99999999 not found' },
      { job_id: bobs, status: 'error', message: expect.stringContaining('Only the owner') },
    ]);
    for (const id of mine) expect(await waitForState(cluster, id, ['CANCELLED'])).toBe('CANCELLED');
    expect((await liveJob(cluster, bobs)).JobState).toBe('PENDING');
    expect((await auditOf(res)).map((row) => row.result).sort()).toEqual([
      'denied',
      'failed',
      'success',
      'success',
    ]);

    expectEnvelope(
      await env.alice.post(`/v1/jobs/bulk?${q}`, { action: 'priority', job_ids: [bobs] }),
      400,
      'VALIDATION_ERROR',
    );
    expectEnvelope(
      await env.alice.post(`/v1/jobs/bulk?${q}`, { action: 'explode', job_ids: [bobs] }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('requeues, holds, releases and reprioritises in bulk', async () => {
    const running = await runningJob();
    const requeued = await env.alice.post(`/v1/jobs/bulk?${q}`, {
      action: 'requeue',
      job_ids: [running],
    });
    expect(requeued.body.summary).toEqual({ total: 1, successful: 1, failed: 0 });
    const record = await waitForValue(async () => {
      const job = await liveJob(cluster, running);
      return job.Restarts === '1' ? job : null;
    });
    expect(record.Restarts).toBe('1');

    const waiting = [await waitingJob(), await waitingJob()];
    const held = await env.alice.post(`/v1/jobs/bulk?${q}`, { action: 'hold', job_ids: waiting });
    expect(held.body.summary).toEqual({ total: 2, successful: 2, failed: 0 });
    for (const id of waiting) expect(await priorityOf(cluster, id)).toBe(0);
    const released = await env.alice.post(`/v1/jobs/bulk?${q}`, {
      action: 'release',
      job_ids: waiting,
    });
    expect(released.body.summary.successful).toBe(2);
    const lowered = await env.operator.post(`/v1/jobs/bulk?${q}`, {
      action: 'priority',
      job_ids: waiting,
      options: { priority: 77 },
    });
    expect(lowered.body.summary.successful).toBe(2);
    for (const id of waiting) expect(await priorityOf(cluster, id)).toBe(77);
  });
});
