import { ApiProperty } from '@nestjs/swagger';

export class AssociationDto {
  @ApiProperty({ example: 'research' })
  account!: string;

  @ApiProperty({
    description: 'null = every partition',
    example: 'gpu',
    nullable: true,
    type: String,
  })
  partition!: string | null;

  @ApiProperty({ example: ['normal', 'high'], type: [String] })
  qos!: string[];
}

/** One Slurm user as GET /v1/users returns it (accounting + live job counts). */
export class UserDto {
  @ApiProperty({ example: 'alice' })
  username!: string;

  @ApiProperty({ example: 'research', nullable: true, type: String })
  default_account!: string | null;

  @ApiProperty({ enum: ['none', 'operator', 'administrator'], example: 'none' })
  admin_level!: string;

  @ApiProperty({ description: 'Running jobs now (live snapshot)', example: 15 })
  jobs_running!: number;

  @ApiProperty({ description: 'Pending jobs now (live snapshot)', example: 3 })
  jobs_pending!: number;

  @ApiProperty({
    description:
      'Allocated CPU time (CPUs × run time) inside the window: the current month unless ' +
      'start_time/end_time say otherwise. Whole hours from 100h, else two decimals.',
    example: '1247h',
  })
  cpu_time_used!: string;

  @ApiProperty({ description: 'The same in CPU seconds', example: 4489200 })
  cpu_time_used_seconds!: number;

  @ApiProperty({ type: [AssociationDto] })
  associations!: AssociationDto[];
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] })
  users!: UserDto[];

  @ApiProperty({ example: 42 })
  total!: number;

  @ApiProperty({ example: 100 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({ example: false })
  has_more!: boolean;
}
