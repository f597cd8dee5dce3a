import type { WeightedSample } from './calc/buckets.js';
import type { MetricSample, SampleResolution } from './metric-sample.entity.js';

/** A stored row as the bucketing arithmetic sees it. */
export function toWeightedSample(row: MetricSample): WeightedSample {
  return {
    ts: Math.floor(row.ts.getTime() / 1000),
    sampleCount: row.sampleCount,
    cpuPercent: row.cpuPercent,
    memoryPercent: row.memoryPercent,
    gpuPercent: row.gpuPercent,
    cpusAlloc: row.cpusAlloc,
    cpusTotal: row.cpusTotal,
    memoryAllocMb: row.memoryAllocMb,
    memoryTotalMb: row.memoryTotalMb,
    gpusAlloc: row.gpusAlloc,
    gpusTotal: row.gpusTotal,
    jobsRunning: row.jobsRunning,
    jobsPending: row.jobsPending,
    pendingWaitSeconds: row.pendingWaitSeconds,
  };
}

/** The row to store for a sample or an hourly mean. */
export function toSampleRow(
  cluster: string,
  resolution: SampleResolution,
  s: WeightedSample,
  sampledBy: string,
): Partial<MetricSample> {
  return {
    cluster,
    resolution,
    ts: new Date(s.ts * 1000),
    sampleCount: s.sampleCount,
    cpuPercent: s.cpuPercent,
    memoryPercent: s.memoryPercent,
    gpuPercent: s.gpuPercent,
    cpusAlloc: s.cpusAlloc,
    cpusTotal: s.cpusTotal,
    memoryAllocMb: s.memoryAllocMb,
    memoryTotalMb: s.memoryTotalMb,
    gpusAlloc: s.gpusAlloc,
    gpusTotal: s.gpusTotal,
    jobsRunning: s.jobsRunning,
    jobsPending: s.jobsPending,
    pendingWaitSeconds: s.pendingWaitSeconds,
    sampledBy,
  };
}
