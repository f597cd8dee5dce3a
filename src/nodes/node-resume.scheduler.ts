import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName, type QueuePayloads } from '../queues/queue-names.js';

export type NodeResumePayload = QueuePayloads[typeof QueueName.NODE_RESUME];

/** One pending resume per node: a re-drain replaces it, a resume or state change drops it. */
export function nodeResumeJobId(cluster: string, node: string): string {
  return `${cluster}/${node}`;
}

/**
 * Schedules the automatic resume of a node drained with a timeout, as a BullMQ delayed job
 * in Redis: it survives API restarts and runs in whichever API or worker process is up.
 */
@Injectable()
export class NodeResumeScheduler {
  constructor(
    @InjectQueue(QueueName.NODE_RESUME)
    private readonly queue: Queue<NodeResumePayload>,
  ) {}

  async schedule(payload: NodeResumePayload, delayMs: number): Promise<void> {
    await this.cancel(payload.cluster, payload.node);
    await this.queue.add('resume', payload, {
      jobId: nodeResumeJobId(payload.cluster, payload.node),
      delay: delayMs,
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      // A finished job must not linger: BullMQ ignores a new job whose id still exists.
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  /** Drops the pending resume of a node, if any. */
  async cancel(cluster: string, node: string): Promise<void> {
    const job = await this.queue.getJob(nodeResumeJobId(cluster, node));
    if (job) await job.remove();
  }

  /** Epoch seconds at which the pending resume runs, or null when none is pending. */
  async pendingAt(cluster: string, node: string): Promise<number | null> {
    const job = await this.queue.getJob(nodeResumeJobId(cluster, node));
    if (!job || !(await job.isDelayed())) return null;
    return Math.round((job.timestamp + job.delay) / 1000);
  }
}
