import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway, type SlurmError } from '@app/slurm-gateway';
import { AuditService, type AuditEntry } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { ApiError, slurmErrorToApi } from '../../common/errors/index.js';
import { AppConfig } from '../../config/index.js';
import type { SubmitJobDto } from '../dto/submit-job.dto.js';
import { JobLocator } from '../job-locator.js';
import type { StoredSubmitResponse } from './job-submission.entity.js';
import { JobSubmissionsService, type SubmissionInput } from './job-submissions.service.js';
import { requestHash } from './request-hash.js';
import { commandOf, toSubmitJobRequest } from './submit-request.js';
import { isUnknownOutcome, submissionMarker, type SubmitResolution } from './submit-outcome.js';
import { SubmitOutcomeResolver, type LostSubmit } from './submit-outcome.resolver.js';

export interface SubmitOutcome {
  response: StoredSubmitResponse;
  /** True when an Idempotency-Key retry got the first request's answer. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What a submit attempt gave: the answer, or the error and whether the outcome is known. */
type Sent =
  | { ok: true; response: StoredSubmitResponse }
  /** `settled`: the job surely does not exist (a retry may submit again). */
  | { ok: false; error: unknown; settled: boolean };

interface SubmitAudit {
  base: Pick<AuditEntry, 'principal' | 'slurmUser' | 'cluster' | 'action'>;
  details: Record<string, unknown>;
}

/** Slurm's refusals of a submission are the caller's to fix: 4xx with Slurm's message. */
function submitErrorToApi(error: SlurmError, resolution: SubmitResolution | null): ApiError {
  const api = slurmErrorToApi(error);
  if (resolution?.kind === 'unknown') {
    const message = `${api.message}; whether the job was created is not known yet`;
    return new ApiError(api.code, message, api.details, { status: api.status, cause: error });
  }
  // "not found" here means a referenced thing (dependency job, account...), not the route.
  return error.kind === 'not_found'
    ? new ApiError(api.code, api.message, api.details, { status: 400, cause: error })
    : api;
}

/** POST /v1/jobs: submission as the caller's Slurm user, with optional idempotency. */
@Injectable()
export class JobSubmitService {
  constructor(
    private readonly gateway: SlurmGateway,
    private readonly submissions: JobSubmissionsService,
    private readonly locator: JobLocator,
    private readonly resolver: SubmitOutcomeResolver,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async submit(
    principal: Principal,
    clusterName: string | undefined,
    dto: SubmitJobDto,
    idempotencyKey: string | undefined,
  ): Promise<SubmitOutcome> {
    const cluster = this.locator.cluster(clusterName);
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw ApiError.validation('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    }
    const input: SubmissionInput = {
      principalId: principal.id,
      cluster,
      slurmUser: principal.slurmUserFor(cluster),
      requestHash: requestHash(cluster, dto),
      command: commandOf(dto),
      environment: dto.environment ?? null,
    };
    if (idempotencyKey === undefined) {
      const id = randomUUID(); // the record's id, known before the job exists
      const sent = await this.send(principal, input, dto, { id });
      if (!sent.ok) throw sent.error;
      await this.submissions.record(id, input, sent.response);
      return { response: sent.response, replayed: false };
    }
    const claim = await this.submissions.claim(input, idempotencyKey);
    if (claim.kind === 'replay') return { response: claim.response, replayed: true };
    const sent = await this.send(principal, input, dto, { id: claim.id, idempotencyKey });
    if (!sent.ok) {
      // Only a settled failure frees the key; an unknown outcome keeps it until it expires.
      if (sent.settled) await this.submissions.release(claim.id);
      throw sent.error;
    }
    await this.submissions.complete(claim.id, sent.response);
    return { response: sent.response, replayed: false };
  }

  /**
   * Submits with the submission's marker as the job's comment. When the answer is lost, the
   * marker tells whether the job was created: found, the submission succeeded.
   */
  private async send(
    principal: Principal,
    input: SubmissionInput,
    dto: SubmitJobDto,
    submission: { id: string; idempotencyKey?: string },
  ): Promise<Sent> {
    const { cluster, slurmUser } = input;
    const marker = submissionMarker(submission.id);
    const request = {
      ...toSubmitJobRequest(dto, { workingDirectory: this.config.jobs.defaultWorkdir }),
      comment: marker,
    };
    const audit: SubmitAudit = {
      base: { principal, slurmUser, cluster, action: 'job.submit' },
      details: {
        job_name: dto.job_name ?? null,
        partition: dto.partition ?? null,
        idempotency_key: submission.idempotencyKey ?? null,
      },
    };
    let jobId: string;
    try {
      ({ jobId } = await this.gateway.client(cluster, slurmUser).submitJob(request));
    } catch (error) {
      const recovered = await this.recover(error, { cluster, slurmUser, marker }, audit);
      if (!recovered.ok) return recovered;
      jobId = recovered.jobId;
    }
    await this.audit.record({
      ...audit.base,
      target: `job:${jobId}`,
      result: 'success',
      details: audit.details,
    });
    // Visible at once to every reader of the snapshot, in every process.
    const job = await this.locator.refresh(cluster, jobId);
    const response = {
      job_id: jobId,
      state: job?.state ?? 'PENDING',
      message: 'Job submitted successfully',
    };
    return { ok: true, response };
  }

  /**
   * After a failed submit: when the answer may merely have been lost, the job found by its
   * marker (noted in the audit details); otherwise the failure, audited.
   */
  private async recover(
    error: unknown,
    lost: Omit<LostSubmit, 'failedAt'>,
    audit: SubmitAudit,
  ): Promise<{ ok: true; jobId: string } | Extract<Sent, { ok: false }>> {
    const failedAt = Date.now();
    const message = error instanceof Error ? error.message : String(error);
    const resolution = isUnknownOutcome(error)
      ? await this.resolver.resolve({ ...lost, failedAt })
      : null;
    if (resolution?.kind === 'found') {
      audit.details.note = `submit answer lost (${message}); job found by its submission marker`;
      return { ok: true, jobId: resolution.job.id };
    }
    const outcome = resolution === null ? {} : { outcome: outcomeNote(resolution) };
    await this.audit.record({
      ...audit.base,
      target: 'job:new',
      result: 'failed',
      details: { ...audit.details, error: message, ...outcome },
    });
    return {
      ok: false,
      error: isSlurmError(error) ? submitErrorToApi(error, resolution) : error,
      settled: resolution?.kind !== 'unknown',
    };
  }
}

function outcomeNote(resolution: Exclude<SubmitResolution, { kind: 'found' }>): string {
  return resolution.kind === 'absent'
    ? 'answer lost; no job carries the submission marker'
    : `answer lost; outcome unknown: ${resolution.reason}`;
}
