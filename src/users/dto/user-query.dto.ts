import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { ClusterQueryDto } from '../../common/http/index.js';
import { PagingQueryDto } from '../../common/pagination/index.js';

/** The CPU time window; both default to the current month (UTC) up to now. */
export class CpuWindowQueryDto extends ClusterQueryDto {
  @ApiPropertyOptional({
    description: 'Start of the CPU time window (ISO 8601; default: 1st of this month, 00:00 UTC)',
    example: '2023-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  start_time?: string;

  @ApiPropertyOptional({
    description: 'End of the CPU time window (ISO 8601; default: now)',
    example: '2023-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  end_time?: string;
}

export class ListUsersQueryDto extends IntersectionType(CpuWindowQueryDto, PagingQueryDto) {}

export class UserParamsDto {
  @ApiProperty({ example: 'alice' })
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/, { message: 'username is not a valid user name' })
  username!: string;
}
