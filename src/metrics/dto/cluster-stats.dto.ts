import { ApiProperty } from '@nestjs/swagger';

export class ClusterUtilizationDto {
  @ApiProperty({ description: 'Allocated CPUs / all CPUs of all nodes, percent', example: 78.5 })
  cpu_percent!: number;

  @ApiProperty({
    description: 'Allocated memory / real memory of all nodes, percent',
    example: 65.2,
  })
  memory_percent!: number;

  @ApiProperty({
    description: 'Allocated GPUs / all GPUs (0 without GPUs), percent',
    example: 84.7,
  })
  gpu_percent!: number;
}

export class QueueStatsDto {
  @ApiProperty({ description: 'Mean of now − submit time over pending jobs', example: '12m 34s' })
  avg_wait_time!: string;

  @ApiProperty({ description: 'Longest wait of a pending job', example: '2h 15m' })
  max_wait_time!: string;

  @ApiProperty({ description: 'Jobs finished per hour over the last 24 hours', example: 145.7 })
  throughput!: number;
}

export class ClusterStatsDto {
  @ApiProperty({ example: '2023-12-15T14:30:00Z' })
  timestamp!: string;

  @ApiProperty({ example: 'main' })
  cluster!: string;

  @ApiProperty({ type: ClusterUtilizationDto })
  cluster_utilization!: ClusterUtilizationDto;

  @ApiProperty({
    description:
      'Jobs by state: live jobs, plus jobs finished in the last 24 hours (accounting), each once',
    example: { RUNNING: 1247, PENDING: 156, COMPLETED: 45672, FAILED: 234, CANCELLED: 89 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  job_counts!: Record<string, number>;

  @ApiProperty({
    description: 'Nodes by state; drained and draining nodes count as DRAIN',
    example: { IDLE: 45, MIXED: 89, ALLOCATED: 112, DOWN: 3, DRAIN: 2 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  node_counts!: Record<string, number>;

  @ApiProperty({ type: QueueStatsDto })
  queue_stats!: QueueStatsDto;

  @ApiProperty({ description: 'Seconds since the live data was confirmed with Slurm', example: 1 })
  data_age_seconds!: number;
}
