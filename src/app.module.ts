import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClusterStateModule } from './cluster-state/cluster-state.module.js';
import { ClustersModule } from './clusters/clusters.module.js';
import { AllExceptionsFilter, createValidationPipe } from './common/errors/index.js';
import { ConfigModule } from './config/index.js';
import { DatabaseModule } from './database/database.module.js';
import { HotReadsModule } from './hot-reads/hot-reads.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NodesModule } from './nodes/nodes.module.js';
import { PartitionsModule } from './partitions/partitions.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SearchModule } from './search/search.module.js';
import { SlurmModule } from './slurm/slurm.module.js';
import { StatusModule } from './status/status.module.js';
import { UsersModule } from './users/users.module.js';

/** The HTTP application: infrastructure modules first, then one module per domain. */
@Module({
  imports: [
    ConfigModule.forRoot(),
    DatabaseModule,
    RedisModule,
    QueuesModule,
    SlurmModule,
    ClusterStateModule,
    AuditModule,
    AuthModule,
    ClustersModule,
    StatusModule,
    JobsModule,
    MetricsModule,
    NodesModule,
    PartitionsModule,
    UsersModule,
    SearchModule,
    HotReadsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}
