import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway, type Node, type NodeUpdate } from '@app/slurm-gateway';
import { AuditService } from '../audit/audit.service.js';
import { isPrivileged, type Principal } from '../auth/principal.js';
import { ClusterStateService } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { ApiError, ErrorCode, slurmErrorToApi } from '../common/errors/index.js';
import { toIso } from '../common/format/index.js';
import { currentRequestId } from '../common/http/index.js';
import type { DrainNodeDto, NodeStateDto } from './dto/node-actions.dto.js';
import type { NodeActionResultDto } from './dto/node.dto.js';
import { MAX_DRAIN_TIMEOUT_SECONDS, parseDrainTimeout } from './drain-timeout.js';
import { NodeResumeScheduler } from './node-resume.scheduler.js';
import { jobsByNode, toNodeView } from './node.view.js';

/** Who asks for a node change, where, on which node. */
export interface NodeActionTarget {
  principal: Principal;
  cluster?: string;
  node: string;
}

type AuditOutcome = 'success' | 'denied' | 'failed';

interface Change {
  update: NodeUpdate;
  /** Seconds until the automatic resume (timed drain only). */
  resumeAfter?: number;
}

/**
 * Drain, resume and state changes. Operators and admins only; every attempt is audited.
 * Slurm is called as the gateway's service user (the role check here is the authorization),
 * through the library's updateNode: REST on v0.0.40+, the scontrol fallback on 22.05.
 */
@Injectable()
export class NodeAdminService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly gateway: SlurmGateway,
    private readonly state: ClusterStateService,
    private readonly resumes: NodeResumeScheduler,
    private readonly audit: AuditService,
  ) {}

  drain(target: NodeActionTarget, body: DrainNodeDto): Promise<NodeActionResultDto> {
    let resumeAfter: number | undefined;
    if (body.timeout !== undefined) {
      const seconds = parseDrainTimeout(body.timeout);
      if (seconds === null || seconds > MAX_DRAIN_TIMEOUT_SECONDS) {
        throw ApiError.validation('timeout', 'timeout must be between 1s and 30d, e.g. 2h');
      }
      resumeAfter = seconds;
    }
    return this.apply(target, { update: { state: 'DRAIN', reason: body.reason }, resumeAfter });
  }

  resume(target: NodeActionTarget): Promise<NodeActionResultDto> {
    return this.apply(target, { update: { state: 'RESUME' } });
  }

  setState(target: NodeActionTarget, body: NodeStateDto): Promise<NodeActionResultDto> {
    return this.apply(target, { update: { state: body.state, reason: body.reason } });
  }

  private async apply(target: NodeActionTarget, change: Change): Promise<NodeActionResultDto> {
    const cluster = this.clusters.resolve(target.cluster);
    const client = this.gateway.client(cluster);
    const audit = (result: AuditOutcome, details: Record<string, unknown> = {}) =>
      this.audit.record({
        principal: target.principal,
        slurmUser: client.actAs,
        cluster,
        action: `node.${change.update.state.toLowerCase()}`,
        target: `node:${target.node}`,
        result,
        requestId: currentRequestId() ?? null,
        details: { ...change.update, ...details },
      });
    if (!isPrivileged(target.principal)) {
      await audit('denied', { role: target.principal.role });
      throw new ApiError(
        ErrorCode.PERMISSION_DENIED,
        'Changing node state needs the operator or admin role',
        { required_role: 'operator', node: target.node },
      );
    }
    try {
      await client.updateNode(target.node, change.update);
    } catch (error) {
      await audit('failed', { error: error instanceof Error ? error.message : String(error) });
      if (!isSlurmError(error)) throw error;
      throw slurmErrorToApi(error, { resourceType: 'node', resourceId: target.node });
    }
    const resumeAt = toIso(await this.planResume(cluster, target, change));
    await audit('success', { resume_at: resumeAt });
    const node = await this.refreshed(cluster, target.node);
    return {
      node_name: target.node,
      action: change.update.state,
      message: describe(target.node, change.update.state, resumeAt),
      resume_at: resumeAt,
      node: toNodeView(node, jobsByNode(this.state.jobs(cluster).all()).get(node.name) ?? []),
    };
  }

  /** Schedules the resume of a timed drain; any other change cancels a pending one. */
  private async planResume(
    cluster: string,
    target: NodeActionTarget,
    change: Change,
  ): Promise<number | null> {
    if (change.resumeAfter === undefined) {
      await this.resumes.cancel(cluster, target.node);
      return null;
    }
    const payload = {
      cluster,
      node: target.node,
      reason: change.update.reason ?? '',
      requestedBy: target.principal.id,
    };
    await this.resumes.schedule(payload, change.resumeAfter * 1000);
    return Math.round(Date.now() / 1000) + change.resumeAfter;
  }

  /** The node as Slurm reports it after the change (and in the snapshot of every process). */
  private async refreshed(cluster: string, name: string): Promise<Node> {
    const node = await this.state.nodes(cluster).refreshNode(name);
    if (!node) throw ApiError.notFound('node', name);
    return node;
  }
}

function describe(node: string, state: string, resumeAt: string | null): string {
  const done: Record<string, string> = {
    DRAIN: 'drained',
    RESUME: 'resumed',
    UNDRAIN: 'undrained',
    DOWN: 'set DOWN',
    IDLE: 'set IDLE',
  };
  const base = `Node ${node} ${done[state] ?? `set ${state}`}`;
  return resumeAt === null ? base : `${base}; it resumes at ${resumeAt}`;
}
