import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../queues/queue-names.js';
import { NodeResumeProcessor } from './node-resume.processor.js';
import { NodeResumeScheduler } from './node-resume.scheduler.js';

/** The `node-resume` queue: its scheduler, and its consumer (in the API and the worker). */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.NODE_RESUME })],
  providers: [NodeResumeScheduler, NodeResumeProcessor],
  exports: [NodeResumeScheduler],
})
export class NodeResumeModule {}
