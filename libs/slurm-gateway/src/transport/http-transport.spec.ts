import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlurmError } from '../slurm.error.js';
import { HttpTransport } from './http-transport.js';
import { SlurmHttp } from './slurm-http.js';
import { StaticTokenSource, type TokenSource } from './token.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function serve(handler: Handler): Promise<{ server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server };
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function http(url: string, tokens: TokenSource = new StaticTokenSource('tok'), timeoutMs = 2000) {
  const transport = new HttpTransport({ cluster: 'c1', baseUrl: url, tokens, retryDelayMs: 1 });
  return {
    transport,
    http: new SlurmHttp(transport, 'alice', { timeoutMs, listTimeoutMs: timeoutMs }),
  };
}

describe('HttpTransport + SlurmHttp', () => {
  let server: Server | undefined;
  let transport: HttpTransport | undefined;
  afterEach(async () => {
    transport?.close();
    if (server) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('sends the token, the acting user, the query and the JSON body', async () => {
    const seen: Record<string, unknown> = {};
    ({ server } = await serve((req, res, body) => {
      Object.assign(seen, {
        method: req.method,
        url: req.url,
        token: req.headers['x-slurm-user-token'],
        user: req.headers['x-slurm-user-name'],
        body,
      });
      json(res, 200, { ok: 1, warnings: [{ description: 'w' }] });
    }));
    const c = http(urlOf(server));
    transport = c.transport;
    const result = await c.http.json('/slurm/v0.0.42/job/1', {
      method: 'POST',
      query: { a: 1, b: undefined },
      body: { hold: true },
    });
    expect(result).toEqual({
      status: 200,
      body: { ok: 1, warnings: [{ description: 'w' }] },
      warnings: ['w'],
    });
    expect(seen).toEqual({
      method: 'POST',
      url: '/slurm/v0.0.42/job/1?a=1',
      token: 'tok',
      user: 'alice',
      body: '{"hold":true}',
    });
  });

  it('turns errors[] inside a 200 into a SlurmError', async () => {
    ({ server } = await serve((_req, res) =>
      json(res, 200, { errors: [{ error_number: 2017, error: 'Invalid job id specified' }] }),
    ));
    const c = http(urlOf(server));
    transport = c.transport;
    await expect(c.http.json('/x')).rejects.toMatchObject({
      kind: 'not_found',
      errorNumber: 2017,
      httpStatus: 200,
      cluster: 'c1',
    });
  });

  it('returns 304 as unchanged without a body', async () => {
    ({ server } = await serve((_req, res) => {
      res.writeHead(304);
      res.end();
    }));
    const c = http(urlOf(server));
    transport = c.transport;
    expect(await c.http.json('/x')).toEqual({ status: 304, body: null, warnings: [] });
  });

  it('retries a GET after 503 but never a POST', async () => {
    let calls = 0;
    ({ server } = await serve((req, res) => {
      calls++;
      if (calls === 1 || req.method === 'POST') json(res, 503, { errors: [{ error: 'busy' }] });
      else json(res, 200, { ok: true });
    }));
    const c = http(urlOf(server));
    transport = c.transport;
    expect((await c.http.json('/x')).body).toEqual({ ok: true });
    expect(calls).toBe(2);
    await expect(c.http.json('/x', { method: 'POST', body: {} })).rejects.toMatchObject({
      kind: 'unavailable',
      httpStatus: 503,
    });
    expect(calls).toBe(3);
  });

  it('never sends a sendOnce request twice, even when the connection is reset', async () => {
    const seen: { method?: string; socket: unknown }[] = [];
    ({ server } = await serve((req, res) => {
      seen.push({ method: req.method, socket: req.socket });
      if (req.method === 'POST')
        req.socket.destroy(); // the answer is lost
      else json(res, 200, { ok: true });
    }));
    const c = http(urlOf(server));
    transport = c.transport;
    await c.http.json('/warm'); // leaves a keep-alive socket a POST could reuse
    const err: unknown = await c.http
      .json('/slurm/v0.0.42/job/submit', { method: 'POST', body: {}, sendOnce: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', httpStatus: null });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'POST']);
    expect(seen[1].socket).toBe(seen[0].socket); // the reset of a reused socket
  });

  it('reports a dead port as unavailable', async () => {
    ({ server } = await serve(() => undefined));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const c = http(`http://127.0.0.1:${port}`);
    transport = c.transport;
    const err: unknown = await c.http.json('/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlurmError);
    expect(err).toMatchObject({ kind: 'unavailable', httpStatus: null });
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('times out a silent server as unavailable, without retrying', async () => {
    let calls = 0;
    ({ server } = await serve(() => {
      calls++; // never answers
    }));
    const c = http(urlOf(server), undefined, 150);
    transport = c.transport;
    await expect(c.http.json('/slow')).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/within 150 ms/),
    });
    expect(calls).toBe(1);
    server.closeAllConnections();
  });

  it('renews the token once after a 401', async () => {
    const tokens = ['old', 'new'];
    let invalidated = 0;
    const source: TokenSource = {
      token: () => Promise.resolve(tokens[invalidated] ?? 'none'),
      invalidate: () => invalidated++,
    };
    ({ server } = await serve((req, res) => {
      if (req.headers['x-slurm-user-token'] === 'new') json(res, 200, { ok: 1 });
      else {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end('Authentication failure');
      }
    }));
    const c = http(urlOf(server), source);
    transport = c.transport;
    expect((await c.http.json('/x')).body).toEqual({ ok: 1 });
    expect(invalidated).toBe(1);
  });

  it('reports a persistent 401 as unauthorized with the text message', async () => {
    ({ server } = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Authentication failure');
    }));
    const c = http(urlOf(server));
    transport = c.transport;
    await expect(c.http.json('/x')).rejects.toMatchObject({
      kind: 'unauthorized',
      httpStatus: 401,
      message: 'Authentication failure',
    });
  });

  it('streams the items of a list and keeps the rest of the object', async () => {
    const jobs = Array.from({ length: 300 }, (_, i) => ({ job_id: i, name: `j${i}` }));
    ({ server } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = JSON.stringify({ meta: { v: 1 }, jobs, last_update: 5, errors: [] });
      // Trickle the answer in small pieces.
      let i = 0;
      const next = (): void => {
        if (i >= text.length) return void res.end();
        res.write(text.slice(i, i + 997));
        i += 997;
        setImmediate(next);
      };
      next();
    }));
    const c = http(urlOf(server));
    transport = c.transport;
    const seen: unknown[] = [];
    const result = await c.http.stream('/jobs', 'jobs', (item) => seen.push(item));
    expect(seen).toEqual(jobs);
    expect(result.count).toBe(300);
    expect(result.rest).toEqual({ meta: { v: 1 }, jobs: [], last_update: 5, errors: [] });
  });

  it('reports a failed list with its upstream error', async () => {
    ({ server } = await serve((_req, res) =>
      json(res, 500, {
        errors: [{ error_number: 1800, error: 'Unable to contact slurm controller' }],
      }),
    ));
    const c = http(urlOf(server));
    transport = c.transport;
    await expect(c.http.stream('/jobs', 'jobs', () => undefined)).rejects.toMatchObject({
      kind: 'unavailable',
      errorNumber: 1800,
      httpStatus: 500,
    });
  });
});
