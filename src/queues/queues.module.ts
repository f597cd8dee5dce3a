import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/index.js';
import { QUEUE_PREFIX } from './queue-names.js';

/**
 * BullMQ's root connection. Domains register their queues with
 * `BullModule.registerQueue({ name: QueueName.X })` and one WorkerHost processor per queue.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redis.url, maxRetriesPerRequest: null },
        prefix: QUEUE_PREFIX,
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
