import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ClusterQueryDto } from '../../common/http/index.js';
import { SEARCH_TYPES } from '../search-documents.js';

export const SEARCH_TYPE_PARAMS = ['jobs', 'nodes', 'users', 'partitions'] as const;
export type SearchTypeParam = (typeof SEARCH_TYPE_PARAMS)[number];

export class SearchQueryDto extends ClusterQueryDto {
  @ApiProperty({
    description:
      'Words to find in names, users, accounts, partitions, states and features; results ' +
      'matching more of the words rank first',
    example: 'alice gpu',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q!: string;

  @ApiPropertyOptional({ enum: SEARCH_TYPE_PARAMS, description: 'Only this resource type' })
  @IsOptional()
  @IsIn(SEARCH_TYPE_PARAMS)
  type?: SearchTypeParam;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class SearchResultDto {
  @ApiProperty({ enum: SEARCH_TYPES, example: 'job' })
  type!: string;

  @ApiProperty({ example: '12345' })
  id!: string;

  @ApiProperty({ example: "alice's job simulation" })
  title!: string;

  @ApiProperty({ example: 'RUNNING on gpu partition, 4 GPUs' })
  description!: string;

  @ApiProperty({ example: '/v1/jobs/12345' })
  url!: string;

  @ApiProperty({
    description: 'Relevance, 0..1; the best hit matching every word is 1',
    example: 0.95,
  })
  score!: number;
}

export class SearchResponseDto {
  @ApiProperty({ type: [SearchResultDto] })
  results!: SearchResultDto[];

  @ApiProperty({ description: 'Matches before the limit', example: 15 })
  total!: number;

  @ApiProperty({ description: 'Seconds spent answering', example: 0.045 })
  query_time!: number;
}
