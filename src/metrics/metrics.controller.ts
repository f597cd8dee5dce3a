import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal, RequireScopes } from '../auth/decorators.js';
import { ErrorCode } from '../common/errors/index.js';
import { ClusterQueryDto } from '../common/http/index.js';
import { ApiErrors } from '../openapi/index.js';
import { ClusterMetricsService } from './cluster-metrics.service.js';
import { ClusterStatsDto } from './dto/cluster-stats.dto.js';
import { EfficiencyQueryDto, EfficiencyReportDto } from './dto/efficiency.dto.js';
import { PerformanceQueryDto, PerformanceSeriesDto } from './dto/performance.dto.js';
import { EfficiencyService } from './efficiency.service.js';
import { PerformanceService } from './performance.service.js';

@ApiTags('Metrics')
@RequireScopes('metrics:read')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly cluster: ClusterMetricsService,
    private readonly performance: PerformanceService,
    private readonly efficiency: EfficiencyService,
  ) {}

  @Get('cluster')
  @ApiOperation({
    summary: 'Cluster statistics',
    description:
      'CPU, memory and GPU allocation of all nodes; jobs by state (live jobs plus jobs that ' +
      'finished in the last 24 hours according to accounting, each job once); nodes by state; ' +
      'wait of pending jobs and throughput (jobs finished per hour over 24 hours).',
  })
  @ApiOkResponse({ type: ClusterStatsDto })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.AUTHENTICATION_FAILED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.SLURM_ERROR,
  )
  clusterStats(@Query() query: ClusterQueryDto): Promise<ClusterStatsDto> {
    return this.cluster.clusterStats(query.cluster);
  }

  @Get('performance')
  @ApiOperation({
    summary: 'Performance time series',
    description:
      'Utilization averaged per interval from the samples the gateway records (every ' +
      'METRICS_SAMPLE_INTERVAL_MS; raw samples kept 7 days, then hourly means for 90 days), ' +
      'with jobs submitted/completed and mean queue time from accounting. Only intervals ' +
      'holding at least one sample appear.',
  })
  @ApiOkResponse({ type: PerformanceSeriesDto })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.AUTHENTICATION_FAILED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.SLURM_ERROR,
  )
  performanceSeries(@Query() query: PerformanceQueryDto): Promise<PerformanceSeriesDto> {
    return this.performance.series(query);
  }

  @Get('efficiency')
  @ApiOperation({
    summary: 'Job efficiency (seff)',
    description:
      'For finished jobs: CPU efficiency = TotalCPU / (Elapsed × AllocCPUS), memory efficiency ' +
      '= MaxRSS / requested memory, wasted core-hours; least efficient first, with an aggregate ' +
      'over all matching jobs. Users see only their own jobs; operators and admins anyone’s.',
  })
  @ApiOkResponse({ type: EfficiencyReportDto })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.AUTHENTICATION_FAILED,
    ErrorCode.PERMISSION_DENIED,
    ErrorCode.SLURM_ERROR,
  )
  efficiencyReport(
    @CurrentPrincipal() principal: Principal | undefined,
    @Query() query: EfficiencyQueryDto,
  ): Promise<EfficiencyReportDto> {
    return this.efficiency.report(principal, query);
  }
}
