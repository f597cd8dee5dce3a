import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '../../config/index.js';
import { PollerMetrics } from './poller-metrics.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/**
 * The worker's Prometheus exposition: GET /metrics on WORKER_METRICS_HOST:WORKER_METRICS_PORT
 * (no listener when the port is unset). A bare node:http server, not Nest's HTTP stack: the
 * worker serves nothing else, and the scrape stays outside the API's auth (bind it to a
 * private address).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: PrometheusMetrics,
    private readonly poller: PollerMetrics,
  ) {}

  /** Listens before the worker reports itself started; a port in use stops the start. */
  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort: port, metricsHost: host } = this.config.worker;
    if (port === undefined) return;
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Prometheus metrics on http://${hostPort(host, port)}/metrics`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') return end(res, 404, 'text/plain', 'not found: try /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return end(res, 405, 'text/plain', 'method not allowed\n');
    }
    try {
      this.poller.collect();
      const body = await this.metrics.registry.metrics();
      end(res, 200, this.metrics.registry.contentType, req.method === 'HEAD' ? '' : body);
    } catch (error) {
      this.logger.error(`rendering the metrics failed: ${String(error)}`);
      end(res, 500, 'text/plain', 'metrics unavailable\n');
    }
  }
}

function end(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
