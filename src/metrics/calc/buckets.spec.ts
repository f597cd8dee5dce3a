import {
  bucketSamples,
  bucketStart,
  countPerBucket,
  downsampleHourly,
  meanPerBucket,
  mergeWeighted,
  type WeightedSample,
} from './buckets.js';
import { performanceSeries } from './performance-series.js';

const sample = (ts: number, cpu: number, sampleCount = 1): WeightedSample => ({
  ts,
  sampleCount,
  cpuPercent: cpu,
  memoryPercent: cpu / 2,
  gpuPercent: 0,
  cpusAlloc: cpu,
  cpusTotal: 100,
  memoryAllocMb: 0,
  memoryTotalMb: 1000,
  gpusAlloc: 0,
  gpusTotal: 0,
  jobsRunning: 1,
  jobsPending: 2,
  pendingWaitSeconds: 10,
});

const T0 = Date.UTC(2024, 0, 15, 14, 0, 0) / 1000;

describe('bucketStart', () => {
  it('aligns on the epoch: minutes, hours and UTC days', () => {
    expect(bucketStart(T0 + 59, 60)).toBe(T0);
    expect(bucketStart(T0 + 61, 60)).toBe(T0 + 60);
    expect(bucketStart(T0 + 299, 300)).toBe(T0);
    expect(bucketStart(T0 + 3599, 3600)).toBe(T0);
    expect(bucketStart(T0, 86400)).toBe(Date.UTC(2024, 0, 15) / 1000);
  });
});

describe('bucketSamples', () => {
  it('averages the samples of each bucket, weighted by sample count, in time order', () => {
    const out = bucketSamples(
      [sample(T0 + 120, 30), sample(T0 + 10, 10), sample(T0 + 50, 40, 3), sample(T0 + 70, 20)],
      60,
    );
    expect(out.map((b) => [b.ts, b.cpuPercent, b.sampleCount])).toEqual([
      [T0, 32.5, 4],
      [T0 + 60, 20, 1],
      [T0 + 120, 30, 1],
    ]);
  });

  it('emits no bucket where no sample was recorded', () => {
    expect(bucketSamples([sample(T0, 1), sample(T0 + 600, 1)], 60)).toHaveLength(2);
    expect(bucketSamples([], 60)).toEqual([]);
  });
});

describe('downsampleHourly and mergeWeighted', () => {
  it('turns raw minutes into one hourly row per hour carrying the sample count', () => {
    const raw = Array.from({ length: 120 }, (_, i) => sample(T0 + i * 60, i < 60 ? 10 : 50));
    const hourly = downsampleHourly(raw);
    expect(hourly.map((h) => [h.ts, h.cpuPercent, h.sampleCount, h.jobsPending])).toEqual([
      [T0, 10, 60, 2],
      [T0 + 3600, 50, 60, 2],
    ]);
  });

  it('merging an hourly row with late raw rows keeps the weights', () => {
    const merged = mergeWeighted(T0, [sample(T0, 10, 30), sample(T0 + 60, 40)]);
    expect(merged.sampleCount).toBe(31);
    expect(merged.cpuPercent).toBeCloseTo((10 * 30 + 40) / 31, 10);
  });
});

describe('countPerBucket and meanPerBucket', () => {
  it('counts events per bucket, ignoring nulls', () => {
    expect([...countPerBucket([T0, T0 + 5, null, T0 + 3600], 3600)]).toEqual([
      [T0, 2],
      [T0 + 3600, 1],
    ]);
  });

  it('averages values per bucket', () => {
    expect(
      meanPerBucket(
        [
          { at: T0, value: 10 },
          { at: T0 + 1, value: 30 },
        ],
        60,
      ).get(T0),
    ).toBe(20);
  });
});

describe('performanceSeries', () => {
  it('puts accounting counts and queue time into the buckets that have samples', () => {
    const points = performanceSeries(
      [sample(T0 + 10, 33.33), sample(T0 + 70, 66.66), sample(T0 + 400, 50)],
      [
        { state: 'COMPLETED', submitTime: T0 + 1, startTime: T0 + 11, endTime: T0 + 65 },
        { state: 'RUNNING', submitTime: T0 + 2, startTime: T0 + 32, endTime: null },
        { state: 'PENDING', submitTime: T0 + 61, startTime: null, endTime: null },
        { state: 'CANCELLED', submitTime: T0 + 300, startTime: null, endTime: T0 + 310 },
      ],
      60,
    );
    expect(points).toEqual([
      {
        ts: T0,
        cpuUtilization: 33.3,
        memoryUtilization: 16.7,
        gpuUtilization: 0,
        jobsSubmitted: 2,
        jobsCompleted: 0,
        avgQueueTime: 20,
        sampleCount: 1,
      },
      {
        ts: T0 + 60,
        cpuUtilization: 66.7,
        memoryUtilization: 33.3,
        gpuUtilization: 0,
        jobsSubmitted: 1,
        jobsCompleted: 1,
        avgQueueTime: null,
        sampleCount: 1,
      },
      {
        ts: T0 + 360,
        cpuUtilization: 50,
        memoryUtilization: 25,
        gpuUtilization: 0,
        jobsSubmitted: 0,
        jobsCompleted: 0,
        avgQueueTime: null,
        sampleCount: 1,
      },
    ]);
  });
});
