import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClusterCapabilities, ClusterInfo } from '@app/slurm-gateway';

export class ClusterCapabilitiesDto {
  @ApiProperty({
    enum: ['rest', 'scontrol', 'none'],
    description:
      'How node state changes are made: slurmrestd, the scontrol fallback, or not at all',
    example: 'rest',
  })
  node_update!: 'rest' | 'scontrol' | 'none';

  @ApiProperty({ description: 'Accounting (slurmdbd) is available: users, history', example: true })
  accounting!: boolean;

  @ApiProperty({ description: 'Cheap job state queries are available', example: true })
  job_state_query!: boolean;

  static from(capabilities: ClusterCapabilities): ClusterCapabilitiesDto {
    return {
      node_update: capabilities.nodeUpdate,
      accounting: capabilities.accounting,
      job_state_query: capabilities.jobStateQuery,
    };
  }
}

/** Name, reachability and versions of a cluster. */
export class ClusterVersionDto {
  @ApiProperty({ example: 'main' })
  name!: string;

  @ApiProperty({ example: true })
  reachable!: boolean;

  @ApiProperty({ type: String, nullable: true, example: '24.11.5' })
  slurm_version!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'v0.0.42' })
  api_version!: string | null;

  @ApiPropertyOptional({
    description: 'Why the cluster is unreachable',
    example: 'Slurm cluster legacy: connect ECONNREFUSED 127.0.0.1:6820',
  })
  error?: string;
}

export class ClusterDto extends ClusterVersionDto {
  @ApiProperty({ description: 'The cluster used when `cluster` is omitted', example: true })
  default!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'v0.0.42' })
  accounting_api_version!: string | null;

  @ApiProperty({ type: ClusterCapabilitiesDto, nullable: true })
  capabilities!: ClusterCapabilitiesDto | null;

  static from(info: ClusterInfo, isDefault: boolean): ClusterDto {
    return {
      name: info.name,
      default: isDefault,
      reachable: true,
      slurm_version: info.slurmVersion,
      api_version: info.apiVersion,
      accounting_api_version: info.dbApiVersion,
      capabilities: ClusterCapabilitiesDto.from(info.capabilities),
    };
  }

  static unreachable(name: string, isDefault: boolean, error: string): ClusterDto {
    return {
      name,
      default: isDefault,
      reachable: false,
      slurm_version: null,
      api_version: null,
      accounting_api_version: null,
      capabilities: null,
      error,
    };
  }
}

export class ClusterListDto {
  @ApiProperty({ type: [ClusterDto] })
  clusters!: ClusterDto[];
}
