import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PagingQueryDto } from '../../common/pagination/index.js';

export class EfficiencyQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({
    description: 'Cluster name (default: the first configured)',
    example: 'main',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cluster?: string;

  @ApiPropertyOptional({
    description: "Only this user's jobs (users may only ask for their own; default for them)",
    example: 'alice',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'user must be a Slurm user name' })
  user?: string;

  @ApiPropertyOptional({ description: 'Only jobs of this partition', example: 'gpu' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'partition must be a partition name' })
  partition?: string;

  @ApiPropertyOptional({
    description: 'Minimum elapsed time: seconds ("90"), "30m", "2h", or Slurm style "1:00:00"',
    example: '1:00:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  min_runtime?: string;

  @ApiPropertyOptional({
    description: 'Jobs that ended at or after this time, ISO 8601 (default: end_time − 7 days)',
    example: '2023-12-08T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  start_time?: string;

  @ApiPropertyOptional({
    description: 'Jobs that ended before this time, ISO 8601 (default: now)',
    example: '2023-12-15T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  end_time?: string;
}

export class JobEfficiencyDto {
  @ApiProperty({ example: '12345' })
  job_id!: string;

  @ApiProperty({ example: 'simulation_run' })
  job_name!: string;

  @ApiProperty({ example: 'alice' })
  user!: string;

  @ApiProperty({ example: 'research', nullable: true, type: String })
  account!: string | null;

  @ApiProperty({ example: 'normal', nullable: true, type: String })
  partition!: string | null;

  @ApiProperty({ example: 'COMPLETED' })
  state!: string;

  @ApiProperty({ example: '2023-12-15T10:32:15Z', nullable: true, type: String })
  start_time!: string | null;

  @ApiProperty({ example: '2023-12-15T12:47:45Z', nullable: true, type: String })
  end_time!: string | null;

  @ApiProperty({ description: 'Elapsed wall time', example: '2:15:30' })
  elapsed_time!: string;

  @ApiProperty({ example: 8130 })
  elapsed_seconds!: number;

  @ApiProperty({ example: 16 })
  alloc_cpus!: number;

  @ApiProperty({ description: 'User + system CPU time of all steps, seconds', example: 110568.2 })
  total_cpu_seconds!: number;

  @ApiProperty({ description: 'TotalCPU / (Elapsed × AllocCPUS), a fraction', example: 0.85 })
  cpu_efficiency!: number;

  @ApiProperty({ example: '64GB', nullable: true, type: String })
  requested_memory!: string | null;

  @ApiProperty({
    description: 'Largest MaxRSS of the steps',
    example: '43GB',
    nullable: true,
    type: String,
  })
  max_memory_used!: string | null;

  @ApiProperty({ example: 65536, nullable: true, type: Number })
  requested_memory_mb!: number | null;

  @ApiProperty({ example: 44032, nullable: true, type: Number })
  max_memory_used_mb!: number | null;

  @ApiProperty({
    description: 'MaxRSS / requested memory, a fraction; null when Slurm recorded no MaxRSS',
    example: 0.67,
    nullable: true,
    type: Number,
  })
  memory_efficiency!: number | null;

  @ApiProperty({ description: '(Elapsed × AllocCPUS − TotalCPU) in hours', example: 5.42 })
  wasted_core_hours!: number;
}

export class EfficiencySummaryDto {
  @ApiProperty({ example: 42 })
  job_count!: number;

  @ApiProperty({ description: 'Σ Elapsed × AllocCPUS, hours', example: 1250.5 })
  core_hours!: number;

  @ApiProperty({ description: 'Σ TotalCPU, hours', example: 980.1 })
  cpu_hours_used!: number;

  @ApiProperty({
    description: 'Σ TotalCPU / Σ core time',
    example: 0.78,
    nullable: true,
    type: Number,
  })
  cpu_efficiency!: number | null;

  @ApiProperty({
    description: 'Σ MaxRSS / Σ requested memory',
    example: 0.55,
    nullable: true,
    type: Number,
  })
  memory_efficiency!: number | null;

  @ApiProperty({ example: 270.4 })
  wasted_core_hours!: number;
}

export class EfficiencyReportDto {
  @ApiProperty({ example: 'main' })
  cluster!: string;

  @ApiProperty({ example: '2023-12-08T00:00:00Z' })
  start_time!: string;

  @ApiProperty({ example: '2023-12-15T00:00:00Z' })
  end_time!: string;

  @ApiProperty({
    type: EfficiencySummaryDto,
    description: 'Over every matching job, not only this page',
  })
  summary!: EfficiencySummaryDto;

  @ApiProperty({ type: [JobEfficiencyDto], description: 'Least efficient first' })
  jobs!: JobEfficiencyDto[];

  @ApiProperty({ example: 42 })
  total!: number;

  @ApiProperty({ example: 100 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({ example: false })
  has_more!: boolean;
}
