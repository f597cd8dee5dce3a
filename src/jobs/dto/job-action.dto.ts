import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ClusterQueryDto } from '../../common/http/index.js';
import { IsPlainText, IsSignal, toBoolean, toInteger } from './validators.js';

/** Largest priority Slurm accepts from a user (INFINITE − 1 is reserved). */
export const MAX_PRIORITY = 4_294_967_293;

/** DELETE /v1/jobs/{job_id} query (spec: "Cancel Job"). */
export class CancelJobQueryDto extends ClusterQueryDto {
  @ApiPropertyOptional({
    description:
      'Signal name or number. SIGTERM (default) and SIGKILL cancel the job (Slurm sends SIGTERM, ' +
      'then SIGKILL after KillWait); any other signal is only delivered and the job keeps its state.',
    example: 'SIGTERM',
  })
  @IsOptional()
  @IsString()
  @IsSignal()
  signal?: string;

  @ApiPropertyOptional({
    description: 'Signal every step and the batch shell at once (Slurm flag FULL_JOB)',
    example: true,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  force?: boolean;
}

export class HoldJobDto {
  @ApiPropertyOptional({
    description: 'Why the job is held (kept in the audit log)',
    example: 'Debugging required',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsPlainText()
  reason?: string;
}

export class JobPriorityDto {
  @ApiProperty({
    description: 'New priority; raising it needs the operator or admin role',
    minimum: 1,
    maximum: MAX_PRIORITY,
    example: 1500,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PRIORITY)
  priority!: number;
}

/** Result of a mutation of one job. */
export class JobActionResultDto {
  @ApiProperty({ example: '12345' })
  job_id!: string;

  @ApiProperty({ description: 'State after the action, as Slurm reports it', example: 'CANCELLED' })
  state!: string;

  @ApiProperty({ example: 'Job cancelled successfully' })
  message!: string;
}

/** The job output routes' query (spec: "Get Job Output"). */
export class JobOutputQueryDto extends ClusterQueryDto {
  @ApiPropertyOptional({
    description: 'Lines from the end of the file (default 100, at most 10000)',
    minimum: 1,
    maximum: 10_000,
    example: 100,
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(10_000)
  lines?: number;

  @ApiPropertyOptional({
    description:
      'Stream new lines as Server-Sent Events (text/event-stream) until the job ends: events ' +
      '"line" (data: the line), "reset" (file truncated), "end" (data: {"state": ...})',
    example: false,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  follow?: boolean;
}
