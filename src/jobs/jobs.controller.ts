import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, RequireScopes } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../common/errors/index.js';
import { ClusterQueryDto } from '../common/http/index.js';
import { sendJsonBody, type HeaderSink } from '../common/http/json-body.js';
import { HotRead } from '../hot-reads/hot-read.decorator.js';
import { setDataAge } from '../nodes/data-age.js';
import { ApiErrors } from '../openapi/index.js';
import { JobActionsService } from './actions/job-actions.service.js';
import {
  CancelJobQueryDto,
  HoldJobDto,
  JobActionResultDto,
  JobPriorityDto,
} from './dto/job-action.dto.js';
import { JobDetailDto, JobListDto } from './dto/job.dto.js';
import { ListJobsQueryDto } from './dto/list-jobs.query.dto.js';
import { SubmitJobDto } from './dto/submit-job.dto.js';
import { JobsService } from './jobs.service.js';
import { JobSubmitService } from './submit/job-submit.service.js';

const READ_ERRORS = [
  ErrorCode.VALIDATION_ERROR,
  ErrorCode.AUTHENTICATION_FAILED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.RATE_LIMIT_EXCEEDED,
  ErrorCode.SERVICE_UNAVAILABLE,
];
const ACTION_ERRORS = [
  ...READ_ERRORS,
  ErrorCode.RESOURCE_NOT_FOUND,
  ErrorCode.RESOURCE_CONFLICT,
  ErrorCode.SLURM_ERROR,
];
const JOB_ID_PARAM = {
  name: 'job_id',
  description: 'Slurm job id (an array task also as 12340_3)',
  example: '12345',
};

@ApiTags('Jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly submitter: JobSubmitService,
    private readonly actions: JobActionsService,
  ) {}

  @Get()
  @HotRead()
  @RequireScopes('jobs:read')
  @ApiOperation({
    summary: 'List jobs',
    description:
      'Live jobs from the cluster snapshot (every user sees every job, as with squeue), sorted ' +
      'and paged on the server. Finished states or start_time/end_time also read accounting ' +
      '(default window: the last JOBS_HISTORY_DEFAULT_HOURS hours); a job appears once, the ' +
      'live record winning. `Age` and `X-Data-Age` give the snapshot age in seconds.',
  })
  @ApiOkResponse({ type: JobListDto })
  @ApiErrors(...READ_ERRORS, ErrorCode.SLURM_ERROR)
  async list(
    @Query() query: ListJobsQueryDto,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<string> {
    const { body, ageSeconds } = await this.jobs.list(query);
    setDataAge(res, ageSeconds);
    return sendJsonBody(res, body);
  }

  @Post()
  @HttpCode(201)
  @RequireScopes('jobs:write')
  @ApiOperation({
    summary: 'Submit a job',
    description:
      "Submitted as the caller's Slurm user. Formats are checked before Slurm is called (400 " +
      "VALIDATION_ERROR naming the field); Slurm's refusals keep its message (SLURM_ERROR 400). " +
      'With an Idempotency-Key, retries within 24 h return the first answer and submit nothing ' +
      '(header Idempotent-Replayed: true); the same key with another body is 409.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Up to 255 visible ASCII characters',
  })
  @ApiCreatedResponse({ type: JobActionResultDto, description: 'The job was submitted' })
  @ApiErrors(...READ_ERRORS, ErrorCode.RESOURCE_CONFLICT, ErrorCode.SLURM_ERROR)
  async submit(
    @Query() query: ClusterQueryDto,
    @Body() body: SubmitJobDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobActionResultDto> {
    const { response, replayed } = await this.submitter.submit(
      principal,
      query.cluster,
      body,
      idempotencyKey,
    );
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return response;
  }

  @Get(':job_id')
  @RequireScopes('jobs:read')
  @ApiOperation({
    summary: 'Get job details',
    description:
      'Live jobs from the snapshot, finished ones from accounting. `command` and `environment` ' +
      'are null unless the caller owns the job or is an operator or admin.',
  })
  @ApiParam(JOB_ID_PARAM)
  @ApiOkResponse({ type: JobDetailDto })
  @ApiErrors(...READ_ERRORS, ErrorCode.RESOURCE_NOT_FOUND, ErrorCode.SLURM_ERROR)
  async get(
    @Param('job_id') id: string,
    @Query() query: ClusterQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JobDetailDto> {
    const { body, ageSeconds } = await this.jobs.detail(principal, query.cluster, id);
    setDataAge(res, ageSeconds);
    return body;
  }

  @Delete(':job_id')
  @RequireScopes('jobs:write')
  @ApiOperation({
    summary: 'Cancel a job',
    description:
      'Owner, operator or admin. SIGTERM (default) or SIGKILL cancels; another signal is only ' +
      'delivered. A finished job is 409 RESOURCE_CONFLICT.',
  })
  @ApiParam(JOB_ID_PARAM)
  @ApiOkResponse({ type: JobActionResultDto })
  @ApiErrors(...ACTION_ERRORS)
  cancel(
    @Param('job_id') id: string,
    @Query() query: CancelJobQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobActionResultDto> {
    return this.actions.cancel(principal, query.cluster, id, query);
  }

  @Put(':job_id/hold')
  @RequireScopes('jobs:write')
  @ApiOperation({
    summary: 'Hold a job',
    description:
      'Owner, operator or admin; pending jobs only. The reason is kept in the audit log.',
  })
  @ApiParam(JOB_ID_PARAM)
  @ApiOkResponse({ type: JobActionResultDto })
  @ApiErrors(...ACTION_ERRORS)
  hold(
    @Param('job_id') id: string,
    @Query() query: ClusterQueryDto,
    @Body() body: HoldJobDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobActionResultDto> {
    return this.actions.hold(principal, query.cluster, id, body.reason);
  }

  @Put(':job_id/release')
  @RequireScopes('jobs:write')
  @ApiOperation({ summary: 'Release a held job', description: 'Owner, operator or admin.' })
  @ApiParam(JOB_ID_PARAM)
  @ApiOkResponse({ type: JobActionResultDto })
  @ApiErrors(...ACTION_ERRORS)
  release(
    @Param('job_id') id: string,
    @Query() query: ClusterQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobActionResultDto> {
    return this.actions.release(principal, query.cluster, id);
  }

  @Put(':job_id/priority')
  @RequireScopes('jobs:write')
  @ApiOperation({
    summary: 'Update job priority',
    description:
      'Owners may lower the priority of their jobs; raising it needs the operator or admin role.',
  })
  @ApiParam(JOB_ID_PARAM)
  @ApiOkResponse({ type: JobActionResultDto })
  @ApiErrors(...ACTION_ERRORS)
  priority(
    @Param('job_id') id: string,
    @Query() query: ClusterQueryDto,
    @Body() body: JobPriorityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JobActionResultDto> {
    return this.actions.setPriority(principal, query.cluster, id, body.priority);
  }
}
