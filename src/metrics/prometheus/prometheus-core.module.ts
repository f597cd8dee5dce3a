import { Module } from '@nestjs/common';
import { PollerMetrics } from './poller-metrics.js';
import { PrometheusMetrics } from './prometheus-metrics.js';
import { SlurmrestdObserver } from './slurmrestd-observer.js';

/**
 * The process's Prometheus registry and what fills it without HTTP: every slurmrestd call
 * (SlurmrestdObserver) and the cluster-state poller's series. Imported by MetricsModule (API)
 * and WorkerMetricsModule (worker), so both expose the same names. Needs ClusterStateModule.
 */
@Module({
  providers: [PrometheusMetrics, SlurmrestdObserver, PollerMetrics],
  exports: [PrometheusMetrics, PollerMetrics],
})
export class PrometheusCoreModule {}
