/**
 * Access to the slurmrestd answers recorded by scripts/record-fixtures.mjs, and a fake
 * slurmrestd serving them (for tests of the whole client without a cluster).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export type FixtureCluster = 'main' | 'legacy';

export interface Fixture {
  request: { method: string; path: string; user: string | null; body: unknown };
  status: number;
  contentType: string | null;
  body: unknown;
}

const DIR = resolve(process.cwd(), 'libs/slurm-gateway/test-fixtures');

export function fixture(cluster: FixtureCluster, name: string): Fixture {
  return JSON.parse(readFileSync(join(DIR, cluster, `${name}.json`), 'utf8')) as Fixture;
}

/** The recorded body as an object (throws for text bodies). */
export function fixtureBody(cluster: FixtureCluster, name: string): Record<string, unknown> {
  const body = fixture(cluster, name).body;
  if (body === null || typeof body !== 'object') throw new Error(`${cluster}/${name}: no JSON`);
  return body as Record<string, unknown>;
}

/** Items of the recorded list `key` (jobs, nodes, ...). */
export function fixtureItems(
  cluster: FixtureCluster,
  name: string,
  key: string,
): Record<string, unknown>[] {
  const list = fixtureBody(cluster, name)[key];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

export interface FakeSlurmrestd {
  url: string;
  requests: { method: string; url: string; user: string | undefined; body: string }[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolveBody(body));
  });
}

/**
 * Serves a cluster's fixtures by method and path (query ignored), with the cases the
 * recordings distinguish: update_time -> jobs-unchanged, a submit to partition "nosuch"
 * -> submit-bad-partition, a request without token -> unauthenticated.
 */
export async function startFakeSlurmrestd(cluster: FixtureCluster): Promise<FakeSlurmrestd> {
  const all = readdirSync(join(DIR, cluster))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      fx: fixture(cluster, f.replace(/\.json$/, '')),
    }));
  const pick = (name: string): Fixture | undefined => all.find((f) => f.name === name)?.fx;
  const requests: FakeSlurmrestd['requests'] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const user = req.headers['x-slurm-user-name'] as string | undefined;
      requests.push({ method: req.method ?? '', url: req.url ?? '', user, body });
      let fx: Fixture | undefined;
      if (!req.headers['x-slurm-user-token']) fx = pick('unauthenticated');
      else if (url.searchParams.has('update_time')) fx = pick('jobs-unchanged');
      else if (url.pathname.endsWith('/job/submit')) {
        fx = body.includes('"nosuch"') ? pick('submit-bad-partition') : pick('submit');
      } else {
        fx = all.find(
          ({ name, fx: f }) =>
            !['unauthenticated', 'jobs-unchanged'].includes(name) &&
            f.request.method === req.method &&
            f.request.path.split('?')[0] === url.pathname &&
            (f.request.user === 'slurm' || f.request.user === user),
        )?.fx;
      }
      if (!fx) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Unable find requested URL. Please view /openapi/v3 for API reference.');
        return;
      }
      const text =
        typeof fx.body === 'string' ? fx.body : fx.body === null ? '' : JSON.stringify(fx.body);
      res.writeHead(fx.status, fx.contentType ? { 'content-type': fx.contentType } : {});
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
