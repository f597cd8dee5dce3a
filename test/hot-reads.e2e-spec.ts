/**
 * The hot-read router (src/hot-reads) answers GET /v1/jobs before Express. Two API processes
 * on one stack — one with it (the default), one with HTTP_HOT_READS=false — must give the same
 * answers to the same requests: headers, bodies, error envelopes, 304s, rate-limit counting.
 * The hot process's s9s_http_hot_reads_total tells which requests it answered itself.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope, type HttpClient, type HttpResponse } from './helpers/http.js';
import { adminApi, createAdminKey, type AdminApi } from './helpers/principals.js';

const NO_LIMIT = { tier: 'enterprise' as const, customLimit: 100_000_000 };
const PAGE = '/v1/jobs?limit=5&sort=job_id&order=asc';

let hot: ApiServer;
let plain: ApiServer;
let admin: AdminApi;
let aliceKey: string;
let metricsReader: HttpClient;

beforeAll(async () => {
  [hot, plain] = await Promise.all([startApi(), startApi({ HTTP_HOT_READS: 'false' })]);
  admin = adminApi(hot.url, await createAdminKey());
  aliceKey = (await admin.principal('user', 'alice', NO_LIMIT)).apiKey;
  metricsReader = client(hot.url, {
    apiKey: (await admin.principal('operator', 'carol', NO_LIMIT)).apiKey,
  });
});

afterAll(async () => {
  await Promise.all([hot?.stop(), plain?.stop()]);
});

/** Requests of GET /v1/jobs the hot process answered itself so far. */
async function hotReads(): Promise<number> {
  const res = await metricsReader.get('/metrics');
  expect(res.status).toBe(200);
  const line = res.text
    .split('\n')
    .find((l) => l.startsWith('s9s_http_hot_reads_total{route="/v1/jobs"}'));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** GET with exactly these headers (besides the API key). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'x-api-key': aliceKey, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Same request to both processes; `served` = whether the hot process answered it itself. */
async function both(
  key: string | undefined,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ hot: HttpResponse; plain: HttpResponse; served: boolean }> {
  const auth = key === undefined ? {} : { apiKey: key };
  const before = await hotReads();
  const fromHot = await client(hot.url, auth).get(path, { headers });
  const served = (await hotReads()) > before;
  const fromPlain = await client(plain.url, auth).get(path, { headers });
  return { hot: fromHot, plain: fromPlain, served };
}

/** Header names of an answer, without those that differ by nature (date, connection). */
function headerNames(res: HttpResponse): string[] {
  const varying = new Set(['date', 'connection', 'keep-alive']);
  return Object.keys(res.headers)
    .filter((name) => !varying.has(name))
    .sort();
}

describe('GET /v1/jobs through the hot-read router', () => {
  it('answers a valid request itself, exactly as Express does', async () => {
    await client(hot.url, { apiKey: aliceKey }).get(PAGE); // first sight of this query string
    const {
      hot: a,
      plain: b,
      served,
    } = await both(aliceKey, PAGE, {
      'X-Request-Id': 'hot-reads-e2e-1',
    });
    expect(served).toBe(true);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(headerNames(a)).toEqual(headerNames(b));
    expect(headerNames(a)).toEqual(
      expect.arrayContaining(['etag', 'age', 'x-data-age', 'x-ratelimit-remaining']),
    );
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect(a.headers['x-request-id']).toBe('hot-reads-e2e-1');
    expect(Number(a.headers['content-length'])).toBe(Buffer.byteLength(a.text));
    expect(Object.keys(a.body as object).sort()).toEqual([
      'has_more',
      'jobs',
      'limit',
      'offset',
      'total',
    ]);
    expect({ limit: a.body.limit, offset: a.body.offset }).toEqual({ limit: 5, offset: 0 });
    expect(a.body.total).toBe(b.body.total);
  });

  it('counts each request once against the rate limit, served here or handed to Express', async () => {
    const p = await admin.principal('user', 'alice', { tier: 'enterprise', customLimit: 4 });
    const api = client(hot.url, { apiKey: p.apiKey });
    const before = await hotReads();
    const remaining: number[] = [];
    for (const path of [PAGE, PAGE, '/v1/jobs?limit=0', PAGE]) {
      remaining.push(Number((await api.get(path)).headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual([3, 2, 1, 0]);
    expect((await hotReads()) - before).toBe(3); // the invalid query went through Express
    const refused = await api.get(PAGE);
    expectEnvelope(refused, 429, 'RATE_LIMIT_EXCEEDED');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('answers 304 to a matching If-None-Match, 200 when the client asks to bypass caches', async () => {
    // Raw requests: fetch adds "Cache-Control: no-cache" to conditional requests.
    const get = (headers: Record<string, string>) => rawGet(`${hot.url}${PAGE}`, headers);
    let etag = (await get({})).headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const before = await hotReads();
    let conditional = await get({ 'if-none-match': etag });
    // The page is rebuilt once a second (running jobs' elapsed time): retry until both
    // requests see the same page.
    for (let i = 0; i < 5 && conditional.status !== 304; i++) {
      etag = (await get({})).headers.etag as string;
      conditional = await get({ 'if-none-match': etag });
    }
    expect(conditional.status).toBe(304);
    expect(conditional.body).toBe('');
    expect(conditional.headers['content-type']).toBeUndefined();
    expect(conditional.headers.etag).toBe(etag);
    expect(conditional.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
    expect((await hotReads()) - before).toBeGreaterThanOrEqual(1);
    const bypass = await get({ 'if-none-match': etag, 'cache-control': 'no-cache' });
    expect(bypass.status).toBe(200);
    expect((JSON.parse(bypass.body) as { jobs: unknown }).jobs).toEqual(expect.any(Array));
  });

  it('leaves every refusal to Express: same envelopes as without the router', async () => {
    const noScope = await admin.principal('user', 'alice', {
      ...NO_LIMIT,
      scopes: ['nodes:read'],
    });
    const cases: [string | undefined, string, number, string][] = [
      [undefined, PAGE, 401, 'AUTHENTICATION_FAILED'],
      ['s9sk_not-a-real-key', PAGE, 401, 'AUTHENTICATION_FAILED'],
      [noScope.apiKey, PAGE, 403, 'PERMISSION_DENIED'],
      [aliceKey, '/v1/jobs?limit=5000', 400, 'VALIDATION_ERROR'],
      [aliceKey, '/v1/jobs?colour=blue', 400, 'VALIDATION_ERROR'],
      [aliceKey, '/v1/jobs?sort=size', 400, 'VALIDATION_ERROR'],
      [aliceKey, '/v1/jobs?cluster=nowhere', 400, 'VALIDATION_ERROR'],
    ];
    for (const [key, path, status, code] of cases) {
      const { hot: a, plain: b, served } = await both(key, path);
      expect({ path, served }).toEqual({ path, served: false });
      expectEnvelope(a, status, code);
      expectEnvelope(b, status, code);
      expect({ path, message: a.body.error.message, details: a.body.error.details }).toEqual({
        path,
        message: b.body.error.message,
        details: b.body.error.details,
      });
      expect(a.headers['www-authenticate']).toBe(b.headers['www-authenticate']);
    }
  });

  it('leaves other methods and routes to Express', async () => {
    const before = await hotReads();
    const api = client(hot.url, { apiKey: aliceKey });
    expect((await api.request('HEAD', PAGE)).status).toBe(200);
    expect((await api.get('/v1/jobs/')).status).toBe(200);
    expect((await api.get('/v1/nodes?limit=1')).status).toBe(200);
    expectEnvelope(await api.post('/v1/jobs', {}), 400, 'VALIDATION_ERROR');
    expect((await hotReads()) - before).toBe(0);
  });

  it('logs and counts what it answers like any request', async () => {
    const id = `hot-reads-log-${Date.now()}`;
    const res = await client(hot.url, { apiKey: aliceKey }).get(PAGE, {
      headers: { 'X-Request-Id': id },
    });
    expect(res.status).toBe(200);
    // The log line is written once the answer is sent: give the pipe a moment.
    let logged: string | undefined;
    for (let i = 0; i < 50 && logged === undefined; i++) {
      logged = hot
        .output()
        .split('\n')
        .find((line) => line.includes(id));
      if (logged === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(logged).toBeDefined();
    expect(JSON.parse(logged ?? '{}')).toEqual(
      expect.objectContaining({ method: 'GET', path: '/v1/jobs', status: 200, request_id: id }),
    );
    const metrics = (await metricsReader.get('/metrics')).text;
    expect(metrics).toMatch(
      /s9s_http_requests_total\{method="GET",route="\/v1\/jobs",status="200"\} [1-9]/,
    );
  });
});
