import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ClusterQueryDto } from '../../common/http/index.js';
import { INTERVAL_NAMES, type IntervalName } from '../calc/buckets.js';

export class PerformanceQueryDto extends ClusterQueryDto {
  @ApiPropertyOptional({
    description: 'Start of the range, ISO 8601 (default: end_time − 24 h)',
    example: '2023-12-14T14:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  start_time?: string;

  @ApiPropertyOptional({
    description: 'End of the range (exclusive), ISO 8601 (default: now)',
    example: '2023-12-15T14:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  end_time?: string;

  @ApiPropertyOptional({
    description: 'Aggregation interval',
    enum: INTERVAL_NAMES,
    default: '1h',
    example: '1h',
  })
  @IsOptional()
  @IsIn(INTERVAL_NAMES)
  interval?: IntervalName;
}

export class PerformancePointDto {
  @ApiProperty({ description: 'Start of the bucket', example: '2023-12-15T14:00:00Z' })
  timestamp!: string;

  @ApiProperty({ description: 'Mean CPU allocation of the samples, percent', example: 76.8 })
  cpu_utilization!: number;

  @ApiProperty({ example: 63.5 })
  memory_utilization!: number;

  @ApiProperty({ example: 82.1 })
  gpu_utilization!: number;

  @ApiProperty({ description: 'Jobs submitted in the bucket (accounting)', example: 45 })
  jobs_submitted!: number;

  @ApiProperty({ description: 'Jobs that ended in the bucket (accounting)', example: 38 })
  jobs_completed!: number;

  @ApiProperty({
    description: 'Mean seconds from submit to start of the jobs that started in the bucket',
    example: 720,
    nullable: true,
    type: 'integer',
  })
  avg_queue_time!: number | null;

  @ApiProperty({ description: 'Samples behind this point', example: 60 })
  samples!: number;
}

export class PerformanceSeriesDto {
  @ApiProperty({ type: [PerformancePointDto] })
  metrics!: PerformancePointDto[];

  @ApiProperty({ enum: INTERVAL_NAMES, example: '1h' })
  interval!: IntervalName;

  @ApiProperty({ example: 24 })
  count!: number;

  @ApiProperty({ example: 'main' })
  cluster!: string;

  @ApiProperty({ example: '2023-12-14T14:00:00Z' })
  start_time!: string;

  @ApiProperty({ example: '2023-12-15T14:00:00Z' })
  end_time!: string;
}
