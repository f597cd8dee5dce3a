import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway, type SlurmClient } from '@app/slurm-gateway';
import { AuditService } from '../../audit/audit.service.js';
import { isPrivileged, type Principal } from '../../auth/principal.js';
import { ApiError, ErrorCode, slurmErrorToApi } from '../../common/errors/index.js';
import type { JobActionResultDto } from '../dto/job-action.dto.js';
import { JobLocator } from '../job-locator.js';
import { mayManageJob, permissionDenied } from '../job-access.js';
import type { AnyJob } from '../view/job-view.js';
import { isFinishedState } from '../view/job-state.js';
import { isCancelSignal, normalizeSignal } from './signals.js';

export type JobActionName = 'cancel' | 'signal' | 'hold' | 'release' | 'priority' | 'requeue';

interface ActionSpec {
  action: JobActionName;
  /** Extra audit details (reason, signal, priority...). */
  details?: Record<string, unknown>;
  /** Whether the action makes sense on a finished job (requeue does). */
  allowFinished?: boolean;
  /** Checks beyond ownership, before Slurm is called; return a refusal message or null. */
  precheck?: (job: AnyJob, principal: Principal) => string | null;
  run: (client: SlurmClient, id: string) => Promise<unknown>;
  /**
   * Act as the service user even for a plain user (the gateway's own check allowed it):
   * Slurm applies a user's priority change only until the priority plugin recomputes it
   * (error 2095, "not persistent"); set by an operator it stays.
   */
  asServiceUser?: boolean;
  /** Message of the answer; `state` is what Slurm reports afterwards. */
  done: string;
  /**
   * State to report when the job cannot be re-read (already purged) or is still completing:
   * 22.05 shows a completing job as COMPLETING, whatever its final state will be.
   */
  endState?: string;
}

const PAST_TENSE: Record<JobActionName, string> = {
  cancel: 'cancelled',
  signal: 'signalled',
  hold: 'held',
  release: 'released',
  priority: 'reprioritised',
  requeue: 'requeued',
};

/**
 * Mutations of existing jobs. Each one: find the job (fresh from slurmctld), authorise
 * (owner, operator, admin), refuse what cannot work before calling Slurm, act as the caller's
 * Slurm user (operators and admins as the service user, which Slurm lets act on any job),
 * refresh the snapshot, and audit the attempt whatever its outcome.
 */
@Injectable()
export class JobActionsService {
  constructor(
    private readonly gateway: SlurmGateway,
    private readonly locator: JobLocator,
    private readonly audit: AuditService,
  ) {}

  /** See JobLocator.cluster. */
  cluster(name: string | undefined): string {
    return this.locator.cluster(name);
  }

  cancel(
    principal: Principal,
    cluster: string | undefined,
    id: string,
    options: { signal?: string; force?: boolean },
  ) {
    const signal = normalizeSignal(options.signal ?? 'SIGTERM');
    if (signal === null) throw ApiError.validation('signal', `unknown signal "${options.signal}"`);
    const flags = options.force ? { flags: ['FULL_JOB'] } : undefined;
    if (!isCancelSignal(signal)) {
      return this.perform(principal, cluster, id, {
        action: 'signal',
        details: { signal, force: options.force ?? false },
        run: (client, jobId) => client.signalJob(jobId, signal, flags),
        done: `Signal ${signal} sent to job ${id}`,
      });
    }
    return this.perform(principal, cluster, id, {
      action: 'cancel',
      details: { signal, force: options.force ?? false },
      run: (client, jobId) =>
        options.force ? client.signalJob(jobId, 'SIGKILL', flags) : client.cancelJob(jobId),
      done: 'Job cancelled successfully',
      endState: 'CANCELLED',
    });
  }

  hold(principal: Principal, cluster: string | undefined, id: string, reason?: string) {
    return this.perform(principal, cluster, id, {
      action: 'hold',
      details: { reason: reason ?? null },
      run: (client, jobId) => client.updateJob(jobId, { hold: true }),
      done: 'Job held successfully',
    });
  }

  release(principal: Principal, cluster: string | undefined, id: string) {
    return this.perform(principal, cluster, id, {
      action: 'release',
      run: (client, jobId) => client.updateJob(jobId, { hold: false }),
      done: 'Job released successfully',
    });
  }

  setPriority(principal: Principal, cluster: string | undefined, id: string, priority: number) {
    return this.perform(principal, cluster, id, {
      action: 'priority',
      details: { priority },
      precheck: (job, caller) =>
        !isPrivileged(caller) && (job.priority === null || priority > job.priority)
          ? `Raising the priority of a job needs the operator or admin role (current priority ${job.priority ?? 'unknown'})`
          : null,
      run: (client, jobId) => client.updateJob(jobId, { priority }),
      asServiceUser: true,
      done: `Job priority set to ${priority}`,
    });
  }

  requeue(principal: Principal, cluster: string | undefined, id: string) {
    return this.perform(principal, cluster, id, {
      action: 'requeue',
      allowFinished: true,
      run: (client, jobId) => client.requeueJob(jobId),
      done: 'Job requeued successfully',
    });
  }

  private async perform(
    principal: Principal,
    clusterName: string | undefined,
    id: string,
    spec: ActionSpec,
  ): Promise<JobActionResultDto> {
    const cluster = this.locator.cluster(clusterName);
    const audit: Audit = (result, slurmUser, extra = {}) =>
      this.audit.record({
        principal,
        slurmUser,
        cluster,
        action: `job.${spec.action}`,
        target: `job:${id}`,
        result,
        details: { ...spec.details, ...extra },
      });
    const job = await this.authorize(principal, cluster, id, spec, audit);
    const client =
      isPrivileged(principal) || spec.asServiceUser
        ? this.gateway.client(cluster)
        : this.gateway.client(cluster, principal.slurmUserFor(cluster));
    try {
      await spec.run(client, job.id);
    } catch (error) {
      await audit('failed', client.actAs, { error: messageOf(error) });
      throw isSlurmError(error) ? actionErrorToApi(error, id) : error;
    }
    await audit('success', client.actAs);
    const after = await this.locator.refresh(cluster, job.id);
    const completing = after === undefined || after.stateFlags.includes('COMPLETING');
    const state = (completing ? spec.endState : undefined) ?? after?.state ?? job.state;
    return { job_id: id, state, message: spec.done };
  }

  /** The job, fresh from slurmctld, once the caller may act on it; refusals are audited. */
  private async authorize(
    principal: Principal,
    cluster: string,
    id: string,
    spec: ActionSpec,
    audit: Audit,
  ): Promise<AnyJob> {
    const ownUser = principal.slurmUserFor(cluster);
    let job: AnyJob;
    try {
      ({ job } = await this.locator.locate(cluster, id, { fresh: true }));
    } catch (error) {
      await audit('failed', ownUser, { error: messageOf(error) });
      throw error;
    }
    const refusal = this.refusal(job, principal, cluster, spec);
    if (refusal !== null) {
      const denied = refusal.code === ErrorCode.PERMISSION_DENIED;
      await audit(denied ? 'denied' : 'failed', ownUser, {
        error: refusal.message,
        owner: job.user,
      });
      throw refusal;
    }
    return job;
  }

  private refusal(
    job: AnyJob,
    principal: Principal,
    cluster: string,
    spec: ActionSpec,
  ): ApiError | null {
    if (!mayManageJob(principal, cluster, job)) {
      return permissionDenied(
        `Only the owner of job ${job.id}, operators and admins may ${spec.action} it`,
        job.id,
      );
    }
    if (!spec.allowFinished && isFinishedState(job.state)) {
      return new ApiError(
        ErrorCode.RESOURCE_CONFLICT,
        `Job ${job.id} has already finished (${job.state}) and cannot be ${PAST_TENSE[spec.action]}`,
        { resource_type: 'job', resource_id: job.id, state: job.state },
      );
    }
    const message = spec.precheck?.(job, principal) ?? null;
    return message === null ? null : permissionDenied(message, job.id);
  }
}

type Audit = (
  result: 'success' | 'denied' | 'failed',
  slurmUser: string | null,
  extra?: Record<string, unknown>,
) => Promise<void>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Slurm refusals of a job action: unknown job 404, state conflicts 409 RESOURCE_CONFLICT. */
function actionErrorToApi(error: Parameters<typeof slurmErrorToApi>[0], id: string): ApiError {
  if (error.kind === 'conflict') {
    return new ApiError(ErrorCode.RESOURCE_CONFLICT, `Job ${id}: ${error.message}`, {
      resource_type: 'job',
      resource_id: id,
      cluster: error.cluster,
      slurm_error_number: error.errorNumber,
    });
  }
  return slurmErrorToApi(error, { resourceType: 'job', resourceId: id });
}
