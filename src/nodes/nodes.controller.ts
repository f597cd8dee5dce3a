import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, RequireScopes } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../common/errors/index.js';
import { ClusterQueryDto } from '../common/http/index.js';
import { ApiErrors } from '../openapi/index.js';
import { setDataAge } from './data-age.js';
import { ListNodesQueryDto } from './dto/list-nodes.query.js';
import { DrainNodeDto, NodeStateDto } from './dto/node-actions.dto.js';
import { NodeParamsDto } from './dto/node-params.dto.js';
import { NodeActionResultDto, NodeDto, NodeListDto } from './dto/node.dto.js';
import { NodeAdminService } from './node-admin.service.js';
import { NodesService } from './nodes.service.js';

const READ_ERRORS = [
  ErrorCode.VALIDATION_ERROR,
  ErrorCode.AUTHENTICATION_FAILED,
  ErrorCode.PERMISSION_DENIED,
  ErrorCode.SERVICE_UNAVAILABLE,
];
const WRITE_ERRORS = [...READ_ERRORS, ErrorCode.RESOURCE_NOT_FOUND, ErrorCode.SLURM_ERROR];

@ApiTags('Nodes')
@Controller('nodes')
export class NodesController {
  constructor(
    private readonly nodes: NodesService,
    private readonly admin: NodeAdminService,
  ) {}

  @Get()
  @RequireScopes('nodes:read')
  @ApiOperation({
    summary: 'List nodes',
    description:
      'Nodes from the live snapshot, sorted by name, with the jobs running on each. Filters ' +
      'combine with AND. `Age`/`X-Data-Age` tell how old the snapshot is.',
  })
  @ApiOkResponse({ type: NodeListDto })
  @ApiErrors(...READ_ERRORS)
  async list(
    @Query() query: ListNodesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NodeListDto> {
    const { body, ageSeconds } = await this.nodes.list(query);
    setDataAge(res, ageSeconds);
    return body;
  }

  @Get(':node_name')
  @RequireScopes('nodes:read')
  @ApiOperation({ summary: 'Get node details' })
  @ApiOkResponse({ type: NodeDto })
  @ApiErrors(...READ_ERRORS, ErrorCode.RESOURCE_NOT_FOUND)
  async get(
    @Param() params: NodeParamsDto,
    @Query() query: ClusterQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NodeDto> {
    const { body, ageSeconds } = await this.nodes.get(params.node_name, query.cluster);
    setDataAge(res, ageSeconds);
    return body;
  }

  @Put(':node_name/drain')
  @RequireScopes('nodes:write')
  @ApiOperation({
    summary: 'Drain a node',
    description:
      'Operator or admin. Running jobs finish, no new ones start. With `timeout` the node is ' +
      'resumed automatically when it expires (kept in Redis: survives restarts), unless its ' +
      'drain reason was changed meanwhile.',
  })
  @ApiOkResponse({ type: NodeActionResultDto })
  @ApiErrors(...WRITE_ERRORS)
  drain(
    @Param() params: NodeParamsDto,
    @Query() query: ClusterQueryDto,
    @Body() body: DrainNodeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NodeActionResultDto> {
    return this.admin.drain({ principal, cluster: query.cluster, node: params.node_name }, body);
  }

  @Put(':node_name/resume')
  @RequireScopes('nodes:write')
  @ApiOperation({
    summary: 'Resume a node',
    description: 'Operator or admin. Ends a drain (and cancels a pending timed resume).',
  })
  @ApiOkResponse({ type: NodeActionResultDto })
  @ApiErrors(...WRITE_ERRORS)
  resume(
    @Param() params: NodeParamsDto,
    @Query() query: ClusterQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NodeActionResultDto> {
    return this.admin.resume({ principal, cluster: query.cluster, node: params.node_name });
  }

  @Put(':node_name/state')
  @RequireScopes('nodes:write')
  @ApiOperation({
    summary: 'Set a node state',
    description:
      'Operator or admin. DOWN, IDLE, DRAIN, RESUME or UNDRAIN; `reason` is required for DOWN ' +
      'and DRAIN. Cancels a pending timed resume.',
  })
  @ApiOkResponse({ type: NodeActionResultDto })
  @ApiErrors(...WRITE_ERRORS)
  setState(
    @Param() params: NodeParamsDto,
    @Query() query: ClusterQueryDto,
    @Body() body: NodeStateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NodeActionResultDto> {
    return this.admin.setState({ principal, cluster: query.cluster, node: params.node_name }, body);
  }
}
