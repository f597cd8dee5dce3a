import { Module } from '@nestjs/common';
import { PrometheusCoreModule } from './prometheus-core.module.js';
import { WorkerMetricsServer } from './worker-metrics.server.js';

/** The worker's own Prometheus registry, served on WORKER_METRICS_PORT when it is set. */
@Module({ imports: [PrometheusCoreModule], providers: [WorkerMetricsServer] })
export class WorkerMetricsModule {}
