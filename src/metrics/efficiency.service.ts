import { Injectable } from '@nestjs/common';
import type { JobHistoryRecord } from '@app/slurm-gateway';
import { isPrivileged, type Principal } from '../auth/principal.js';
import { ApiError, ErrorCode } from '../common/errors/index.js';
import { formatDuration, formatMemory, toIso } from '../common/format/index.js';
import { paginate } from '../common/pagination/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { AccountingReader, DAY_SECONDS } from './accounting.reader.js';
import {
  efficiency,
  hasEfficiency,
  leastEfficientFirst,
  summarize,
  type Efficiency,
} from './calc/efficiency.js';
import { isFinished } from './calc/job-counts.js';
import { parseRuntimeSeconds } from './calc/runtime.js';
import type {
  EfficiencyQueryDto,
  EfficiencyReportDto,
  JobEfficiencyDto,
} from './dto/efficiency.dto.js';
import { resolveTimeRange } from './time-range.js';

const DEFAULT_SPAN_SECONDS = 7 * DAY_SECONDS;
const MAX_SPAN_SECONDS = 366 * DAY_SECONDS;

type Rated = { record: JobHistoryRecord; id: string } & Efficiency;

function jobView({ record: r, ...e }: Rated): JobEfficiencyDto {
  return {
    job_id: r.id,
    job_name: r.name,
    user: r.user,
    account: r.account,
    partition: r.partition,
    state: r.state,
    start_time: toIso(r.startTime),
    end_time: toIso(r.endTime),
    elapsed_time: formatDuration(r.elapsed),
    elapsed_seconds: r.elapsed,
    alloc_cpus: r.allocCpus,
    total_cpu_seconds: Math.round(r.totalCpuSeconds * 1000) / 1000,
    cpu_efficiency: e.cpuEfficiency,
    requested_memory: formatMemory(r.reqMemMb),
    max_memory_used: formatMemory(r.maxRssMb),
    requested_memory_mb: r.reqMemMb,
    max_memory_used_mb: r.maxRssMb,
    memory_efficiency: e.memoryEfficiency,
    wasted_core_hours: e.wastedCoreHours,
  };
}

/**
 * GET /v1/metrics/efficiency: seff's CPU and memory efficiency of finished jobs from
 * accounting. A user sees only their own jobs; operators and admins anyone's.
 */
@Injectable()
export class EfficiencyService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly accounting: AccountingReader,
  ) {}

  async report(
    principal: Principal | undefined,
    query: EfficiencyQueryDto,
  ): Promise<EfficiencyReportDto> {
    const cluster = this.clusters.resolve(query.cluster);
    const user = this.userFilter(principal, cluster, query.user);
    const minRuntime = this.minRuntime(query.min_runtime);
    const { start, end } = resolveTimeRange(query, DEFAULT_SPAN_SECONDS, MAX_SPAN_SECONDS);
    const records = await this.accounting.history(cluster, {
      startTime: start,
      endTime: end,
      ...(user === undefined ? {} : { users: [user] }),
      ...(query.partition === undefined ? {} : { partitions: [query.partition] }),
    });
    const rated = records
      .filter(
        (r) =>
          isFinished(r.state) &&
          r.endTime !== null &&
          r.endTime >= start &&
          r.endTime < end &&
          (user === undefined || r.user === user) &&
          (query.partition === undefined || r.partition === query.partition) &&
          r.elapsed >= minRuntime &&
          hasEfficiency(r),
      )
      .map((record): Rated => ({ record, id: record.id, ...efficiency(record) }))
      .sort(leastEfficientFirst);
    const summary = summarize(rated.map((r) => r.record));
    const page = paginate(rated, query);
    return {
      cluster,
      start_time: toIso(start) ?? '',
      end_time: toIso(end) ?? '',
      summary: {
        job_count: summary.jobCount,
        core_hours: summary.coreHours,
        cpu_hours_used: summary.cpuHoursUsed,
        cpu_efficiency: summary.cpuEfficiency,
        memory_efficiency: summary.memoryEfficiency,
        wasted_core_hours: summary.wastedCoreHours,
      },
      jobs: page.items.map(jobView),
      total: page.total,
      limit: page.limit,
      offset: page.offset,
      has_more: page.has_more,
    };
  }

  /** The user whose jobs are rated: anyone for operators/admins, only themselves otherwise. */
  private userFilter(
    principal: Principal | undefined,
    cluster: string,
    requested: string | undefined,
  ): string | undefined {
    if (!principal) {
      throw new ApiError(ErrorCode.AUTHENTICATION_FAILED, 'Authentication required');
    }
    if (isPrivileged(principal)) return requested;
    const own = principal.slurmUserFor(cluster);
    if (requested !== undefined && requested !== own) {
      throw new ApiError(
        ErrorCode.PERMISSION_DENIED,
        `Users may only see the efficiency of their own jobs (${own})`,
        { user: requested },
      );
    }
    return own;
  }

  private minRuntime(text: string | undefined): number {
    if (text === undefined) return 0;
    const seconds = parseRuntimeSeconds(text);
    if (seconds === null) {
      throw ApiError.validation(
        'min_runtime',
        'min_runtime must be seconds ("90"), a duration ("30m", "2h") or Slurm time ("1:00:00")',
      );
    }
    return seconds;
  }
}
