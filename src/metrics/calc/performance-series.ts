import type { JobHistoryRecord } from '@app/slurm-gateway';
import { isFinished } from './job-counts.js';
import {
  bucketSamples,
  countPerBucket,
  meanPerBucket,
  round1,
  type WeightedSample,
} from './buckets.js';

export interface PerformancePoint {
  /** Bucket start, epoch seconds. */
  ts: number;
  cpuUtilization: number;
  memoryUtilization: number;
  gpuUtilization: number;
  jobsSubmitted: number;
  jobsCompleted: number;
  /** Mean of (start − submit) over jobs that started in the bucket, seconds; null when none did. */
  avgQueueTime: number | null;
  sampleCount: number;
}

export type SeriesRecord = Pick<JobHistoryRecord, 'state' | 'submitTime' | 'startTime' | 'endTime'>;

/**
 * One point per bucket that holds at least one recorded sample: utilization averaged over the
 * samples, job counts and queue time from accounting records falling in the same bucket.
 */
export function performanceSeries(
  samples: readonly WeightedSample[],
  records: readonly SeriesRecord[],
  stepSeconds: number,
): PerformancePoint[] {
  const submitted = countPerBucket(
    records.map((r) => r.submitTime),
    stepSeconds,
  );
  const completed = countPerBucket(
    records.map((r) => (isFinished(r.state) ? r.endTime : null)),
    stepSeconds,
  );
  const queue = meanPerBucket(
    records.flatMap((r) =>
      r.startTime !== null && r.submitTime !== null && r.startTime > 0
        ? [{ at: r.startTime, value: Math.max(0, r.startTime - r.submitTime) }]
        : [],
    ),
    stepSeconds,
  );
  return bucketSamples(samples, stepSeconds).map((b) => {
    const wait = queue.get(b.ts);
    return {
      ts: b.ts,
      cpuUtilization: round1(b.cpuPercent),
      memoryUtilization: round1(b.memoryPercent),
      gpuUtilization: round1(b.gpuPercent),
      jobsSubmitted: submitted.get(b.ts) ?? 0,
      jobsCompleted: completed.get(b.ts) ?? 0,
      avgQueueTime: wait === undefined ? null : Math.round(wait),
      sampleCount: b.sampleCount,
    };
  });
}
