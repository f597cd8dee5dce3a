import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ApiError } from '../common/errors/index.js';
import { toIso } from '../common/format/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { AccountingReader, DAY_SECONDS } from './accounting.reader.js';
import { INTERVALS, type IntervalName } from './calc/buckets.js';
import { performanceSeries } from './calc/performance-series.js';
import type { PerformanceQueryDto, PerformanceSeriesDto } from './dto/performance.dto.js';
import { MetricSample } from './metric-sample.entity.js';
import { toWeightedSample } from './metric-sample.mapper.js';
import { resolveTimeRange } from './time-range.js';

/** At most a week of minutes in one answer. */
export const MAX_BUCKETS = 7 * 24 * 60;
/** Hourly rows are kept at most this long anyway (METRICS_HOURLY_RETENTION_DAYS max 3660). */
const MAX_SPAN_SECONDS = 3660 * DAY_SECONDS;

/** GET /v1/metrics/performance: the sampler's rows, bucketed, with accounting counts. */
@Injectable()
export class PerformanceService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly accounting: AccountingReader,
    @InjectRepository(MetricSample) private readonly samples: Repository<MetricSample>,
  ) {}

  async series(query: PerformanceQueryDto): Promise<PerformanceSeriesDto> {
    const cluster = this.clusters.resolve(query.cluster);
    const interval: IntervalName = query.interval ?? '1h';
    const step = INTERVALS[interval];
    const { start, end } = resolveTimeRange(query, DAY_SECONDS, MAX_SPAN_SECONDS);
    if (Math.ceil((end - start) / step) > MAX_BUCKETS) {
      throw ApiError.validation(
        'interval',
        `${interval} over this range gives more than ${MAX_BUCKETS} points; use a wider interval`,
      );
    }
    const [rows, records] = await Promise.all([
      this.samples
        .createQueryBuilder('s')
        .where('s.cluster = :cluster', { cluster })
        .andWhere('s.ts >= :start AND s.ts < :end', {
          start: new Date(start * 1000),
          end: new Date(end * 1000),
        })
        .orderBy('s.ts', 'ASC')
        .getMany(),
      this.accounting.history(cluster, { startTime: start, endTime: end }),
    ]);
    // Buckets exist only where samples were recorded; accounting events falling in them count.
    const points = performanceSeries(rows.map(toWeightedSample), records, step);
    const metrics = points.map((p) => ({
      timestamp: toIso(p.ts) ?? '',
      cpu_utilization: p.cpuUtilization,
      memory_utilization: p.memoryUtilization,
      gpu_utilization: p.gpuUtilization,
      jobs_submitted: p.jobsSubmitted,
      jobs_completed: p.jobsCompleted,
      avg_queue_time: p.avgQueueTime,
      samples: p.sampleCount,
    }));
    return {
      metrics,
      interval,
      count: metrics.length,
      cluster,
      start_time: toIso(start) ?? '',
      end_time: toIso(end) ?? '',
    };
  }
}
