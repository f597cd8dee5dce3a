import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `?cluster=` accepted across the API; omitted = the first configured cluster. */
export class ClusterQueryDto {
  @ApiPropertyOptional({
    description: 'Cluster name (default: the first configured cluster)',
    example: 'main',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cluster?: string;
}
