import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/decorators.js';
import { ErrorCode } from '../common/errors/index.js';
import { ClusterQueryDto } from '../common/http/index.js';
import { ApiErrors } from '../openapi/index.js';
import { PartitionParamsDto } from './dto/partition-params.dto.js';
import { PartitionDto, PartitionListDto } from './dto/partition.dto.js';
import { PartitionsService } from './partitions.service.js';

const ERRORS = [
  ErrorCode.VALIDATION_ERROR,
  ErrorCode.AUTHENTICATION_FAILED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.SLURM_ERROR,
];

@ApiTags('Partitions')
@Controller('partitions')
@RequireScopes('nodes:read')
export class PartitionsController {
  constructor(private readonly partitions: PartitionsService) {}

  @Get()
  @ApiOperation({
    summary: 'List partitions',
    description:
      "Partitions in Slurm's order with node counts by state and allocated CPUs from the " +
      'live node snapshot; features are the union of the nodes’ features.',
  })
  @ApiOkResponse({ type: PartitionListDto })
  @ApiErrors(...ERRORS)
  list(@Query() query: ClusterQueryDto): Promise<PartitionListDto> {
    return this.partitions.list(query.cluster);
  }

  @Get(':name')
  @ApiOperation({ summary: 'Get one partition' })
  @ApiOkResponse({ type: PartitionDto })
  @ApiErrors(...ERRORS, ErrorCode.RESOURCE_NOT_FOUND)
  get(@Param() params: PartitionParamsDto, @Query() query: ClusterQueryDto): Promise<PartitionDto> {
    return this.partitions.get(params.name, query.cluster);
  }
}
