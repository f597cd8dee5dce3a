import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../../common/async/with-timeout.js';
import { ClusterStateService } from '../../cluster-state/index.js';
import { QUEUE_PREFIX, QueueName } from '../../queues/queue-names.js';
import { RedisService } from '../../redis/redis.service.js';
import { MetricsSampler } from '../sampler/metrics-sampler.service.js';
import { clusterSeries } from './cluster-series.js';
import { PollerMetrics } from './poller-metrics.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'prioritized',
  'waiting-children',
] as const;
const QUEUE_READ_TIMEOUT_MS = 2000;

/**
 * Brings the gauges up to date at scrape time (snapshots, cluster series, queues, leaders)
 * and renders the registry.
 */
@Injectable()
export class PrometheusCollector implements OnModuleDestroy {
  private queues: Queue[] | null = null;

  constructor(
    private readonly metrics: PrometheusMetrics,
    private readonly poller: PollerMetrics,
    private readonly state: ClusterStateService,
    private readonly sampler: MetricsSampler,
    private readonly redis: RedisService,
  ) {}

  get contentType(): string {
    return this.metrics.registry.contentType;
  }

  async render(): Promise<string> {
    this.collectClusterState();
    await this.collectQueues();
    return this.metrics.registry.metrics();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all((this.queues ?? []).map((q) => q.close().catch(() => undefined)));
  }

  private collectClusterState(): void {
    const m = this.metrics;
    const clusters = this.poller.collect();
    const sampled = new Set(this.sampler.sampledClusters());
    for (const cluster of clusters) {
      m.samplerLeader.set({ cluster }, sampled.has(cluster) ? 1 : 0);
      const series = clusterSeries(
        this.state.nodes(cluster).list(),
        this.state.jobs(cluster).list(),
      );
      for (const [name, value] of series) m.clusterGauges.get(name)?.set({ cluster }, value);
    }
  }

  private async collectQueues(): Promise<void> {
    this.queues ??= Object.values(QueueName as Record<string, string>).map(
      (name) => new Queue(name, { connection: this.redis.redis, prefix: QUEUE_PREFIX }),
    );
    await Promise.all(
      this.queues.map(async (queue) => {
        try {
          const counts = await withTimeout(
            queue.getJobCounts(...QUEUE_STATES),
            QUEUE_READ_TIMEOUT_MS,
            `queue ${queue.name}`,
          );
          for (const state of QUEUE_STATES) {
            this.metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
          }
        } catch {
          // Redis unreachable: leave the last values; the scrape itself must still answer.
        }
      }),
    );
  }
}
