import { ApiProperty } from '@nestjs/swagger';

/** GET /v1/jobs/{job_id}/output and /error. */
export class JobOutputDto {
  @ApiProperty({ example: '12345' })
  job_id!: string;

  @ApiProperty({ enum: ['output', 'error'], example: 'output' })
  stream!: 'output' | 'error';

  @ApiProperty({
    description: 'The file as the cluster names it, patterns resolved',
    example: '/home/alice/logs/job_12345.out',
  })
  path!: string;

  @ApiProperty({
    type: [String],
    description: 'The last lines, oldest first',
    example: ['step 99 done', 'finished'],
  })
  lines!: string[];

  @ApiProperty({
    description: 'True when the file holds more than the lines returned',
    example: true,
  })
  truncated!: boolean;

  @ApiProperty({ description: 'File size in bytes', example: 52342 })
  size_bytes!: number;
}
