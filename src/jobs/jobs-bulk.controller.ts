import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireScopes } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../common/errors/index.js';
import { ClusterQueryDto } from '../common/http/index.js';
import { ApiErrors } from '../openapi/index.js';
import { JobsBulkService } from './bulk/jobs-bulk.service.js';
import { BulkJobsDto, BulkJobsResultDto } from './dto/bulk-jobs.dto.js';

@ApiTags('Jobs')
@Controller('jobs/bulk')
export class JobsBulkController {
  constructor(private readonly bulk: JobsBulkService) {}

  @Post()
  @HttpCode(200)
  @RequireScopes('jobs:write')
  @ApiOperation({
    summary: 'Bulk job operations',
    description:
      'cancel, hold, release, priority (options.priority) or requeue on up to 1000 jobs. Each job ' +
      'is authorised and audited on its own, like the single-job routes; a failing job gets an ' +
      'error result and never fails the others.',
  })
  @ApiOkResponse({ type: BulkJobsResultDto })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.AUTHENTICATION_FAILED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.RATE_LIMIT_EXCEEDED,
  )
  run(
    @Query() query: ClusterQueryDto,
    @Body() body: BulkJobsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BulkJobsResultDto> {
    return this.bulk.run(principal, query.cluster, body);
  }
}
