import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ClusterQueryDto } from '../../common/http/index.js';
import { PagingQueryDto } from '../../common/pagination/index.js';
import { JOB_SORT_FIELDS, type JobSortField, type SortOrder } from '../query/job-query.js';
import { IsEpochOrIso, IsJobStateList } from './validators.js';

/** GET /v1/jobs (spec: "List Jobs"); every text filter takes one value or a comma list. */
export class ListJobsQueryDto extends IntersectionType(PagingQueryDto, ClusterQueryDto) {
  @ApiPropertyOptional({
    description:
      'Job state(s), comma-separated: PENDING, RUNNING, COMPLETED, CANCELLED, FAILED, TIMEOUT, ... ' +
      '(or squeue codes such as PD, R). Finished states also read accounting.',
    example: 'RUNNING',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsJobStateList()
  state?: string;

  @ApiPropertyOptional({ description: 'User name(s)', example: 'alice' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  user?: string;

  @ApiPropertyOptional({ description: 'Partition(s)', example: 'gpu' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  partition?: string;

  @ApiPropertyOptional({ description: 'Account(s)', example: 'research' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  account?: string;

  @ApiPropertyOptional({ description: 'QOS name(s)', example: 'normal' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  qos?: string;

  @ApiPropertyOptional({ description: 'Exact job name(s)', example: 'simulation_run' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  name?: string;

  @ApiPropertyOptional({
    description:
      'Jobs active at or after this instant (ISO 8601 or epoch seconds); also reads accounting',
    example: '2023-12-15T00:00:00Z',
  })
  @IsOptional()
  @IsEpochOrIso()
  start_time?: string;

  @ApiPropertyOptional({
    description:
      'Jobs submitted at or before this instant (ISO 8601 or epoch seconds); also reads accounting',
    example: '2023-12-16T00:00:00Z',
  })
  @IsOptional()
  @IsEpochOrIso()
  end_time?: string;

  @ApiPropertyOptional({ enum: JOB_SORT_FIELDS, default: 'submit_time', example: 'priority' })
  @IsOptional()
  @IsIn(JOB_SORT_FIELDS)
  sort: JobSortField = 'submit_time';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc', example: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: SortOrder = 'desc';
}
