import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_PRIORITY } from './job-action.dto.js';
import { IsPlainText, IsSignal, toJobIds } from './validators.js';

export const BULK_ACTIONS = ['cancel', 'hold', 'release', 'priority', 'requeue'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const MAX_BULK_JOBS = 1000;

export class BulkOptionsDto {
  @ApiPropertyOptional({ description: 'cancel: signal every step at once', example: true })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    description: 'hold: reason (audit log)',
    example: 'Emergency maintenance',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsPlainText()
  reason?: string;

  @ApiPropertyOptional({
    description: 'priority: the new priority (required for that action)',
    example: 1500,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PRIORITY)
  priority?: number;

  @ApiPropertyOptional({
    description: 'cancel: signal (see DELETE /v1/jobs/{job_id})',
    example: 'SIGTERM',
  })
  @IsOptional()
  @IsString()
  @IsSignal()
  signal?: string;
}

/** POST /v1/jobs/bulk (spec: "Bulk Job Operations"). */
export class BulkJobsDto {
  @ApiProperty({ enum: BULK_ACTIONS, example: 'cancel' })
  @IsIn(BULK_ACTIONS)
  action!: BulkAction;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_BULK_JOBS,
    example: ['12345', '12346', '12347'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_JOBS)
  @Transform(toJobIds)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  job_ids!: string[];

  @ApiPropertyOptional({
    type: BulkOptionsDto,
    example: { force: true, reason: 'Emergency maintenance' },
  })
  @ValidateIf((o: BulkJobsDto) => o.options !== undefined || o.action === 'priority')
  @ValidateNested()
  @Type(() => BulkOptionsDto)
  options?: BulkOptionsDto;
}

export class BulkResultDto {
  @ApiProperty({ example: '12345' })
  job_id!: string;

  @ApiProperty({ enum: ['success', 'error'], example: 'success' })
  status!: 'success' | 'error';

  @ApiProperty({ example: 'Job cancelled' })
  message!: string;
}

export class BulkSummaryDto {
  @ApiProperty({ example: 3 })
  total!: number;

  @ApiProperty({ example: 2 })
  successful!: number;

  @ApiProperty({ example: 1 })
  failed!: number;
}

export class BulkJobsResultDto {
  @ApiProperty({ example: 'batch_xyz789' })
  batch_id!: string;

  @ApiProperty({ type: [BulkResultDto] })
  results!: BulkResultDto[];

  @ApiProperty({ type: BulkSummaryDto })
  summary!: BulkSummaryDto;
}
