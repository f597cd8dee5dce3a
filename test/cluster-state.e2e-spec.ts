/**
 * Cluster state against the live stack, on both clusters: jobs submitted and cancelled with
 * Slurm's own CLI appear in the snapshot within seconds, in the polling process and in a pure
 * reader; a refresh after a mutation is visible everywhere at once; the Redis write rules hold;
 * and with two real API processes exactly one polls each cluster and the other takes over when
 * it is stopped with SIGTERM.
 *
 * The in-process harnesses load only Config/Redis/Slurm/ClusterState (never AppModule: the
 * throttler cannot load in Jest). Every process here uses its own Redis key prefix, so other
 * API servers running at the same time neither lead these snapshots nor see them.
 */
import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { ClusterStateModule, ClusterStateService } from '../src/cluster-state/index.js';
import {
  NotLeaderError,
  parseChangeMessage,
  RedisSnapshotStore,
  type ChangeMessage,
} from '../src/cluster-state/redis-snapshot-store.js';
import { ConfigModule, loadConfig } from '../src/config/index.js';
import { RedisModule } from '../src/redis/redis.module.js';
import { SlurmModule } from '../src/slurm/slurm.module.js';
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { dropKeys } from './helpers/redis-keys.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

const RUN = `s9s:e2e-cs:${process.pid}:${Date.now()}`;
const FAST = {
  CLUSTER_STATE_POLL_MS: '1000',
  CLUSTER_STATE_NODE_POLL_MS: '2000',
  CLUSTER_STATE_LOCK_TTL_MS: '3000',
  CLUSTER_STATE_READY_TIMEOUT_MS: '60000',
};
const JOB_NAME = `cs-e2e-${process.pid}`;

interface Harness {
  app: INestApplicationContext;
  state: ClusterStateService;
}

async function harness(env: Record<string, string>): Promise<Harness> {
  const values = loadConfig({ ...process.env, ...FAST, ...env });
  @Module({ imports: [ConfigModule.forRoot(values), RedisModule, SlurmModule, ClusterStateModule] })
  class ClusterStateHarness {}
  const app = await NestFactory.createApplicationContext(ClusterStateHarness, {
    logger: ['error', 'warn'],
  });
  return { app, state: app.get(ClusterStateService) };
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6380');

/** The state Slurm itself reports (squeue -t all keeps finished jobs until MinJobAge). */
async function squeueState(cluster: string, id: string): Promise<string> {
  return (await slurmCli(cluster, ['squeue', '-h', '-t', 'all', '-j', id, '-o', '%T'])).trim();
}

function submitHeld(cluster: string): Promise<string> {
  return sbatch(cluster, 'alice', ['--hold', '-J', JOB_NAME, '--wrap', 'sleep 600']);
}

afterAll(async () => {
  for (const cluster of CLUSTERS) {
    await slurmCli(cluster, ['scancel', '-u', 'alice', '-n', JOB_NAME]).catch(() => undefined);
  }
  await dropKeys(redis, RUN);
  redis.disconnect();
});

describe('snapshots kept by one poller (in-process)', () => {
  const prefix = `${RUN}:a`;
  let poller: Harness;
  let reader: Harness;

  beforeAll(async () => {
    poller = await harness({ CLUSTER_STATE_REDIS_PREFIX: prefix });
    reader = await harness({ CLUSTER_STATE_REDIS_PREFIX: prefix, CLUSTER_STATE_POLLER: 'false' });
  });

  afterAll(async () => {
    await reader?.app.close();
    await poller?.app.close();
  });

  describe.each(CLUSTERS)('cluster %s', (cluster) => {
    it('holds exactly the nodes sinfo lists, in the poller and in the reader', async () => {
      await poller.state.nodes(cluster).ready();
      await reader.state.nodes(cluster).ready();
      const sinfo = (await slurmCli(cluster, ['sinfo', '-h', '-N', '-o', '%N']))
        .split('\n')
        .filter((name) => name !== '');
      const expected = [...new Set(sinfo)].sort();
      expect(expected.length).toBeGreaterThan(0);
      const names = (h: Harness) =>
        h.state
          .nodes(cluster)
          .all()
          .map((n) => n.name)
          .sort();
      expect(names(poller)).toEqual(expected);
      await waitFor(() => names(reader).join() === expected.join(), { timeoutMs: 5000 });
      expect(poller.state.isLeader(cluster)).toBe(true);
      expect(reader.state.isLeader(cluster)).toBe(false);
    });

    it('shows a job submitted with sbatch, and its scancel within seconds', async () => {
      await poller.state.jobs(cluster).ready();
      const id = await submitHeld(cluster);
      const job = await waitFor(() => reader.state.jobs(cluster).get(id), { timeoutMs: 15_000 });
      expect(job).toMatchObject({
        id,
        user: 'alice',
        name: JOB_NAME,
        state: 'PENDING',
        held: true,
      });
      expect(await squeueState(cluster, id)).toBe('PENDING');

      await slurmCli(cluster, ['scancel', id]);
      const cancelledAt = Date.now();
      await waitFor(() => reader.state.jobs(cluster).get(id)?.state === 'CANCELLED', {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      expect(Date.now() - cancelledAt).toBeLessThan(10_000);
      expect(poller.state.jobs(cluster).get(id)?.state).toBe('CANCELLED');
      expect(await squeueState(cluster, id)).toBe('CANCELLED');
    });

    it('refreshJob after a mutation shows it at once in every process', async () => {
      const id = await submitHeld(cluster);
      const renamed = `${JOB_NAME}-renamed`;
      await slurmCli(cluster, ['scontrol', 'update', `JobId=${id}`, `Name=${renamed}`]);
      // The reader refreshes (one GET job/{id}); the poller's copy follows through Redis.
      const refreshed = await reader.state.jobs(cluster).refreshJob(id);
      expect(refreshed?.name).toBe(renamed);
      expect(reader.state.jobs(cluster).get(id)?.name).toBe(renamed);
      await waitFor(() => poller.state.jobs(cluster).get(id)?.name === renamed, {
        timeoutMs: 2000,
        intervalMs: 50,
      });
      expect((await slurmCli(cluster, ['squeue', '-h', '-j', id, '-o', '%j'])).trim()).toBe(
        renamed,
      );
      await slurmCli(cluster, ['scancel', id]);
    });

    it('a job that runs shows RUNNING or COMPLETED as Slurm does', async () => {
      const id = await sbatch(cluster, 'alice', ['-J', JOB_NAME, '--wrap', 'sleep 1']);
      await waitFor(() => reader.state.jobs(cluster).get(id)?.state === 'COMPLETED', {
        timeoutMs: 90_000,
      });
      expect(await squeueState(cluster, id)).toBe('COMPLETED');
    });

    it('stays fresh: the data is confirmed every poll', async () => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      for (const h of [poller, reader]) {
        expect(h.state.jobs(cluster).ageSeconds()).toBeLessThanOrEqual(3);
        expect(h.state.nodes(cluster).ageSeconds()).toBeLessThanOrEqual(4);
      }
      const stats = poller.state.stats().find((s) => s.cluster === cluster);
      expect(stats?.leader).toBe(true);
      expect(stats?.jobs.polls.ok).toBeGreaterThan(0);
      // The reader never lists or polls slurmrestd: only its one refresh above reached Slurm.
      const readerStats = reader.state.stats().find((s) => s.cluster === cluster);
      expect(readerStats?.slurmCalls).toMatchObject({ listJobs: 0, jobStates: 0, listNodes: 0 });
      expect(readerStats?.slurmCalls.getJob).toBe(1);
    });
  });

  it('uses the cheap state poll on 24.11 and the update_time list on 22.05', async () => {
    for (const cluster of CLUSTERS) await poller.state.jobs(cluster).ready();
    const mode = (cluster: string) =>
      poller.state.stats().find((s) => s.cluster === cluster)?.jobs.mode;
    expect(mode('main')).toBe('states');
    expect(mode('legacy')).toBe('update_time');
  });
});

describe('a cluster whose slurmrestd is unreachable', () => {
  it('answers 503 SERVICE_UNAVAILABLE at once instead of waiting for data that cannot come', async () => {
    const dead = await harness({
      CLUSTER_STATE_REDIS_PREFIX: `${RUN}:dead`,
      SLURM_CLUSTERS: 'dead',
      SLURM_DEAD_URL: 'http://127.0.0.1:9',
      SLURM_DEAD_JWT_KEY: process.env.SLURM_MAIN_JWT_KEY ?? '',
    });
    try {
      await waitFor(() => dead.state.stats()[0].jobs.polls.failed > 0, { timeoutMs: 20_000 });
      const started = Date.now();
      const error = await dead.state
        .jobs('dead')
        .ready()
        .then(
          () => null,
          (e: unknown) => e,
        );
      // The ready timeout is 60 s here: the answer comes from knowing the polls fail.
      expect(Date.now() - started).toBeLessThan(1000);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(dead.state.stats()[0].lastError).toMatch(/poll/);
    } finally {
      await dead.app.close();
    }
  });
});

describe('the Redis write rules (real Redis, Lua script)', () => {
  const prefix = `${RUN}:store`;
  const store = new RedisSnapshotStore(redis, prefix, 'x');
  const job = (state: string) => JSON.stringify({ id: '1', state });
  const write = (t: number, state: string, extra: { fenced?: boolean; owner?: string } = {}) =>
    store.apply({
      kind: 'job',
      upserts: [{ id: '1', json: job(state), t }],
      removals: [],
      fenced: extra.fenced ?? false,
      owner: extra.owner ?? 'me',
      writeId: `w${t}`,
    });

  it('newer data wins, removals spare later data, fencing needs the lock, notices are versioned', async () => {
    const subscriber = redis.duplicate();
    const notices: ChangeMessage[] = [];
    subscriber.on('message', (_channel: string, raw: string) => {
      const message = parseChangeMessage(raw);
      if (message) notices.push(message);
    });
    await subscriber.subscribe(store.keys.channel);
    try {
      expect(await write(20, 'RUNNING')).toMatchObject({ version: 1, up: ['1'] });
      expect(await write(10, 'PENDING')).toMatchObject({ version: 1, up: [] });
      expect((await store.readItems('job', ['1']))[0]).toEqual({
        id: '1',
        json: job('RUNNING'),
        t: 20,
      });
      const removal = (notAfter: number) =>
        store.apply({
          kind: 'job',
          upserts: [],
          removals: [{ id: '1', notAfter }],
          fenced: false,
          owner: 'me',
          writeId: `r${notAfter}`,
        });
      expect((await removal(15)).rm).toEqual([]);
      expect(await removal(25)).toMatchObject({ version: 2, rm: ['1'] });
      await expect(write(30, 'RUNNING', { fenced: true })).rejects.toBeInstanceOf(NotLeaderError);
      await redis.set(store.keys.lock, 'me', 'PX', 5000);
      expect(await write(30, 'RUNNING', { fenced: true })).toMatchObject({ version: 3 });
      await waitFor(() => notices.length >= 3, { timeoutMs: 2000, intervalMs: 20 });
      expect(notices.map((n) => [n.v, n.up, n.rm, n.w])).toEqual([
        [1, ['1'], [], 'w20'],
        [2, [], ['1'], 'r25'],
        [3, ['1'], [], 'w30'],
      ]);
    } finally {
      subscriber.disconnect();
    }
  });
});

describe('two API processes', () => {
  const prefix = `${RUN}:b`;
  const env = { ...FAST, CLUSTER_STATE_REDIS_PREFIX: prefix };
  let apis: ApiServer[] = [];
  let reader: Harness | undefined;
  let apiKey = '';

  const holder = async (cluster: string) => redis.get(`${prefix}:{${cluster}}:leader`);
  const pidOf = (owner: string | null) => Number(owner?.split(':')[1]);
  const pollerLine = (cluster: string) => `cluster-state: ${cluster}: this process is the poller`;

  beforeAll(async () => {
    apis = await Promise.all([startApi(env), startApi(env)]);
    reader = await harness({ CLUSTER_STATE_REDIS_PREFIX: prefix, CLUSTER_STATE_POLLER: 'false' });
    const admin = adminApi(apis[0].url, await createAdminKey());
    ({ apiKey } = await admin.principal('operator', 'slurm', { scopes: ['jobs:read'] }));
  });

  /** GET /v1/jobs/{id} on one API process: its state and the age of its data. */
  async function jobVia(api: ApiServer, cluster: string, id: string) {
    const res = await client(api.url, { apiKey }).get(`/v1/jobs/${id}?cluster=${cluster}`);
    return { status: res.status, state: res.body?.state as string, age: res.headers['x-data-age'] };
  }

  afterAll(async () => {
    await reader?.app.close();
    await Promise.all(apis.map((api) => api.stop()));
  });

  it('one process polls each cluster, the follower takes over after SIGTERM', async () => {
    const pids = apis.map((api) => api.pid);
    for (const cluster of CLUSTERS) {
      const owner = await waitFor(() => holder(cluster), { timeoutMs: 15_000 });
      expect(pids).toContain(pidOf(owner));
      const leader = apis.find((api) => api.pid === pidOf(owner));
      const follower = apis.find((api) => api.pid !== pidOf(owner));
      expect(leader?.output()).toContain(pollerLine(cluster));
      expect(follower?.output()).not.toContain(pollerLine(cluster));
    }

    // The data the leader writes reaches a process that never polls, and the follower serves it.
    const first = await submitHeld('main');
    await waitFor(() => reader?.state.jobs('main').get(first), { timeoutMs: 15_000 });
    const mainLeaderPid = pidOf(await holder('main'));
    const stopping = apis.find((api) => api.pid === mainLeaderPid) as ApiServer;
    const survivor = apis.find((api) => api.pid !== mainLeaderPid) as ApiServer;
    const served = await waitFor(
      async () => {
        const job = await jobVia(survivor, 'main', first);
        return job.status === 200 ? job : null;
      },
      { timeoutMs: 10_000 },
    );
    expect(served?.state).toBe('PENDING');
    expect(Number(served?.age)).toBeLessThanOrEqual(3);
    const stoppedAt = Date.now();
    expect(await stopping.stop()).toBe(0);
    expect(stopping.output()).toContain('cluster-state: main: resigned as poller');
    for (const cluster of CLUSTERS) {
      await waitFor(async () => pidOf(await holder(cluster)) === survivor.pid, {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
    }
    // Resignation is announced, so the takeover does not wait for the lock to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await waitFor(() => survivor.output().includes(pollerLine('main')), { timeoutMs: 5000 });
    apis = [survivor];

    // The survivor polls: a new job and a cancellation reach the reader.
    const second = await submitHeld('main');
    await waitFor(() => reader?.state.jobs('main').get(second), { timeoutMs: 15_000 });
    await slurmCli('main', ['scancel', first]);
    await waitFor(() => reader?.state.jobs('main').get(first)?.state === 'CANCELLED', {
      timeoutMs: 10_000,
    });
    expect(await squeueState('main', first)).toBe('CANCELLED');
    expect((await jobVia(survivor, 'main', first)).state).toBe('CANCELLED');
  });

  it('a killed leader (no resignation) is replaced once its lock expires', async () => {
    const [survivor] = apis;
    const late = await startApi(env);
    apis.push(late);
    await waitFor(async () => pidOf(await holder('main')) === survivor.pid, { timeoutMs: 15_000 });
    const killedAt = Date.now();
    process.kill(survivor.pid, 'SIGKILL');
    await waitFor(async () => pidOf(await holder('main')) === late.pid, {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    // Lock TTL is 3 s here; a follower retries every second.
    expect(Date.now() - killedAt).toBeLessThan(6000);
    apis = [late];
    const id = await submitHeld('legacy');
    await waitFor(() => reader?.state.jobs('legacy').get(id), { timeoutMs: 15_000 });
  });
});
