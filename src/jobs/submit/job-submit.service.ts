import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway, type SlurmError } from '@app/slurm-gateway';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { ApiError, slurmErrorToApi } from '../../common/errors/index.js';
import { AppConfig } from '../../config/index.js';
import type { SubmitJobDto } from '../dto/submit-job.dto.js';
import { JobLocator } from '../job-locator.js';
import type { StoredSubmitResponse } from './job-submission.entity.js';
import { JobSubmissionsService, type SubmissionInput } from './job-submissions.service.js';
import { requestHash } from './request-hash.js';
import { commandOf, toSubmitJobRequest } from './submit-request.js';

export interface SubmitOutcome {
  response: StoredSubmitResponse;
  /** True when an Idempotency-Key retry got the first request's answer. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Slurm's refusals of a submission are the caller's to fix: 4xx with Slurm's message. */
function submitErrorToApi(error: SlurmError): ApiError {
  const api = slurmErrorToApi(error);
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
      const response = await this.send(principal, input, dto);
      await this.submissions.record(input, response);
      return { response, replayed: false };
    }
    const claim = await this.submissions.claim(input, idempotencyKey);
    if (claim.kind === 'replay') return { response: claim.response, replayed: true };
    let response: StoredSubmitResponse;
    try {
      response = await this.send(principal, input, dto, idempotencyKey);
    } catch (error) {
      await this.submissions.release(claim.id);
      throw error;
    }
    await this.submissions.complete(claim.id, response);
    return { response, replayed: false };
  }

  private async send(
    principal: Principal,
    input: SubmissionInput,
    dto: SubmitJobDto,
    idempotencyKey?: string,
  ): Promise<StoredSubmitResponse> {
    const { cluster, slurmUser } = input;
    const request = toSubmitJobRequest(dto, { workingDirectory: this.config.jobs.defaultWorkdir });
    const details = {
      job_name: dto.job_name ?? null,
      partition: dto.partition ?? null,
      idempotency_key: idempotencyKey ?? null,
    };
    const auditBase = { principal, slurmUser, cluster, action: 'job.submit' };
    let jobId: string;
    try {
      ({ jobId } = await this.gateway.client(cluster, slurmUser).submitJob(request));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.audit.record({
        ...auditBase,
        target: 'job:new',
        result: 'failed',
        details: { ...details, error: message },
      });
      if (isSlurmError(error)) throw submitErrorToApi(error);
      throw error;
    }
    await this.audit.record({ ...auditBase, target: `job:${jobId}`, result: 'success', details });
    // Visible at once to every reader of the snapshot, in every process.
    const job = await this.locator.refresh(cluster, jobId);
    return { job_id: jobId, state: job?.state ?? 'PENDING', message: 'Job submitted successfully' };
  }
}
