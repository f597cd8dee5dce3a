import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/index.js';
import { ClusterQueryDto } from '../common/http/index.js';
import { ApiErrors } from '../openapi/index.js';
import { ClustersService } from './clusters.service.js';
import { ClusterDto, ClusterListDto } from './dto/cluster.dto.js';

@ApiTags('Clusters')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Get()
  @ApiOperation({
    summary: 'List the configured clusters',
    description:
      'Each cluster with its Slurm version, slurmrestd API version and capabilities (node ' +
      'updates via REST, scontrol or none; accounting; job state queries). An unreachable ' +
      'cluster is listed with `reachable: false`. `?cluster=` limits the list to one cluster.',
  })
  @ApiOkResponse({ type: ClusterListDto })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.AUTHENTICATION_FAILED)
  async list(@Query() query: ClusterQueryDto): Promise<ClusterListDto> {
    return { clusters: await this.clusters.list(query.cluster) };
  }

  @Get(':name')
  @ApiOperation({
    summary: 'Get one cluster',
    description: 'Version and capabilities of one cluster; SLURM_ERROR when it cannot be reached.',
  })
  @ApiParam({ name: 'name', example: 'legacy' })
  @ApiOkResponse({ type: ClusterDto })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.AUTHENTICATION_FAILED, ErrorCode.SLURM_ERROR)
  describe(@Param('name') name: string): Promise<ClusterDto> {
    return this.clusters.describe(name);
  }
}
