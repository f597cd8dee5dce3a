import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../../common/async/with-timeout.js';
import { ClusterStateService } from '../../cluster-state/index.js';
import { QUEUE_PREFIX, QueueName } from '../../queues/queue-names.js';
import { RedisService } from '../../redis/redis.service.js';
import { MetricsSampler } from '../sampler/metrics-sampler.service.js';
import { clusterSeries } from './cluster-series.js';
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

/** Monotonic counters kept elsewhere, exported as Prometheus counters (by increments). */
class CounterMirror {
  private readonly seen = new Map<string, number>();

  /** How much `key` grew since the last call (its full value on the first). */
  delta(key: string, value: number): number {
    const before = this.seen.get(key) ?? 0;
    this.seen.set(key, value);
    return value >= before ? value - before : value;
  }
}

/**
 * Brings the gauges up to date at scrape time (snapshots, cluster series, queues, leaders)
 * and renders the registry.
 */
@Injectable()
export class PrometheusCollector implements OnModuleDestroy {
  private readonly mirror = new CounterMirror();
  private queues: Queue[] | null = null;

  constructor(
    private readonly metrics: PrometheusMetrics,
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
    const sampled = new Set(this.sampler.sampledClusters());
    for (const stats of this.state.stats()) {
      const { cluster } = stats;
      for (const [kind, age] of [
        ['jobs', stats.jobs.ageSeconds],
        ['nodes', stats.nodes.ageSeconds],
      ] as const) {
        m.snapshotAge.set({ cluster, kind }, Number.isFinite(age) ? age : -1);
      }
      m.snapshotItems.set({ cluster, kind: 'jobs' }, stats.jobs.count);
      m.snapshotItems.set({ cluster, kind: 'nodes' }, stats.nodes.count);
      m.pollerLeader.set({ cluster }, stats.leader ? 1 : 0);
      m.samplerLeader.set({ cluster }, sampled.has(cluster) ? 1 : 0);
      for (const [kind, calls] of Object.entries(stats.slurmCalls)) {
        m.pollerCalls.inc({ cluster, kind }, this.mirror.delta(`c:${cluster}:${kind}`, calls));
      }
      for (const [kind, failures] of Object.entries(stats.slurmCallFailures)) {
        m.pollerCallFailures.inc(
          { cluster, kind },
          this.mirror.delta(`f:${cluster}:${kind}`, failures),
        );
      }
      const series = clusterSeries(this.state.nodes(cluster).all(), this.state.jobs(cluster).all());
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
