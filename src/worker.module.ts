import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { ConfigModule } from './config/index.js';
import { DatabaseModule } from './database/database.module.js';
import { NodeResumeModule } from './nodes/node-resume.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SlurmModule } from './slurm/slurm.module.js';

/**
 * The background worker: the same infrastructure as the API without HTTP. Domains add the
 * modules holding their BullMQ processors (WorkerHost) here.
 */
@Module({
  imports: [
    ConfigModule.forRoot(),
    DatabaseModule,
    RedisModule,
    QueuesModule,
    SlurmModule,
    AuditModule,
    NodeResumeModule,
  ],
})
export class WorkerModule {}
