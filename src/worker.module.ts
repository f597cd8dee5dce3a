import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { ClusterStateModule } from './cluster-state/cluster-state.module.js';
import { ConfigModule } from './config/index.js';
import { DatabaseModule } from './database/database.module.js';
import { WorkerMetricsModule } from './metrics/prometheus/worker-metrics.module.js';
import { NodeResumeModule } from './nodes/node-resume.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SlurmModule } from './slurm/slurm.module.js';

/**
 * The background worker: the same infrastructure as the API without HTTP. Domains add the
 * modules holding their BullMQ processors (WorkerHost) here. It takes part in the election of
 * each cluster's snapshot poller like an API process (CLUSTER_STATE_POLLER), so a deployment
 * can keep the poller's work out of the processes that serve requests; its own metrics are
 * served on WORKER_METRICS_PORT.
 */
@Module({
  imports: [
    ConfigModule.forRoot(),
    DatabaseModule,
    RedisModule,
    QueuesModule,
    SlurmModule,
    ClusterStateModule,
    AuditModule,
    NodeResumeModule,
    WorkerMetricsModule,
  ],
})
export class WorkerModule {}
