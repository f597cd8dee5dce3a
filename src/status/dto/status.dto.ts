import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClusterVersionDto } from '../../clusters/dto/cluster.dto.js';

/** A cluster's reachability and versions (the same fields as in GET /v1/clusters). */
export class ClusterStatusDto extends ClusterVersionDto {}

export class ComponentStatusDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 127.0.0.1:5433' })
  error?: string;
}

export class StatusDto {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: '`ok` (HTTP 200) when every component is up, else `degraded` (HTTP 503)',
    example: 'ok',
  })
  status!: 'ok' | 'degraded';

  @ApiProperty({ description: 'S9S API version', example: '0.1.0' })
  version!: string;

  @ApiProperty({ format: 'date-time', example: '2023-12-15T14:30:00Z' })
  timestamp!: string;

  @ApiProperty({ type: [ClusterStatusDto] })
  clusters!: ClusterStatusDto[];

  @ApiProperty({ type: ComponentStatusDto })
  database!: ComponentStatusDto;

  @ApiProperty({ type: ComponentStatusDto })
  redis!: ComponentStatusDto;

  @ApiProperty({
    description: 'What is down, e.g. ["cluster:legacy", "redis"]; empty when all is up',
    example: [],
    type: [String],
  })
  down!: string[];
}
