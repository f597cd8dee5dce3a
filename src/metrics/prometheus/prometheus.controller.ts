import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireScopes } from '../../auth/decorators.js';
import { ErrorCode } from '../../common/errors/index.js';
import { ApiErrors } from '../../openapi/index.js';
import { PrometheusCollector } from './prometheus.collector.js';

/** GET /metrics (outside /v1, where Prometheus looks by default). */
@ApiTags('Metrics')
@RequireScopes('metrics:read')
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly collector: PrometheusCollector) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus exposition',
    description:
      'The gateway (s9s_http_*, s9s_slurmrestd_*, s9s_snapshot_age_seconds, s9s_queue_jobs, ' +
      's9s_websocket_connections, process metrics) and each cluster under the names of ' +
      'prometheus-slurm-exporter (slurm_nodes_*, slurm_queue_*, slurm_cpus_*, slurm_gpus_*) ' +
      'with a `cluster` label. Needs scope metrics:read (a bearer token in the scrape config).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text format 0.0.4',
    schema: { type: 'string', example: 'slurm_nodes_idle{cluster="main"} 4\n' },
  })
  @ApiErrors(ErrorCode.AUTHENTICATION_FAILED, ErrorCode.PERMISSION_DENIED)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.collector.render();
    res.setHeader('Content-Type', this.collector.contentType);
    return body;
  }
}
