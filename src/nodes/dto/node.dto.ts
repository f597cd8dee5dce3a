import { ApiProperty } from '@nestjs/swagger';

/** One node as GET /v1/nodes and /v1/nodes/{node_name} return it. */
export class NodeDto {
  @ApiProperty({ example: 'node001' })
  node_name!: string;

  @ApiProperty({
    description: 'Base state: IDLE, MIXED, ALLOCATED, DOWN, ERROR, FUTURE or UNKNOWN',
    example: 'MIXED',
  })
  state!: string;

  @ApiProperty({
    description: 'State flags after the base state (Slurm prints them as IDLE+DRAIN)',
    example: [],
    type: [String],
  })
  state_flags!: string[];

  @ApiProperty({ example: ['gpu', 'normal'], type: [String] })
  partitions!: string[];

  @ApiProperty({ example: 32 })
  cpu_total!: number;

  @ApiProperty({ example: 16 })
  cpu_allocated!: number;

  @ApiProperty({
    description: '1-minute load average',
    example: 14.2,
    nullable: true,
    type: Number,
  })
  cpu_load!: number | null;

  @ApiProperty({ example: '128GB' })
  memory_total!: string;

  @ApiProperty({ example: '64GB' })
  memory_allocated!: string;

  @ApiProperty({
    description: 'Free memory as the OS reports it',
    example: '58GB',
    nullable: true,
    type: String,
  })
  memory_free!: string | null;

  @ApiProperty({ description: 'GPUs from GRES', example: 4 })
  gpus_total!: number;

  @ApiProperty({ example: 2 })
  gpus_allocated!: number;

  @ApiProperty({ example: ['gpu', 'cuda', 'infiniband'], type: [String] })
  features!: string[];

  @ApiProperty({ example: 'x86_64', nullable: true, type: String })
  architecture!: string | null;

  @ApiProperty({ example: 'Linux 5.4.0-74-generic', nullable: true, type: String })
  os!: string | null;

  @ApiProperty({
    format: 'date-time',
    example: '2023-12-01T08:30:00Z',
    nullable: true,
    type: String,
  })
  boot_time!: string | null;

  @ApiProperty({
    format: 'date-time',
    example: '2023-12-15T12:45:30Z',
    nullable: true,
    type: String,
  })
  last_busy!: string | null;

  @ApiProperty({
    description: 'Ids of the jobs running (or suspended, completing) on the node',
    example: ['12345', '12347'],
    type: [String],
  })
  jobs!: string[];

  @ApiProperty({ example: null, nullable: true, type: String })
  reason!: string | null;
}

export class NodeListDto {
  @ApiProperty({ type: [NodeDto] })
  nodes!: NodeDto[];

  @ApiProperty({ example: 256 })
  total!: number;

  @ApiProperty({ example: 100 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({ example: true })
  has_more!: boolean;
}

/** Answer of drain, resume and state changes: the node as Slurm now reports it. */
export class NodeActionResultDto {
  @ApiProperty({ example: 'node001' })
  node_name!: string;

  @ApiProperty({ example: 'DRAIN', description: 'The state that was requested' })
  action!: string;

  @ApiProperty({ example: 'Node node001 drained; it resumes at 2023-12-15T16:30:00Z' })
  message!: string;

  @ApiProperty({
    description: 'When a drain with a timeout resumes the node; null otherwise',
    format: 'date-time',
    example: '2023-12-15T16:30:00Z',
    nullable: true,
    type: String,
  })
  resume_at!: string | null;

  @ApiProperty({ type: NodeDto })
  node!: NodeDto;
}
