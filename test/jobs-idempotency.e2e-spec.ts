/**
 * A lost submit answer never leads to a second job. The API talks to each real slurmrestd
 * through a proxy written here that passes everything on, except that it swallows the answer
 * of one submit and resets the API's connection instead: the job exists in Slurm, the API
 * never learned its id. The API must find it (by the marker in the job's comment) and answer
 * as if nothing was lost; a retry with the same Idempotency-Key replays that answer.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cancelJobs, scontrolJob, startJobsApi, type JobsTestEnv } from './helpers/jobs.js';
import { CLUSTERS, slurmCli } from './helpers/slurm-cli.js';

interface LossyProxy {
  url: string;
  /** Submits that reached slurmrestd. */
  submits: number;
  /** Drop the answer of the next submit (after slurmrestd has sent all of it). */
  dropNext: boolean;
  /** Ids of the jobs whose answer was dropped. */
  lost: string[];
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

async function lossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const proxy: LossyProxy = {
    url: '',
    submits: 0,
    dropNext: false,
    lost: [],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const isSubmit = req.method === 'POST' && /\/job\/submit\/?(\?|$)/.test(req.url ?? '');
    const drop = isSubmit && proxy.dropNext;
    if (isSubmit) proxy.submits++;
    if (drop) proxy.dropNext = false;
    const forward = request(
      new URL(req.url ?? '/', upstream),
      // A connection per request: an upstream keep-alive socket closing must not lose answers.
      { method: req.method, headers: { ...req.headers, host: upstream.host }, agent: false },
      (answer) => {
        if (!drop) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        void readAll(answer).then((text) => {
          const jobId = (JSON.parse(text) as { job_id?: number }).job_id;
          proxy.lost.push(String(jobId));
          res.socket?.destroy(); // the job exists; its answer is lost
        });
      },
    );
    forward.on('error', () => res.socket?.destroy());
    req.pipe(forward);
  });
  server.keepAliveTimeout = 4000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/** Ids of every job called `name` slurmctld knows, whatever its state. */
async function slurmJobIds(cluster: string, name: string): Promise<string[]> {
  const out = await slurmCli(cluster, ['squeue', '-h', '-t', 'all', '-n', name, '-o', '%i']);
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const proxies = new Map<string, LossyProxy>();
const names = new Map<string, string[]>(CLUSTERS.map((c) => [c, []]));
let env: JobsTestEnv;

beforeAll(async () => {
  const overrides: Record<string, string> = {};
  for (const cluster of CLUSTERS) {
    const variable = `SLURM_${cluster.toUpperCase()}_URL`;
    const target = process.env[variable];
    if (!target) throw new Error(`${variable} is not set (is the stack up?)`);
    const proxy = await lossyProxy(target);
    proxies.set(cluster, proxy);
    overrides[variable] = proxy.url;
  }
  env = await startJobsApi(overrides);
  // The lost answers are the subject here, not a first poll of 20,000 benchmark jobs.
  for (const cluster of CLUSTERS) {
    expect((await env.alice.get(`/v1/jobs?cluster=${cluster}&limit=1`)).status).toBe(200);
  }
});

afterAll(async () => {
  for (const [cluster, list] of names) {
    const ids = (await Promise.all(list.map((name) => slurmJobIds(cluster, name)))).flat();
    await cancelJobs(cluster, ids);
  }
  await env?.api.stop();
  await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
});

describe.each(CLUSTERS)('a lost submit answer on %s', (cluster) => {
  const jobName = (what: string) => {
    const name = `idem-${what}-${cluster}-${Date.now()}`;
    names.get(cluster)?.push(name);
    return name;
  };
  const body = (name: string) => ({
    job_name: name,
    script: '/bin/sleep 5',
    time_limit: '1',
    hold: true,
  });

  it('answers 201 with the job, and a retry with the same key replays it', async () => {
    const proxy = proxies.get(cluster) as LossyProxy;
    const name = jobName('key');
    const key = `lost-${cluster}-${Date.now()}`;
    const send = () =>
      env.alice.post(`/v1/jobs?cluster=${cluster}`, body(name), {
        headers: { 'Idempotency-Key': key },
      });
    proxy.dropNext = true;
    const submitsBefore = proxy.submits;
    const first = await send();
    const retry = await send();

    expect(proxy.lost).toHaveLength(1);
    const lostId = proxy.lost.at(-1);
    expect({ status: first.status, body: first.body }).toEqual({
      status: 201,
      body: { job_id: lostId, state: expect.any(String), message: 'Job submitted successfully' },
    });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.job_id).toBe(lostId);
    expect(proxy.submits - submitsBefore).toBe(1);
    expect(await slurmJobIds(cluster, name)).toEqual([lostId]);
  });

  it('finds the job of a lost answer without a key too, and never shows its marker', async () => {
    const proxy = proxies.get(cluster) as LossyProxy;
    const name = jobName('nokey');
    proxy.dropNext = true;
    const res = await env.alice.post(`/v1/jobs?cluster=${cluster}`, body(name));
    const lostId = proxy.lost.at(-1) as string;
    expect(res.status).toBe(201);
    expect(res.body.job_id).toBe(lostId);
    expect(await slurmJobIds(cluster, name)).toEqual([lostId]);

    // The marker is in Slurm, and nowhere in what the API shows.
    const marker = (await scontrolJob(cluster, lostId))?.Comment ?? '';
    expect(marker).toMatch(/^s9s:[0-9a-f-]{36}$/);
    const detail = await env.alice.get(`/v1/jobs/${lostId}?cluster=${cluster}`);
    expect(detail.status).toBe(200);
    const list = await env.alice.get(`/v1/jobs?cluster=${cluster}&limit=100`);
    expect(list.status).toBe(200);
    expect(detail.text).not.toContain('s9s:');
    expect(list.text).not.toContain('s9s:');
  });
});
