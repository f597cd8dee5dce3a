/**
 * Every BullMQ queue of the application, named once, with the payload of its jobs.
 * Payloads carry ids, never entities. A domain adds one line to each:
 *   QueueName:      EXPORTS: 'exports',
 *   QueuePayloads:  exports: { exportId: string };
 */
export const QueueName = {
  NODE_RESUME: 'node-resume',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Queue name → payload of its jobs. */
export interface QueuePayloads {
  'node-resume': { cluster: string; node: string; reason: string; requestedBy: string };
}

/** Prefix of every BullMQ key in Redis. */
export const QUEUE_PREFIX = 's9s';
