import type { ClientRequest, IncomingMessage } from 'node:http';
import diagnostics from 'node:diagnostics_channel';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/index.js';
import { PrometheusMetrics } from './prometheus-metrics.js';
import { hostKey, slurmrestdEndpoint } from './slurmrestd-endpoint.js';

const START = 'http.client.request.start';
const RESPONSE = 'http.client.response.finish';
const ERROR = 'http.client.request.error';

interface Tracked {
  cluster: string;
  endpoint: string;
  method: string;
  started: bigint;
}

/**
 * Measures every HTTP call to a configured slurmrestd, whoever makes it (library, poller,
 * services), through Node's http diagnostics channels: the library needs no hooks, and a
 * call cannot escape the count.
 */
@Injectable()
export class SlurmrestdObserver implements OnModuleInit, OnModuleDestroy {
  private readonly clusterByHost = new Map<string, string>();
  private readonly inFlight = new WeakMap<ClientRequest, Tracked>();

  constructor(
    config: AppConfig,
    private readonly metrics: PrometheusMetrics,
  ) {
    for (const cluster of config.clusters) {
      const key = hostKey(cluster.url);
      if (key) this.clusterByHost.set(key, cluster.name);
    }
  }

  onModuleInit(): void {
    diagnostics.subscribe(START, this.onStart);
    diagnostics.subscribe(RESPONSE, this.onResponse);
    diagnostics.subscribe(ERROR, this.onError);
  }

  onModuleDestroy(): void {
    diagnostics.unsubscribe(START, this.onStart);
    diagnostics.unsubscribe(RESPONSE, this.onResponse);
    diagnostics.unsubscribe(ERROR, this.onError);
  }

  private readonly onStart = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    const cluster = this.clusterOf(request);
    if (cluster === undefined) return;
    this.inFlight.set(request, {
      cluster,
      endpoint: slurmrestdEndpoint(request.path),
      method: request.method,
      started: process.hrtime.bigint(),
    });
  };

  private readonly onResponse = (message: unknown): void => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const tracked = this.inFlight.get(request);
    if (!tracked) return;
    this.inFlight.delete(request);
    const status = response.statusCode ?? 0;
    // The answer may be a long streamed list: time it to its end, not to its headers.
    response.once('close', () => {
      const { cluster, endpoint, method } = tracked;
      const seconds = Number(process.hrtime.bigint() - tracked.started) / 1e9;
      this.metrics.slurmrestdDuration.observe({ cluster, endpoint, method }, seconds);
      this.metrics.slurmrestdRequests.inc({ cluster, endpoint, method, status: String(status) });
      if (status >= 500) {
        this.metrics.slurmrestdErrors.inc({ cluster, endpoint, reason: `http_${status}` });
      }
    });
  };

  private readonly onError = (message: unknown): void => {
    const { request, error } = message as { request: ClientRequest; error: unknown };
    const tracked = this.inFlight.get(request);
    if (!tracked) return;
    this.inFlight.delete(request);
    const { cluster, endpoint, method } = tracked;
    const code = (error as { code?: unknown } | null)?.code;
    const reason = typeof code === 'string' ? code.toLowerCase() : 'error';
    this.metrics.slurmrestdRequests.inc({ cluster, endpoint, method, status: 'error' });
    this.metrics.slurmrestdErrors.inc({ cluster, endpoint, reason });
  };

  private clusterOf(request: ClientRequest): string | undefined {
    const header = request.getHeader('host');
    const host = typeof header === 'string' ? header : request.host;
    const withPort = host.includes(':')
      ? host
      : `${host}:${request.protocol === 'https:' ? 443 : 80}`;
    return this.clusterByHost.get(withPort);
  }
}
