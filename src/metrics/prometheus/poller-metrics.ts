import { Injectable } from '@nestjs/common';
import { ClusterStateService } from '../../cluster-state/index.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

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
 * The cluster-state series of this process, brought up to date at scrape time: snapshot ages
 * and sizes, whether it is the poller, and the poller's slurmrestd calls. Shared by the API's
 * /metrics and the worker's listener, whichever process polls.
 */
@Injectable()
export class PollerMetrics {
  private readonly mirror = new CounterMirror();

  constructor(
    private readonly metrics: PrometheusMetrics,
    private readonly state: ClusterStateService,
  ) {}

  /** Updates the series; returns the configured cluster names. */
  collect(): string[] {
    const m = this.metrics;
    const all = this.state.stats();
    for (const stats of all) {
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
      for (const [kind, calls] of Object.entries(stats.slurmCalls)) {
        m.pollerCalls.inc({ cluster, kind }, this.mirror.delta(`c:${cluster}:${kind}`, calls));
      }
      for (const [kind, failures] of Object.entries(stats.slurmCallFailures)) {
        m.pollerCallFailures.inc(
          { cluster, kind },
          this.mirror.delta(`f:${cluster}:${kind}`, failures),
        );
      }
    }
    return all.map((stats) => stats.cluster);
  }
}
