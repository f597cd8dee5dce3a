import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ClusterQueryDto } from '../../common/http/index.js';
import { PagingQueryDto } from '../../common/pagination/index.js';
import { splitList } from '../node-filter.js';
import { NODE_STATE_FILTER_NAMES } from '../node-state.js';

/** "true"/"false" (any case, also 1/0) → boolean; anything else is left for IsBoolean to reject. */
function parseBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return value;
}

function upperList({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? splitList(value.toUpperCase()) : value;
}

function list({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? splitList(value) : value;
}

export class ListNodesQueryDto extends IntersectionType(PagingQueryDto, ClusterQueryDto) {
  @ApiPropertyOptional({
    description:
      'Node state(s), comma separated, any may match: a base state (IDLE, MIXED, ALLOCATED, ' +
      'DOWN...), a flag (DRAIN, NOT_RESPONDING...) or DRAINED / DRAINING as sinfo prints them',
    example: 'IDLE,MIXED',
    type: String,
  })
  @IsOptional()
  @Transform(upperList)
  @IsIn(NODE_STATE_FILTER_NAMES, { each: true })
  state?: string[];

  @ApiPropertyOptional({ description: 'Nodes of this partition', example: 'gpu' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  partition?: string;

  @ApiPropertyOptional({
    description: 'Features, comma separated; a node must have all of them',
    example: 'gpu,a100',
    type: String,
  })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  features?: string[];

  @ApiPropertyOptional({
    description:
      'true: only nodes that can take work now (idle, or mixed with free CPUs, and not ' +
      'drained, down, failing or reserved); false: only the others',
    example: true,
    type: Boolean,
  })
  @IsOptional()
  @Transform(parseBoolean)
  @IsBoolean()
  available?: boolean;
}
