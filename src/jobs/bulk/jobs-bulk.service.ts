import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../common/errors/index.js';
import { mapWithConcurrency } from '../../cluster-state/concurrency.js';
import { JobActionsService } from '../actions/job-actions.service.js';
import type { BulkJobsDto, BulkJobsResultDto, BulkResultDto } from '../dto/bulk-jobs.dto.js';
import type { JobActionResultDto } from '../dto/job-action.dto.js';

/** Jobs acted on at the same time (each action is one or two slurmrestd calls). */
const CONCURRENCY = 4;

/**
 * POST /v1/jobs/bulk: the single-job action per job, so authorisation, refusals and audit
 * are the same as for the single routes; one failing job never fails the others.
 */
@Injectable()
export class JobsBulkService {
  private readonly logger = new Logger(JobsBulkService.name);

  constructor(private readonly actions: JobActionsService) {}

  async run(
    principal: Principal,
    clusterName: string | undefined,
    dto: BulkJobsDto,
  ): Promise<BulkJobsResultDto> {
    // Resolved once: an unknown cluster fails the request, not every job.
    const cluster = this.actions.cluster(clusterName);
    const act = this.action(principal, cluster, dto);
    const ids = [...new Set(dto.job_ids.map((id) => id.trim()))];
    const results = await mapWithConcurrency(
      ids,
      CONCURRENCY,
      async (id): Promise<BulkResultDto> => {
        try {
          const result = await act(id);
          return { job_id: id, status: 'success', message: result.message };
        } catch (error) {
          if (error instanceof ApiError)
            return { job_id: id, status: 'error', message: error.message };
          this.logger.error(`bulk ${dto.action} of job ${id} failed: ${String(error)}`);
          return { job_id: id, status: 'error', message: 'Internal error' };
        }
      },
    );
    const successful = results.filter((r) => r.status === 'success').length;
    return {
      batch_id: `batch_${randomBytes(6).toString('hex')}`,
      results,
      summary: { total: results.length, successful, failed: results.length - successful },
    };
  }

  private action(
    principal: Principal,
    cluster: string,
    { action, options = {} }: BulkJobsDto,
  ): (id: string) => Promise<JobActionResultDto> {
    switch (action) {
      case 'cancel':
        return (id) => this.actions.cancel(principal, cluster, id, options);
      case 'hold':
        return (id) => this.actions.hold(principal, cluster, id, options.reason);
      case 'release':
        return (id) => this.actions.release(principal, cluster, id);
      case 'requeue':
        return (id) => this.actions.requeue(principal, cluster, id);
      case 'priority': {
        const { priority } = options;
        if (priority === undefined) {
          throw ApiError.validation(
            'options.priority',
            'options.priority is required for action priority',
          );
        }
        return (id) => this.actions.setPriority(principal, cluster, id, priority);
      }
    }
  }
}
