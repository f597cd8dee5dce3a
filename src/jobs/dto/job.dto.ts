import { ApiProperty } from '@nestjs/swagger';

/** A job as lists show it (spec: "List Jobs"). */
export class JobDto {
  @ApiProperty({ example: '12345' })
  job_id!: string;

  @ApiProperty({ example: 'simulation_run' })
  job_name!: string;

  @ApiProperty({ example: 'alice' })
  user!: string;

  @ApiProperty({ type: String, nullable: true, example: 'research' })
  account!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'gpu' })
  partition!: string | null;

  @ApiProperty({
    description: "Slurm's base state (PENDING, RUNNING, COMPLETED, CANCELLED, FAILED, ...)",
    example: 'RUNNING',
  })
  state!: string;

  @ApiProperty({ type: String, nullable: true, example: '2023-12-15T10:30:00Z' })
  submit_time!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2023-12-15T10:32:15Z' })
  start_time!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null until the job ends',
    example: null,
  })
  end_time!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Slurm style [D-]H:MM:SS',
    example: '2:15:30',
  })
  elapsed_time!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null = unlimited',
    example: '4:00:00',
  })
  time_limit!: string | null;

  @ApiProperty({ type: [String], example: ['node001', 'node002'] })
  nodes!: string[];

  @ApiProperty({ example: 2 })
  node_count!: number;

  @ApiProperty({ example: 32 })
  cpu_count!: number;

  @ApiProperty({ type: String, nullable: true, example: '128GB' })
  memory!: string | null;

  @ApiProperty({ example: 4 })
  gpus!: number;

  @ApiProperty({ type: Number, nullable: true, example: 1000 })
  priority!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'normal' })
  qos!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '/home/alice/simulations' })
  working_directory!: string | null;

  @ApiProperty({
    description: 'Path of the stdout file on the cluster, patterns resolved',
    example: '/home/alice/logs/job_12345.out',
  })
  standard_output!: string;

  @ApiProperty({ example: '/home/alice/logs/job_12345.err' })
  standard_error!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'null until the job ends',
    example: null,
  })
  exit_code!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why a job waits or failed',
    example: null,
  })
  reason!: string | null;
}

export class JobListDto {
  @ApiProperty({ type: [JobDto] })
  jobs!: JobDto[];

  @ApiProperty({ example: 156 })
  total!: number;

  @ApiProperty({ example: 50 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({ example: true })
  has_more!: boolean;
}

export class JobResourcesDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'TotalCPU / (Elapsed × AllocCPUS) from accounting',
    example: 0.85,
  })
  cpu_efficiency!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'MaxRSS / requested memory',
    example: 0.67,
  })
  memory_efficiency!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Always null: Slurm does not record GPU utilization',
    example: null,
  })
  gpu_utilization!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Largest MaxRSS of a step',
    example: '89GB',
  })
  max_memory_used!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'CPU time used (user + system) over all steps, in hours',
    example: '127.5h',
  })
  max_cpu_time!: string | null;
}

export class JobDependencyDto {
  @ApiProperty({
    enum: ['after', 'afterok', 'afternotok', 'afterany', 'aftercorr', 'singleton'],
    example: 'afterok',
  })
  type!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for singleton',
    example: '12344',
  })
  job_id!: string | null;
}

/** One job in full (spec: "Get Job Details"). */
export class JobDetailDto extends JobDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Script path or command; null for callers other than the owner, operators and admins',
    example: '/home/alice/scripts/run_simulation.sh',
  })
  command!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description:
      'Environment given at submission (jobs submitted through this API, or accounting when the ' +
      'site stores it); null when unknown or for callers other than the owner, operators and admins',
    example: { PATH: '/usr/local/bin:/usr/bin:/bin', CUDA_VISIBLE_DEVICES: '0,1,2,3' },
  })
  environment!: Record<string, string> | null;

  @ApiProperty({ type: JobResourcesDto })
  resources!: JobResourcesDto;

  @ApiProperty({ type: [JobDependencyDto], example: [] })
  dependencies!: JobDependencyDto[];

  @ApiProperty({ type: String, nullable: true, example: null })
  array_job_id!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: null })
  array_task_id!: number | null;

  @ApiProperty({
    enum: ['live', 'accounting'],
    description: 'Where the record came from: slurmctld (live) or accounting (finished jobs)',
    example: 'live',
  })
  source!: 'live' | 'accounting';
}
