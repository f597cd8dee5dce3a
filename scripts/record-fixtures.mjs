#!/usr/bin/env node
/**
 * Record slurmrestd answers from the local stack (scripts/stack.sh up) as fixtures for the
 * unit tests of libs/slurm-gateway: libs/slurm-gateway/test-fixtures/<cluster>/<name>.json.
 *
 *   node scripts/record-fixtures.mjs            # both clusters
 *   node scripts/record-fixtures.mjs legacy     # one cluster
 *
 * It submits a few jobs with sbatch (running, GPU, array, held, failed, finished), creates
 * a reservation, records the answers of every route the library uses (plus error cases),
 * then cancels its jobs and deletes the reservation. Plain JS on purpose: it runs with the
 * node binary alone, without a build.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'libs/slurm-gateway/test-fixtures');
const env = loadEnv(join(ROOT, '.stack/stack.env'));

function loadEnv(file) {
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

function token(keyFile, user) {
  const b64 = (x) => Buffer.from(x).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(
    JSON.stringify({ iat: now, exp: now + 600, sun: user }),
  )}`;
  return `${head}.${createHmac('sha256', readFileSync(keyFile)).update(head).digest('base64url')}`;
}

function cli(cluster, args, as) {
  const argv = [cluster, ...(as ? ['--as', as] : []), ...args];
  return execFileSync(join(ROOT, 'scripts/slurm'), argv, { encoding: 'utf8' }).trim();
}

function sbatch(cluster, user, args) {
  return cli(cluster, ['sbatch', '--parsable', ...args], user).split(';')[0];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fn()) return;
    await sleep(1000);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function squeueState(cluster, id) {
  return cli(cluster, ['squeue', '-h', '-j', id, '-o', '%T']).split('\n')[0] ?? '';
}

function sacctState(cluster, id) {
  return cli(cluster, ['sacct', '-n', '-X', '-P', '-j', id, '-o', 'State']).split('\n')[0] ?? '';
}

class Recorder {
  constructor(cluster) {
    const key = cluster.toUpperCase();
    this.cluster = cluster;
    this.url = env[`SLURM_${key}_URL`];
    this.keyFile = env[`SLURM_${key}_JWT_KEY`];
    this.dir = join(OUT, cluster);
    mkdirSync(this.dir, { recursive: true });
  }

  async call(method, path, { body, user = 'slurm', auth = true } = {}) {
    const headers = { Accept: 'application/json' };
    if (auth) {
      headers['X-SLURM-USER-TOKEN'] = token(this.keyFile, 'slurm');
      headers['X-SLURM-USER-NAME'] = user;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // keep the text (401 and 404 answers are text/plain)
    }
    return {
      request: { method, path, user: auth ? user : null, body: body ?? null },
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: parsed,
    };
  }

  /** `keep` trims a `jobs` list to this recording's own jobs (the stack is shared). */
  async record(name, method, path, options = {}) {
    const answer = await this.call(method, path, options);
    if (options.keep && Array.isArray(answer.body?.jobs)) {
      answer.body.jobs = answer.body.jobs.filter(options.keep);
    }
    writeFileSync(join(this.dir, `${name}.json`), `${JSON.stringify(answer, null, 2)}\n`);
    console.log(`${this.cluster}/${name}: HTTP ${answer.status}`);
    return answer;
  }
}

/** The OpenAPI document without its schemas: the paths and methods discovery reads. */
function trimOpenApi(answer) {
  const doc = answer.body;
  const paths = {};
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    paths[path] = Object.fromEntries(Object.keys(methods).map((m) => [m, {}]));
  }
  return { ...answer, body: { openapi: doc.openapi, info: doc.info, paths } };
}

function submitBody(version, overrides) {
  const env38 = { PATH: '/usr/bin:/bin' };
  const job = {
    name: 'fx-submit',
    partition: 'normal',
    current_working_directory: '/tmp',
    time_limit: 5,
    hold: true,
    ...overrides,
  };
  const script = '#!/bin/sh\nsleep 60\n';
  if (version === 'v0.0.38') return { script, job: { ...job, environment: env38 } };
  return { job: { ...job, script, environment: ['PATH=/usr/bin:/bin'] } };
}

async function recordCluster(cluster) {
  const r = new Recorder(cluster);
  const openapi = await r.call('GET', '/openapi/v3');
  const versions = Object.keys(openapi.body.paths)
    .map((p) => /^\/slurm\/(v0\.0\.\d+)\//.exec(p)?.[1])
    .filter(Boolean);
  const v = [...new Set(versions)].sort().pop();
  const modern = v !== 'v0.0.38';
  const s = modern ? '/' : '';
  const slurm = (p, collection = false) => `/slurm/${v}/${p}${collection ? s : ''}`;
  const db = (p, collection = false) => `/slurmdb/${v}/${p}${collection ? s : ''}`;
  writeFileSync(join(r.dir, 'openapi.json'), `${JSON.stringify(trimOpenApi(openapi), null, 2)}\n`);

  const ids = {
    run: sbatch(cluster, 'alice', [
      '-J',
      'fx-run',
      '-p',
      'normal',
      '-n',
      '2',
      '--mem=500M',
      '-t',
      '10',
      '--wrap',
      'sleep 300',
    ]),
    gpu: sbatch(cluster, 'bob', [
      '-J',
      'fx-gpu',
      '-p',
      'gpu',
      '--gres=gpu:2',
      '-c',
      '4',
      '--mem-per-cpu=100M',
      '-t',
      '30',
      '--wrap',
      'sleep 300',
    ]),
    array: sbatch(cluster, 'alice', [
      '-J',
      'fx-array',
      '-a',
      '0-3%2',
      '-p',
      'debug',
      '-t',
      '5',
      '-o',
      '/tmp/fx_%A_%a.out',
      '--wrap',
      'sleep 300',
    ]),
    held: sbatch(cluster, 'carol', [
      '-J',
      'fx-held',
      '-H',
      '-p',
      'normal',
      '-t',
      '5',
      '--comment',
      'fixture comment',
      '--wrap',
      'true',
    ]),
    fail: sbatch(cluster, 'alice', [
      '-J',
      'fx-fail',
      '-p',
      'normal',
      '-t',
      '1',
      '--wrap',
      'echo failing; exit 3',
    ]),
    done: sbatch(cluster, 'alice', [
      '-J',
      'fx-done',
      '-p',
      'normal',
      '-t',
      '2',
      '--mem=300M',
      '--wrap',
      'x=$(head -c 60000000 /dev/zero | tr "\\0" a); i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 8; echo ${#x}',
    ]),
  };
  cli(cluster, [
    'scontrol',
    'create',
    'reservation',
    'reservationname=fx_resv',
    'starttime=now+1day',
    'duration=60',
    'nodes=node004',
    'users=alice',
    'flags=maint',
  ]);
  try {
    await waitFor('fx-run to start', () => squeueState(cluster, ids.run) === 'RUNNING');
    await waitFor(
      'fx-fail and fx-done to finish',
      () =>
        ['FAILED', 'COMPLETED'].includes(sacctState(cluster, ids.fail)) &&
        sacctState(cluster, ids.done) === 'COMPLETED',
    );
    await sleep(3000);

    await r.record('ping', 'GET', slurm('ping', true));
    const mine = (job) => String(job.name ?? '').startsWith('fx-');
    const listed = await r.record('jobs', 'GET', slurm('jobs', true), { keep: mine });
    const fxIds = new Set(listed.body.jobs.map((job) => String(job.job_id)));
    const myState = (entry) => fxIds.has(String(entry.job_id).split('_')[0]);
    if (modern) {
      for (const older of ['v0.0.40', 'v0.0.41'].filter((x) => x < v)) {
        await r.record(`jobs-${older}`, 'GET', `/slurm/${older}/jobs/`, { keep: mine });
      }
      await r.record('jobs-state', 'GET', slurm('jobs/state', true), { keep: myState });
      await r.record(
        'jobs-unchanged',
        'GET',
        `${slurm('jobs', true)}?update_time=uts${Math.floor(Date.now() / 1000)}`,
      );
    } else {
      await r.record(
        'jobs-unchanged',
        'GET',
        `${slurm('jobs')}?update_time=${Math.floor(Date.now() / 1000)}`,
      );
    }
    await r.record('job-run', 'GET', slurm(`job/${ids.run}`));
    await r.record('job-array', 'GET', slurm(`job/${ids.array}`));
    await r.record('job-unknown', 'GET', slurm('job/999999'));
    await r.record('nodes', 'GET', slurm('nodes', true));
    await r.record('node-gpu001', 'GET', slurm('node/gpu001'));
    await r.record('node-unknown', 'GET', slurm('node/nosuch'));
    await r.record('partitions', 'GET', slurm('partitions', true));
    await r.record('reservations', 'GET', slurm('reservations', true));
    await r.record('users', 'GET', db('users', true));
    await r.record('user-alice', 'GET', db('user/alice'));
    await r.record('associations', 'GET', db('associations', true));
    await r.record('accounts', 'GET', db('accounts', true));
    await r.record('qos', 'GET', db('qos', true));
    const now = Math.floor(Date.now() / 1000);
    await r.record(
      'db-jobs',
      'GET',
      `${db('jobs', true)}?start_time=uts${now - 3600}&end_time=uts${now + 60}`,
      { keep: mine },
    );
    await r.record('db-job-done', 'GET', db(`job/${ids.done}`));
    await r.record('db-job-fail', 'GET', db(`job/${ids.fail}`));
    const submitted = await r.record('submit', 'POST', slurm('job/submit'), {
      user: 'alice',
      body: submitBody(v, {}),
    });
    await r.record('submit-bad-partition', 'POST', slurm('job/submit'), {
      user: 'alice',
      body: submitBody(v, { partition: 'nosuch' }),
    });
    await r.record('update-denied', 'POST', slurm(`job/${ids.run}`), {
      user: 'alice',
      body: { priority: 99999 },
    });
    await r.record('cancel-other-user', 'DELETE', `${slurm(`job/${ids.run}`)}?signal=SIGKILL`, {
      user: 'bob',
    });
    await r.record('unauthenticated', 'GET', slurm('ping', true), { auth: false });
    const submittedId = submitted.body?.job_id;
    if (submittedId) cli(cluster, ['scancel', String(submittedId)]);
  } finally {
    cli(cluster, ['scancel', ...Object.values(ids)]);
    cli(cluster, ['scontrol', 'delete', 'reservationname=fx_resv']);
  }
}

const wanted = process.argv.slice(2);
for (const cluster of (env.SLURM_CLUSTERS ?? 'main,legacy').split(',')) {
  if (wanted.length === 0 || wanted.includes(cluster)) await recordCluster(cluster);
}
