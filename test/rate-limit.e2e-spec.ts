/**
 * Rate limits end to end: counters in the real Redis shared by two API processes, the
 * X-RateLimit-* headers on every kind of response, 429 with Retry-After, per-IP limits for
 * anonymous callers, and the tier limits.
 */
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope, type HttpResponse } from './helpers/http.js';
import { adminApi, createAdminKey, type AdminApi } from './helpers/principals.js';

let a: ApiServer;
let b: ApiServer;
let admin: AdminApi;
const started: ApiServer[] = [];

function rateHeaders(res: HttpResponse) {
  return {
    limit: Number(res.headers['x-ratelimit-limit']),
    remaining: Number(res.headers['x-ratelimit-remaining']),
    reset: Number(res.headers['x-ratelimit-reset']),
    window: Number(res.headers['x-ratelimit-window']),
  };
}

function expectRateHeaders(res: HttpResponse, limit: number, window = 3600): void {
  const h = rateHeaders(res);
  expect({ limit: h.limit, window: h.window }).toEqual({ limit, window });
  expect(h.remaining).toBeGreaterThanOrEqual(0);
  expect(h.remaining).toBeLessThanOrEqual(limit);
  const now = Math.floor(Date.now() / 1000);
  expect(h.reset).toBeGreaterThanOrEqual(now);
  expect(h.reset).toBeLessThanOrEqual(now + window + 1);
}

beforeAll(async () => {
  [a, b] = await Promise.all([startApi(), startApi()]);
  started.push(a, b);
  admin = adminApi(a.url, await createAdminKey());
});

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

describe('a budget shared by two API processes on one Redis', () => {
  it('counts requests split across both processes against one limit, then answers 429 on both', async () => {
    const p = await admin.principal('user', 'alice', { tier: 'enterprise', customLimit: 6 });
    const remaining: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await client(i % 2 === 0 ? a.url : b.url, { apiKey: p.apiKey }).get('/v1/me');
      expect(res.status).toBe(200);
      expectRateHeaders(res, 6);
      remaining.push(rateHeaders(res).remaining);
    }
    expect(remaining).toEqual([5, 4, 3, 2, 1, 0]);

    for (const server of [a, b]) {
      const refused = await client(server.url, { apiKey: p.apiKey }).get('/v1/me');
      expectEnvelope(refused, 429, 'RATE_LIMIT_EXCEEDED');
      expectRateHeaders(refused, 6);
      expect(rateHeaders(refused).remaining).toBe(0);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(3500);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.body.error.details).toMatchObject({ limit: 6, window_seconds: 3600 });
    }
  });

  it('counts a burst of concurrent requests on both processes exactly: each gets its own count', async () => {
    const p = await admin.principal('user', 'alice', { tier: 'enterprise', customLimit: 30 });
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client(i % 2 === 0 ? a.url : b.url, { apiKey: p.apiKey }).get('/v1/me'),
      ),
    );
    const served = burst.filter((res) => res.status === 200);
    expect(served).toHaveLength(30);
    expect(burst.filter((res) => res.status === 429)).toHaveLength(10);
    const remaining = served.map((res) => rateHeaders(res).remaining).sort((x, y) => x - y);
    expect(remaining).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('keeps budgets of different principals apart', async () => {
    const first = await admin.principal('user', 'bob', { tier: 'enterprise', customLimit: 2 });
    const second = await admin.principal('user', 'bob', { tier: 'enterprise', customLimit: 2 });
    for (let i = 0; i < 2; i += 1) await client(a.url, { apiKey: first.apiKey }).get('/v1/me');
    expect((await client(b.url, { apiKey: first.apiKey }).get('/v1/me')).status).toBe(429);
    const other = await client(b.url, { apiKey: second.apiKey }).get('/v1/me');
    expect(other.status).toBe(200);
    expect(rateHeaders(other).remaining).toBe(1);
  });
});

describe('headers on every response', () => {
  it('are sent on success, 401, 403, 404, validation errors and public routes', async () => {
    const p = await admin.principal('user', 'carol', { scopes: ['jobs:read'] });
    const http = client(a.url, { apiKey: p.apiKey });
    const ok = await http.get('/v1/me');
    expectRateHeaders(ok, 1000);

    const forbidden = await http.get('/v1/admin/clients');
    expectEnvelope(forbidden, 403, 'PERMISSION_DENIED');
    expectRateHeaders(forbidden, 1000);
    expect(rateHeaders(forbidden).remaining).toBe(rateHeaders(ok).remaining - 1);

    const notFound = await http.get('/v1/no/such/route');
    expectEnvelope(notFound, 404, 'RESOURCE_NOT_FOUND');
    expectRateHeaders(notFound, 1000);

    const invalid = await admin.http.get('/v1/admin/clients?limit=0');
    expectEnvelope(invalid, 400, 'VALIDATION_ERROR');
    expect(invalid.headers['x-ratelimit-limit']).toBeDefined();

    // Anonymous and failed calls count per IP (ANON_RATE_LIMIT, 1000000 in the e2e servers).
    const unauthenticated = await client(a.url, { apiKey: 's9sk_nope' }).get('/v1/me');
    expectEnvelope(unauthenticated, 401, 'AUTHENTICATION_FAILED');
    expectRateHeaders(unauthenticated, 1_000_000);
    for (const path of ['/v1/status', '/v1/openapi.json', '/.well-known/jwks.json']) {
      const res = await client(a.url).get(path);
      expect(res.status).not.toBe(429);
      expectRateHeaders(res, 1_000_000);
    }
  });

  it('reflect the tier: free 1,000/h, pro 10,000/h, enterprise custom', async () => {
    for (const [tier, limit, custom] of [
      ['free', 1000, undefined],
      ['pro', 10_000, undefined],
      ['enterprise', 123_456, 123_456],
    ] as const) {
      const p = await admin.principal('user', 'alice', { tier, customLimit: custom });
      expectRateHeaders(await client(b.url, { apiKey: p.apiKey }).get('/v1/me'), limit);
    }
  });
});

describe('anonymous callers', () => {
  let small: ApiServer;

  beforeAll(async () => {
    small = await startApi({ ANON_RATE_LIMIT: '3', RATE_LIMIT_WINDOW_SECONDS: '4' });
    started.push(small);
  });

  it('are limited per IP on public routes, with Retry-After, until the window ends', async () => {
    // startApi's readiness probe counted against this window: start from a fresh one.
    await new Promise((r) => setTimeout(r, 4200));
    const anon = client(small.url);
    for (let i = 0; i < 3; i += 1) {
      const res = await anon.get('/v1/status');
      expect(res.status).not.toBe(429);
      expectRateHeaders(res, 3, 4);
    }
    const refused = await anon.get('/v1/status');
    expectEnvelope(refused, 429, 'RATE_LIMIT_EXCEEDED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(4);
    // The token endpoint is public too and shares the IP budget.
    expect((await anon.post('/oauth/token', { grant_type: 'client_credentials' })).status).toBe(
      429,
    );

    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 200));
    const again = await anon.get('/v1/status');
    expect(again.status).not.toBe(429);
    expect(rateHeaders(again).remaining).toBe(2);
  });
});
