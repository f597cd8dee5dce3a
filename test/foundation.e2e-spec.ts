/**
 * The application skeleton against the live stack: status and clusters of both Slurm
 * generations, the error envelope for every kind of failure, request ids, OpenAPI and the
 * documentation pages, configuration errors, logs and graceful shutdown.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { distDir, freePort, spawnApi, startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope, type HttpClient } from './helpers/http.js';
import { createAdminKey } from './helpers/principals.js';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '..');

let api: ApiServer;
let anonymous: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  api = await startApi();
  anonymous = client(api.url);
  admin = client(api.url, { apiKey: await createAdminKey() });
});

afterAll(async () => {
  await api?.stop();
});

describe('GET /v1/status', () => {
  it('answers 200 with both clusters, their versions, Postgres and Redis', async () => {
    const res = await anonymous.get('/v1/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      database: { status: 'up' },
      redis: { status: 'up' },
      down: [],
    });
    const byName = Object.fromEntries(res.body.clusters.map((c: { name: string }) => [c.name, c]));
    expect(Object.keys(byName)).toEqual(['main', 'legacy']);
    expect(byName.main).toMatchObject({
      reachable: true,
      slurm_version: expect.stringMatching(/^24\.11\.\d+/),
      api_version: expect.stringMatching(/^v0\.0\.4[0-2]$/),
    });
    expect(byName.legacy).toMatchObject({
      reachable: true,
      slurm_version: expect.stringMatching(/^22\.05\.\d+/),
      api_version: 'v0.0.38',
    });
  });

  it('reports the versions the Slurm CLI reports', async () => {
    const res = await anonymous.get('/v1/status');
    for (const cluster of res.body.clusters) {
      const { stdout } = await run(resolve(REPO, 'scripts/slurm'), [cluster.name, 'sinfo', '-V']);
      // "slurm 24.11.5" or, from Debian's packages, "slurm-wlm 24.11.5"
      expect(stdout.trim().split(' ').pop()).toBe(cluster.slurm_version);
    }
  });
});

describe('GET /v1/clusters', () => {
  it('lists both clusters with versions and capabilities', async () => {
    const res = await admin.get('/v1/clusters');
    expect(res.status).toBe(200);
    const [main, legacy] = res.body.clusters;
    expect(main).toMatchObject({
      name: 'main',
      default: true,
      reachable: true,
      slurm_version: expect.stringMatching(/^24\.11\./),
      capabilities: { node_update: 'rest', accounting: true, job_state_query: true },
    });
    expect(legacy).toMatchObject({
      name: 'legacy',
      default: false,
      reachable: true,
      slurm_version: expect.stringMatching(/^22\.05\./),
      api_version: 'v0.0.38',
      capabilities: { node_update: 'scontrol', accounting: true, job_state_query: false },
    });
  });

  it('accepts ?cluster= and GET /v1/clusters/{name}', async () => {
    const one = await admin.get('/v1/clusters?cluster=legacy');
    expect(one.status).toBe(200);
    expect(one.body.clusters.map((c: { name: string }) => c.name)).toEqual(['legacy']);
    const single = await admin.get('/v1/clusters/main');
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ name: 'main', capabilities: { node_update: 'rest' } });
  });

  it('answers an unknown cluster with 400 VALIDATION_ERROR naming the parameter', async () => {
    for (const path of ['/v1/clusters?cluster=nosuch', '/v1/clusters/nosuch']) {
      const res = await admin.get(path);
      expectEnvelope(res, 400, 'VALIDATION_ERROR');
      expect(res.body.error.details.fields[0].field).toBe('cluster');
      expect(res.body.error.message).toContain('nosuch');
    }
  });
});

describe('the error envelope', () => {
  it('validation: 400 VALIDATION_ERROR with the failing fields', async () => {
    const res = await admin.get('/v1/clusters?bogus=1');
    expectEnvelope(res, 400, 'VALIDATION_ERROR');
    expect(res.body.error.details.fields).toEqual(
      expect.arrayContaining([{ field: 'bogus', messages: ['property bogus should not exist'] }]),
    );
  });

  it('unknown route: 404 RESOURCE_NOT_FOUND', async () => {
    for (const path of ['/v1/no/such/route', '/nowhere', '/v2/status']) {
      const res = await anonymous.get(path);
      expectEnvelope(res, 404, 'RESOURCE_NOT_FOUND');
    }
    expectEnvelope(await anonymous.del('/v1/status'), 404, 'RESOURCE_NOT_FOUND');
  });

  it('malformed JSON: 400 INVALID_REQUEST', async () => {
    const res = await admin.post('/v1/clusters', undefined, { raw: '{"job_name": "x",' });
    expectEnvelope(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.message).toBe('Malformed JSON in request body');
  });

  it('too large a body: 413 INVALID_REQUEST', async () => {
    const res = await anonymous.post('/v1/status', { blob: 'x'.repeat(2 * 1024 * 1024) });
    expectEnvelope(res, 413, 'INVALID_REQUEST');
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const mine = await anonymous.get('/v1/nowhere', {
      headers: { 'X-Request-Id': 'e2e-trace.42' },
    });
    expect(mine.headers['x-request-id']).toBe('e2e-trace.42');
    expect(mine.body.error.request_id).toBe('e2e-trace.42');
    const ok = await anonymous.get('/v1/status', { headers: { 'X-Request-Id': 'e2e-status-1' } });
    expect(ok.headers['x-request-id']).toBe('e2e-status-1');
    const unsafe = await anonymous.get('/v1/nowhere', { headers: { 'X-Request-Id': '<x y>' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^req_[A-Za-z0-9_-]+$/);
    expect(unsafe.body.error.request_id).toBe(unsafe.headers['x-request-id']);
  });

  it('logs one JSON access line per request with its request id', async () => {
    await anonymous.get('/v1/status', { headers: { 'X-Request-Id': 'e2e-log-check' } });
    await new Promise((r) => setTimeout(r, 200));
    const lines = api
      .output()
      .split('\n')
      .filter((line) => line.includes('e2e-log-check'));
    expect(lines.length).toBeGreaterThan(0);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      level: 'log',
      context: 'HTTP',
      method: 'GET',
      path: '/v1/status',
      status: 200,
      request_id: 'e2e-log-check',
    });
  });
});

describe('a cluster that cannot be reached', () => {
  let broken: ApiServer;

  beforeAll(async () => {
    const deadPort = await freePort();
    broken = await startApi({
      SLURM_LEGACY_URL: `http://127.0.0.1:${deadPort}`,
      REDOC_SCRIPT_URL: 'https://static.example.org/redoc.standalone.js',
    });
  });

  afterAll(async () => {
    await broken?.stop();
  });

  it('makes /v1/status answer 503 naming it', async () => {
    const res = await client(broken.url).get('/v1/status');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('degraded');
    expect(res.body.down).toEqual(['cluster:legacy']);
    const legacy = res.body.clusters.find((c: { name: string }) => c.name === 'legacy');
    expect(legacy).toMatchObject({ reachable: false, slurm_version: null });
    expect(legacy.error).toContain('legacy');
    const main = res.body.clusters.find((c: { name: string }) => c.name === 'main');
    expect(main.reachable).toBe(true);
  });

  it('answers SLURM_ERROR 503 with the cluster in the details', async () => {
    const key = await createAdminKey();
    const res = await client(broken.url, { apiKey: key }).get('/v1/clusters/legacy');
    expectEnvelope(res, 503, 'SLURM_ERROR');
    expect(res.body.error.details).toMatchObject({ cluster: 'legacy', slurm_error: 'unavailable' });
    expect(res.body.error.message).toContain('legacy');
    const list = await client(broken.url, { apiKey: key }).get('/v1/clusters');
    expect(list.status).toBe(200);
    expect(list.body.clusters.map((c: { reachable: boolean }) => c.reachable)).toEqual([
      true,
      false,
    ]);
  });

  it('serves ReDoc with the configured script URL', async () => {
    const res = await client(broken.url).get('/redoc');
    expect(res.status).toBe(200);
    expect(res.text).toContain('src="https://static.example.org/redoc.standalone.js"');
  });
});

describe('OpenAPI and documentation', () => {
  it('serves OpenAPI 3 as JSON with security schemes, summaries and errors', async () => {
    const res = await anonymous.get('/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/status', '/v1/clusters', '/v1/clusters/{name}']),
    );
    const schemes = doc.components.securitySchemes;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(Object.keys(schemes.oauth2.flows.clientCredentials.scopes).sort()).toEqual(
      [
        'admin',
        'exports',
        'jobs:read',
        'jobs:write',
        'metrics:read',
        'nodes:read',
        'nodes:write',
        'reports',
        'users:read',
      ].sort(),
    );
    expect(schemes.oauth2.flows.clientCredentials.tokenUrl).toBe('/oauth/token');
    expect(doc.paths['/v1/status'].get.security).toEqual([]);
    const clusters = doc.paths['/v1/clusters/{name}'].get;
    expect(clusters.responses['400'].content['application/json'].examples).toHaveProperty(
      'VALIDATION_ERROR',
    );
    expect(clusters.responses['503'].content['application/json'].examples).toHaveProperty(
      'SLURM_ERROR',
    );
    expect(doc.components.schemas.ErrorEnvelopeDto).toBeDefined();
  });

  it('gives every operation of the API a summary', async () => {
    const doc = (await anonymous.get('/v1/openapi.json')).body;
    const missing: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { summary?: string }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation.summary) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves the same document as YAML', async () => {
    const json = (await anonymous.get('/v1/openapi.json')).body;
    const res = await anonymous.get('/v1/openapi.yaml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/yaml/);
    expect(parseYaml(res.text)).toEqual(json);
  });

  it('serves Swagger UI at /docs and ReDoc at /redoc', async () => {
    const docs = await anonymous.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
    const redoc = await anonymous.get('/redoc');
    expect(redoc.status).toBe(200);
    expect(redoc.text).toContain('<redoc spec-url="/v1/openapi.json">');
    expect(redoc.text).toContain('cdn.jsdelivr.net/npm/redoc');
  });
});

describe('process lifecycle', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SLURM_LEGACY_JWT_KEY: '/nonexistent/jwt.key' }, 'SLURM_LEGACY_JWT_KEY'],
    [{ SLURM_CLUSTERS: '' }, 'SLURM_CLUSTERS'],
    [{ DATABASE_URL: 'mysql://s9s:hunter2@127.0.0.1/s9s' }, 'DATABASE_URL'],
  ])('a bad configuration %j exits 1 naming the variable', async (env, variable) => {
    const proc = await spawnApi(env);
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain(`${variable}:`);
    expect(proc.output()).not.toContain('hunter2');
    expect(proc.output()).not.toContain('NestFactory');
  });

  it('SIGTERM closes the API gracefully with exit 0', async () => {
    const server = await startApi();
    expect((await client(server.url).get('/v1/status')).status).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('Shutdown complete');
  });

  it('the worker starts without HTTP and stops on SIGTERM with exit 0', async () => {
    const worker = await spawnApi({}, resolve(distDir(), 'src/worker.js'));
    const deadline = Date.now() + 60_000;
    while (!worker.output().includes('S9S worker started') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(worker.output()).toContain('S9S worker started');
    await expect(fetch(`http://127.0.0.1:${worker.port}/v1/status`)).rejects.toThrow();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('the migration runner reports what it applied and is idempotent', async () => {
    const migrate = resolve(distDir(), 'src/database/migrate.js');
    await run(process.execPath, [migrate], { cwd: REPO });
    const { stdout } = await run(process.execPath, [migrate], { cwd: REPO });
    expect(JSON.parse(stdout)).toEqual({ count: 0, names: [] });
  });
});
