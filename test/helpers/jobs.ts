/**
 * Helpers of the Jobs API e2e specs: a running API with principals (alice and bob as users,
 * an operator), submissions through the API, and Slurm's own view of a job (scontrol,
 * squeue, sacct) to check what the API did.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from '@jest/globals';
import { startApi, type ApiServer } from './api-server.js';
import { client, type HttpClient } from './http.js';
import { adminApi, createAdminKey } from './principals.js';
import { parseScontrol, type ScontrolRecord } from './scontrol.js';
import { CLUSTERS, slurmCli, waitFor } from './slurm-cli.js';

export interface JobsTestEnv {
  api: ApiServer;
  /** Slurm user alice (role user). */
  alice: HttpClient;
  /** Slurm user bob (role user). */
  bob: HttpClient;
  /** Role operator (Slurm user carol). */
  operator: HttpClient;
  /** The API keys behind the clients, for requests the client cannot make (event streams). */
  keys: { alice: string; bob: string; operator: string };
}

/** No suite may be throttled by its own requests. */
const NO_LIMIT = { tier: 'enterprise' as const, customLimit: 100_000_000 };

export async function startJobsApi(env: Record<string, string> = {}): Promise<JobsTestEnv> {
  const api = await startApi(env);
  const admin = adminApi(api.url, await createAdminKey());
  const [alice, bob, operator] = await Promise.all([
    admin.principal('user', 'alice', NO_LIMIT),
    admin.principal('user', 'bob', NO_LIMIT),
    admin.principal('operator', 'carol', NO_LIMIT),
  ]);
  return {
    api,
    alice: client(api.url, { apiKey: alice.apiKey }),
    bob: client(api.url, { apiKey: bob.apiKey }),
    operator: client(api.url, { apiKey: operator.apiKey }),
    keys: { alice: alice.apiKey, bob: bob.apiKey, operator: operator.apiKey },
  };
}

export interface JobsSuite {
  /** The running API and its principals (from beforeAll on). */
  readonly env: JobsTestEnv;
  /** POST /v1/jobs that must succeed; the job is cancelled when the spec file ends. */
  submit(http: HttpClient, cluster: string, body: Record<string, unknown>): Promise<string>;
  /** Cancels `id` when the spec file ends (jobs made another way). */
  track(cluster: string, id: string): string;
}

/** One API for the spec file; every job submitted through `submit` is cancelled at the end. */
export function useJobsApi(apiEnv: Record<string, string> = {}): JobsSuite {
  let env: JobsTestEnv | undefined;
  const ids = new Map<string, string[]>(CLUSTERS.map((c) => [c, []]));
  const track = (cluster: string, id: string) => {
    ids.get(cluster)?.push(id);
    return id;
  };
  beforeAll(async () => {
    env = await startJobsApi(apiEnv);
  });
  afterAll(async () => {
    for (const [cluster, list] of ids) await cancelJobs(cluster, list);
    await env?.api.stop();
  });
  return {
    get env() {
      if (!env) throw new Error('the jobs API has not started');
      return env;
    },
    track,
    submit: async (http, cluster, body) => track(cluster, await submitJob(http, cluster, body)),
  };
}

/** A job name no other test (or run) uses: lets a spec find exactly its own jobs. */
export function uniqueJobName(base: string): string {
  return `${base}-${randomBytes(3).toString('hex')}`;
}

/** POST /v1/jobs that must succeed; resolves with the job id. */
export async function submitJob(
  http: HttpClient,
  cluster: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await http.post(`/v1/jobs?cluster=${cluster}`, { time_limit: '10', ...body });
  expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: expect.anything() });
  expect(res.body.job_id).toMatch(/^\d+$/);
  return res.body.job_id as string;
}

/** `scontrol show job -o ID` as Key=Value pairs; null once slurmctld no longer knows it. */
export async function scontrolJob(cluster: string, id: string): Promise<ScontrolRecord | null> {
  try {
    const [record] = parseScontrol(await slurmCli(cluster, ['scontrol', 'show', 'job', '-o', id]));
    return record ?? null;
  } catch {
    return null;
  }
}

/** The job's record in slurmctld, which must exist. */
export async function liveJob(cluster: string, id: string): Promise<ScontrolRecord> {
  const record = await scontrolJob(cluster, id);
  if (record === null) throw new Error(`job ${id} unknown to slurmctld on ${cluster}`);
  return record;
}

/** Base state of JobState= (e.g. "CANCELLED" from "CANCELLED"). */
export async function slurmState(cluster: string, id: string): Promise<string | null> {
  return (await scontrolJob(cluster, id))?.JobState ?? null;
}

/** The job's state in accounting (sacct -X), or null while accounting has no record. */
export async function sacctState(cluster: string, id: string): Promise<string | null> {
  const out = await slurmCli(cluster, ['sacct', '-n', '-X', '-P', '-j', id, '-o', 'State']);
  const line = out.trim().split('\n')[0]?.trim();
  // "CANCELLED by 1001" → "CANCELLED".
  return line ? line.split(' ')[0] : null;
}

/** Ids of the jobs called `name` that squeue lists (any user, any state). */
export async function squeueIds(cluster: string, name: string): Promise<string[]> {
  const out = await slurmCli(cluster, ['squeue', '-h', '-n', name, '-o', '%i']);
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export async function waitForState(
  cluster: string,
  id: string,
  states: string[],
  timeoutMs = 60_000,
): Promise<string> {
  return waitForValue(
    async () => {
      const state = (await slurmState(cluster, id)) ?? (await sacctState(cluster, id));
      return state !== null && states.includes(state) ? state : null;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** scancel as root, ignoring jobs that are already gone (test cleanup). */
export async function cancelJobs(cluster: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await slurmCli(cluster, ['scancel', ...ids]).catch(() => undefined);
}

/** Where a cluster path lives on this host (the 24.11 cluster's files are in its chroot). */
export function hostPath(cluster: string, path: string): string {
  const root = process.env[`SLURM_${cluster.toUpperCase()}_PATH_ROOT`] ?? '';
  return root ? join(root, path) : path;
}

export async function readClusterFile(cluster: string, path: string): Promise<string> {
  return readFile(hostPath(cluster, path), 'utf8');
}

/** waitFor for a value: resolves with the first result that is neither null nor undefined. */
export async function waitForValue<T>(
  fn: () => Promise<T | null | undefined>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  let found: T | undefined;
  await waitFor(async () => {
    const value = await fn();
    if (value === null || value === undefined) return false;
    found = value;
    return true;
  }, options);
  return found as T;
}
