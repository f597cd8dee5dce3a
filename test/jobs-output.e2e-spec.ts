/**
 * GET /v1/jobs/{id}/output and /error on both clusters: the tail equals the last lines of
 * the real file (read here through the cluster's path root), Slurm's patterns and default
 * names are resolved, only the owner may read, a missing file is a 404 naming the path,
 * and follow=true streams the lines as Server-Sent Events until the job ends.
 */
import { expectEnvelope } from './helpers/http.js';
import {
  readClusterFile,
  uniqueJobName,
  waitForState,
  useJobsApi,
  type JobsTestEnv,
} from './helpers/jobs.js';
import { CLUSTERS } from './helpers/slurm-cli.js';

const jobs = useJobsApi();
let env: JobsTestEnv;

beforeAll(() => {
  env = jobs.env;
});

interface SseEvent {
  event: string;
  data: string;
}

/** Reads a text/event-stream answer to its end. */
async function readEvents(
  url: string,
  apiKey: string,
): Promise<{ status: number; type: string; events: SseEvent[] }> {
  const res = await fetch(url, {
    headers: { 'x-api-key': apiKey },
    signal: AbortSignal.timeout(110_000),
  });
  const text = await res.text();
  const events = text
    .split('\n\n')
    .filter((block) => block.includes('event: '))
    .map((block) => {
      const lines = block.split('\n');
      return {
        event: lines.find((l) => l.startsWith('event: '))?.slice(7) ?? '',
        data: lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n'),
      };
    });
  return { status: res.status, type: res.headers.get('content-type') ?? '', events };
}

describe.each(CLUSTERS)('job output on %s', (cluster) => {
  const q = `cluster=${cluster}`;
  const submit = (body: Record<string, unknown>) => jobs.submit(env.alice, cluster, body);

  it('returns the last lines of stdout and stderr of a finished job', async () => {
    const name = uniqueJobName('out');
    const id = await submit({
      job_name: name,
      script:
        '#!/bin/sh\nfor i in $(seq 1 3000); do echo "line $i of %j"; done\necho "problem 1" >&2\necho "problem 2" >&2\n',
      working_directory: '/tmp',
      standard_output: '%x-%j.out',
      standard_error: '/tmp/%x-%j.err',
    });
    await waitForState(cluster, id, ['COMPLETED']);
    const path = `/tmp/${name}-${id}.out`;
    const file = (await readClusterFile(cluster, path)).split('\n').slice(0, -1);
    expect(file).toHaveLength(3000);

    const res = await env.alice.get(`/v1/jobs/${id}/output?${q}&lines=50`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ job_id: id, stream: 'output', path, truncated: true });
    expect(res.body.lines).toEqual(file.slice(-50));
    expect(res.body.size_bytes).toBe(Buffer.byteLength(file.join('\n') + '\n'));

    const all = await env.alice.get(`/v1/jobs/${id}/output?${q}&lines=10000`);
    expect(all.body.lines).toEqual(file);
    expect(all.body.truncated).toBe(false);
    const byDefault = await env.alice.get(`/v1/jobs/${id}/output?${q}`);
    expect(byDefault.body.lines).toEqual(file.slice(-100));

    const err = await env.alice.get(`/v1/jobs/${id}/error?${q}`);
    expect(err.body).toMatchObject({
      stream: 'error',
      path: `/tmp/${name}-${id}.err`,
      lines: ['problem 1', 'problem 2'],
      truncated: false,
    });

    expectEnvelope(await env.bob.get(`/v1/jobs/${id}/output?${q}`), 403, 'PERMISSION_DENIED');
    expect((await env.operator.get(`/v1/jobs/${id}/output?${q}&lines=1`)).body.lines).toEqual(
      file.slice(-1),
    );
    expectEnvelope(
      await env.alice.get(`/v1/jobs/${id}/output?${q}&lines=10001`),
      400,
      'VALIDATION_ERROR',
    );
  });

  it("resolves Slurm's default file name and sends stderr there too", async () => {
    const id = await submit({
      script: '#!/bin/sh\necho out\necho err >&2\n',
      working_directory: '/tmp',
    });
    await waitForState(cluster, id, ['COMPLETED']);
    const out = await env.alice.get(`/v1/jobs/${id}/output?${q}`);
    expect(out.body.path).toBe(`/tmp/slurm-${id}.out`);
    expect([...out.body.lines].sort()).toEqual(['err', 'out']);
    const err = await env.alice.get(`/v1/jobs/${id}/error?${q}`);
    expect(err.body.path).toBe(`/tmp/slurm-${id}.out`);
  });

  it('answers 404 naming the resolved path while the file does not exist', async () => {
    const name = uniqueJobName('later');
    const id = await submit({
      job_name: name,
      script: '/bin/true',
      hold: true,
      standard_output: '/tmp/%x.%j.log',
    });
    const res = await env.alice.get(`/v1/jobs/${id}/output?${q}`);
    expectEnvelope(res, 404, 'RESOURCE_NOT_FOUND');
    expect(res.body.error.message).toContain(`/tmp/${name}.${id}.log`);
    expect(res.body.error.details).toMatchObject({
      path: `/tmp/${name}.${id}.log`,
      resource_id: id,
    });
  });

  it('follows the output as Server-Sent Events until the job ends', async () => {
    // Job ids restart on a fresh cluster: a per-run name keeps an old file from being followed.
    const run = `${process.pid}-${Date.now()}`;
    const id = await submit({
      script: '#!/bin/sh\nfor i in 1 2 3 4 5; do echo "tick $i"; sleep 1; done\n',
      standard_output: `/tmp/follow-${run}-%j.out`,
    });
    // The operator may follow alice's job too.
    const result = await readEvents(
      `${env.api.url}/v1/jobs/${id}/output?${q}&follow=true`,
      env.keys.operator,
    );
    expect(result.status).toBe(200);
    expect(result.type).toContain('text/event-stream');
    expect(result.events[0]).toEqual({
      event: 'open',
      data: JSON.stringify({ job_id: id, stream: 'output', path: `/tmp/follow-${run}-${id}.out` }),
    });
    expect(result.events.filter((e) => e.event === 'line').map((e) => e.data)).toEqual([
      'tick 1',
      'tick 2',
      'tick 3',
      'tick 4',
      'tick 5',
    ]);
    expect(result.events.at(-1)).toEqual({
      event: 'end',
      data: JSON.stringify({ state: 'COMPLETED' }),
    });
  });
});
