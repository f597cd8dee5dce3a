import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/index.js';

export class ErrorBodyDto {
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', example: ErrorCode.RESOURCE_NOT_FOUND })
  code!: ErrorCode;

  @ApiProperty({ example: 'Job 99999 not found' })
  message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Machine-readable context; VALIDATION_ERROR carries `fields: [{field, messages}]`, ' +
      'SLURM_ERROR carries `cluster` and `slurm_error_number`',
    example: { resource_type: 'job', resource_id: '99999' },
  })
  details!: Record<string, unknown>;

  @ApiProperty({ description: 'Also sent as the X-Request-Id header', example: 'req_abc123' })
  request_id!: string;

  @ApiProperty({ format: 'date-time', example: '2023-12-15T14:30:00Z' })
  timestamp!: string;
}

export class ErrorEnvelopeDto {
  @ApiProperty({ type: ErrorBodyDto })
  error!: ErrorBodyDto;
}
