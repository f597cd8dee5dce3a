import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../config/index.js';
import { PrometheusMetrics } from './prometheus-metrics.js';
import { SlurmrestdObserver } from './slurmrestd-observer.js';

function get(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('SlurmrestdObserver', () => {
  let server: http.Server;
  let port: number;
  let closedPort: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.statusCode = req.url?.includes('/jobs/') ? 500 : 200;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('counts and times calls to configured clusters only, with errors by reason', async () => {
    const metrics = new PrometheusMetrics();
    const config = {
      clusters: [
        { name: 'main', url: `http://127.0.0.1:${port}` },
        { name: 'legacy', url: `http://127.0.0.1:${closedPort}` },
      ],
    } as unknown as AppConfig;
    const observer = new SlurmrestdObserver(config, metrics);
    observer.onModuleInit();
    try {
      expect(await get(`http://127.0.0.1:${port}/slurm/v0.0.42/job/17`)).toBe(200);
      expect(await get(`http://127.0.0.1:${port}/slurm/v0.0.42/jobs/`)).toBe(500);
      expect(await get(`http://127.0.0.1:${closedPort}/slurm/v0.0.38/ping`)).toBe('ECONNREFUSED');
      expect(await get(`http://localhost:${port}/slurm/v0.0.42/job/17`)).toBe(200);
    } finally {
      observer.onModuleDestroy();
    }
    await new Promise((resolve) => setImmediate(resolve));

    const requests = await metrics.slurmrestdRequests.get();
    expect(requests.values.map((v) => [v.labels, v.value])).toEqual([
      [{ cluster: 'main', endpoint: 'slurm/job', method: 'GET', status: '200' }, 1],
      [{ cluster: 'main', endpoint: 'slurm/jobs', method: 'GET', status: '500' }, 1],
      [{ cluster: 'legacy', endpoint: 'slurm/ping', method: 'GET', status: 'error' }, 1],
    ]);
    const errors = await metrics.slurmrestdErrors.get();
    expect(errors.values.map((v) => [v.labels, v.value])).toEqual([
      [{ cluster: 'main', endpoint: 'slurm/jobs', reason: 'http_500' }, 1],
      [{ cluster: 'legacy', endpoint: 'slurm/ping', reason: 'econnrefused' }, 1],
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /s9s_slurmrestd_request_duration_seconds_count\{cluster="main",endpoint="slurm\/job",method="GET"\} 1/,
    );
  });
});
