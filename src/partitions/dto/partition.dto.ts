import { ApiProperty } from '@nestjs/swagger';

/** One partition as GET /v1/partitions returns it; counts come from the node snapshot. */
export class PartitionDto {
  @ApiProperty({ example: 'gpu' })
  name!: string;

  @ApiProperty({ description: 'UP, DOWN, DRAIN or INACTIVE', example: 'UP' })
  state!: string;

  @ApiProperty({ example: 32 })
  nodes_total!: number;

  @ApiProperty({
    description: 'Idle nodes that can take work (an idle node being drained is not counted)',
    example: 8,
  })
  nodes_idle!: number;

  @ApiProperty({ example: 20 })
  nodes_allocated!: number;

  @ApiProperty({ example: 4 })
  nodes_mixed!: number;

  @ApiProperty({ example: 1024 })
  cpus_total!: number;

  @ApiProperty({ description: 'Allocated CPUs on the partition nodes', example: 756 })
  cpus_allocated!: number;

  @ApiProperty({ example: '2:00:00', nullable: true, type: String })
  default_time!: string | null;

  @ApiProperty({ description: '"UNLIMITED" when there is no limit', example: '7-00:00:00' })
  max_time!: string;

  @ApiProperty({ description: 'null = unlimited', example: 16, nullable: true, type: Number })
  max_nodes!: number | null;

  @ApiProperty({ description: 'Priority tier', example: 1000, nullable: true, type: Number })
  priority!: number | null;

  @ApiProperty({ description: 'Partition QOS', example: 'normal', nullable: true, type: String })
  qos!: string | null;

  @ApiProperty({
    description: "Union of the partition's node features",
    example: ['gpu', 'cuda'],
    type: [String],
  })
  features!: string[];
}

export class PartitionListDto {
  @ApiProperty({ type: [PartitionDto] })
  partitions!: PartitionDto[];
}
