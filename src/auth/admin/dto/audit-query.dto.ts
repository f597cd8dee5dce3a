import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PagingQueryDto } from '../../../common/pagination/index.js';

export class AuditQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ example: 'job.hold' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  action?: string;

  @ApiPropertyOptional({ example: 'alice', description: 'Principal name' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  principal?: string;

  @ApiPropertyOptional({ example: 'job:12345' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  target?: string;
}
