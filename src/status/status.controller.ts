import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import { StatusDto } from './dto/status.dto.js';
import { StatusService } from './status.service.js';

@ApiTags('Status')
@Controller('status')
export class StatusController {
  constructor(private readonly statusService: StatusService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Service health',
    description:
      'API version, each cluster (Slurm version, API plugin version, reachability), Postgres ' +
      'and Redis. 200 when everything is up; 503 with the same body naming what is down.',
    security: [],
  })
  @ApiResponse({ status: 200, description: 'Everything is up', type: StatusDto })
  @ApiResponse({
    status: 503,
    description: 'Something is down (listed in `down`)',
    type: StatusDto,
    example: {
      status: 'degraded',
      version: '0.1.0',
      timestamp: '2023-12-15T14:30:00Z',
      clusters: [
        { name: 'main', reachable: true, slurm_version: '24.11.5', api_version: 'v0.0.42' },
        {
          name: 'legacy',
          reachable: false,
          slurm_version: null,
          api_version: null,
          error: 'Slurm cluster legacy: connect ECONNREFUSED 127.0.0.1:6820',
        },
      ],
      database: { status: 'up' },
      redis: { status: 'up' },
      down: ['cluster:legacy'],
    },
  })
  async status(@Res({ passthrough: true }) res: Response): Promise<StatusDto> {
    const status = await this.statusService.status();
    res.status(status.status === 'ok' ? 200 : 503);
    return status;
  }
}
