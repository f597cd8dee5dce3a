import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { DRAIN_TIMEOUT_PATTERN } from '../drain-timeout.js';

/** Reason texts end up in slurm.conf-style state; keep them one printable line. */
const REASON_PATTERN = /^[^\r\n\t]+$/;
const MAX_REASON = 256;

export class DrainNodeDto {
  @ApiProperty({
    description: 'Why the node is drained (shown by sinfo -R)',
    example: 'Hardware maintenance',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REASON)
  @Matches(REASON_PATTERN, { message: 'reason must be a single line' })
  reason!: string;

  @ApiPropertyOptional({
    description:
      'Resume the node automatically after this long: "90s", "30m", "2h", "1d", "1h30m" ' +
      '(at most 30 days). A later drain, resume or state change cancels it.',
    example: '2h',
  })
  @IsOptional()
  @IsString()
  @Matches(DRAIN_TIMEOUT_PATTERN, { message: 'timeout must look like 90s, 30m, 2h, 1d or 1h30m' })
  timeout?: string;
}

export const NODE_STATE_REQUESTS = ['DOWN', 'IDLE', 'DRAIN', 'RESUME', 'UNDRAIN'] as const;
export type NodeStateRequest = (typeof NODE_STATE_REQUESTS)[number];

export class NodeStateDto {
  @ApiProperty({ enum: NODE_STATE_REQUESTS, example: 'DOWN' })
  @IsIn(NODE_STATE_REQUESTS)
  state!: NodeStateRequest;

  @ApiPropertyOptional({ description: 'Required for DOWN and DRAIN', example: 'Hardware failure' })
  @ValidateIf(
    (o: NodeStateDto) => o.state === 'DOWN' || o.state === 'DRAIN' || o.reason !== undefined,
  )
  @IsString()
  @IsNotEmpty({ message: 'reason is required for DOWN and DRAIN' })
  @MaxLength(MAX_REASON)
  @Matches(REASON_PATTERN, { message: 'reason must be a single line' })
  reason?: string;
}
