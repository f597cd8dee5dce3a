import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureBody, fixtureItems } from '../../test-fixtures/fixtures.js';
import { jobFromV0040 } from '../adapters/v0040/job.js';
import { SlurmGateway } from '../slurm-gateway.js';

/**
 * A big job list (thousands of 24.11 job records) must not block the event loop the way
 * one JSON.parse of the whole answer would: jobs are parsed and normalised as they arrive.
 */
describe('a large job list', () => {
  const COUNT = 4000;
  let server: Server;
  let url: string;
  let template: Record<string, unknown>;
  const item = (i: number): string =>
    JSON.stringify({ ...template, job_id: 100000 + i, name: `big-${i}` });

  beforeAll(async () => {
    const found = fixtureItems('main', 'jobs', 'jobs').find((j) => j.name === 'fx-run');
    if (!found) throw new Error('fx-run missing in the main fixture');
    template = found;
    const head = JSON.stringify({ ...fixtureBody('main', 'jobs'), jobs: [] }).replace(
      /"jobs":\[\][,}]/,
      '',
    );
    const openapi = JSON.stringify(fixtureBody('main', 'openapi'));
    const ping = JSON.stringify(fixtureBody('main', 'ping'));
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.startsWith('/openapi')) return void res.end(openapi);
      if (req.url?.includes('/ping')) return void res.end(ping);
      // Stream the list the way slurmrestd does: in pieces, without building it whole.
      res.write(`${head.slice(0, -1)},"jobs":[`);
      let i = 0;
      const more = (): void => {
        while (i < COUNT) {
          const ok = res.write(`${i === 0 ? '' : ','}${item(i)}`);
          i++;
          if (!ok) return void res.once('drain', more);
        }
        res.end(']}');
      };
      more();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('is normalised job by job while the event loop keeps turning', async () => {
    const gateway = new SlurmGateway({ clusters: [{ name: 'big', url, token: 't' }] });
    const client = gateway.client('big');
    await client.info();
    await client.listJobs(); // warm-up: compile the hot paths before measuring
    let maxGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 2);
    try {
      const result = await client.listJobs();
      expect(result.jobs).toHaveLength(COUNT);
      expect(result.jobs[COUNT - 1]).toMatchObject({
        id: String(100000 + COUNT - 1),
        user: 'alice',
      });
    } finally {
      clearInterval(timer);
      gateway.close();
    }
    // What reading the answer in one piece would cost: one JSON.parse of the ~20 MB and
    // normalising every job, without a break. The stream's longest pause must be shorter
    // (measured against this rather than a fixed number: CI machines are slow and busy).
    const whole = `{"jobs":[${Array.from({ length: COUNT }, (_, i) => item(i)).join(',')}]}`;
    const start = Date.now();
    const parsed = JSON.parse(whole) as { jobs: Record<string, unknown>[] };
    parsed.jobs.map((raw) => jobFromV0040(raw, 'big'));
    const blocking = Date.now() - start;
    expect(maxGap).toBeLessThan(blocking);
  }, 60_000);
});
