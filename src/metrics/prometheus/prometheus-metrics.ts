import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CLUSTER_SERIES_HELP, NODE_SERIES, QUEUE_SERIES, seriesHelp } from './cluster-series.js';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Every series /metrics exposes, in one registry of this process. */
@Injectable()
export class PrometheusMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 's9s_http_requests_total',
    help: 'HTTP requests served, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 's9s_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpHotReads = new Counter({
    name: 's9s_http_hot_reads_total',
    help: 'Requests of hot-read routes answered before Express (HTTP_HOT_READS), by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  readonly slurmrestdRequests = new Counter({
    name: 's9s_slurmrestd_requests_total',
    help: 'Requests to slurmrestd by cluster, endpoint, method and HTTP status ("error" = no answer)',
    labelNames: ['cluster', 'endpoint', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly slurmrestdDuration = new Histogram({
    name: 's9s_slurmrestd_request_duration_seconds',
    help: 'Time from sending a slurmrestd request to the end of its answer',
    labelNames: ['cluster', 'endpoint', 'method'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly slurmrestdErrors = new Counter({
    name: 's9s_slurmrestd_errors_total',
    help: 'slurmrestd requests that failed: connection errors (by code) and 5xx answers',
    labelNames: ['cluster', 'endpoint', 'reason'] as const,
    registers: [this.registry],
  });

  readonly snapshotAge = new Gauge({
    name: 's9s_snapshot_age_seconds',
    help: 'Seconds since the job/node snapshot was last confirmed with Slurm (-1 = never)',
    labelNames: ['cluster', 'kind'] as const,
    registers: [this.registry],
  });

  readonly snapshotItems = new Gauge({
    name: 's9s_snapshot_items',
    help: 'Jobs or nodes held in the snapshot',
    labelNames: ['cluster', 'kind'] as const,
    registers: [this.registry],
  });

  readonly pollerLeader = new Gauge({
    name: 's9s_cluster_state_leader',
    help: '1 when this process polls the cluster for the snapshots',
    labelNames: ['cluster'] as const,
    registers: [this.registry],
  });

  readonly pollerCalls = new Counter({
    name: 's9s_cluster_state_slurm_calls_total',
    help: 'slurmrestd calls made by the snapshot poller, by kind',
    labelNames: ['cluster', 'kind'] as const,
    registers: [this.registry],
  });

  readonly pollerCallFailures = new Counter({
    name: 's9s_cluster_state_slurm_call_failures_total',
    help: 'Failed slurmrestd calls of the snapshot poller, by kind',
    labelNames: ['cluster', 'kind'] as const,
    registers: [this.registry],
  });

  readonly samplerLeader = new Gauge({
    name: 's9s_metrics_sampler_leader',
    help: '1 when this process records the utilization samples of the cluster',
    labelNames: ['cluster'] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 's9s_queue_jobs',
    help: 'Background jobs per BullMQ queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  /** Open WebSocket connections; the realtime gateway increments and decrements it. */
  readonly websocketConnections = new Gauge({
    name: 's9s_websocket_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });

  /** slurm_* series named like prometheus-slurm-exporter's, with a `cluster` label. */
  readonly clusterGauges = new Map<string, Gauge<'cluster'>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const names = [
      ...NODE_SERIES.map((s) => `slurm_nodes_${s}`),
      ...QUEUE_SERIES.map((s) => `slurm_queue_${s}`),
      ...Object.keys(CLUSTER_SERIES_HELP),
    ];
    for (const name of names) {
      this.clusterGauges.set(
        name,
        new Gauge({
          name,
          help: seriesHelp(name),
          labelNames: ['cluster'],
          registers: [this.registry],
        }),
      );
    }
    this.websocketConnections.set(0);
  }
}
