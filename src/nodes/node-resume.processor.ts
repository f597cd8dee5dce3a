import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Optional } from '@nestjs/common';
import { isSlurmError, SlurmGateway } from '@app/slurm-gateway';
import type { Job } from 'bullmq';
import { AuditService } from '../audit/audit.service.js';
import { ClusterStateService } from '../cluster-state/index.js';
import { QueueName } from '../queues/queue-names.js';
import type { NodeResumePayload } from './node-resume.scheduler.js';

/**
 * Resumes a node whose drain timeout expired. Runs in every API and worker process (BullMQ
 * hands each job to one of them). The node is resumed only if it is still drained for the
 * reason the timed drain gave: an operator who changed it meanwhile wins.
 */
@Processor(QueueName.NODE_RESUME)
export class NodeResumeProcessor extends WorkerHost {
  private readonly logger = new Logger('NodeResume');

  constructor(
    private readonly gateway: SlurmGateway,
    @Optional() private readonly clusterState?: ClusterStateService,
    @Optional() private readonly audit?: AuditService,
  ) {
    super();
  }

  async process(job: Job<NodeResumePayload>): Promise<string> {
    const { cluster, node, reason } = job.data;
    if (!this.gateway.hasCluster(cluster)) return `cluster ${cluster} is no longer configured`;
    const client = this.gateway.client(cluster);
    let current;
    try {
      current = await client.getNode(node);
    } catch (error) {
      if (isSlurmError(error) && error.kind === 'not_found') return `node ${node} is gone`;
      throw error;
    }
    if (!current.stateFlags.includes('DRAIN') || current.reason !== reason) {
      this.logger.log(`${cluster}/${node}: drain changed since the timed drain; not resuming`);
      return 'superseded';
    }
    await client.updateNode(node, { state: 'RESUME' });
    this.logger.log(`${cluster}/${node}: drain timeout expired; node resumed`);
    await this.audit?.record({
      principal: null,
      slurmUser: client.actAs,
      cluster,
      action: 'node.resume',
      target: `node:${node}`,
      result: 'success',
      requestId: null,
      details: { automatic: true, drain_reason: reason, requested_by: job.data.requestedBy },
    });
    await this.clusterState
      ?.nodes(cluster)
      .refreshNode(node)
      .catch(() => undefined);
    return 'resumed';
  }
}
