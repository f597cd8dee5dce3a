/** Time-series arithmetic: bucketing samples, counting accounting events, downsampling. */

export const INTERVALS = { '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 } as const;
export type IntervalName = keyof typeof INTERVALS;
export const INTERVAL_NAMES = Object.keys(INTERVALS) as IntervalName[];

/** Start of the bucket holding `ts` (epoch seconds), aligned on the epoch (days on UTC midnight). */
export function bucketStart(ts: number, stepSeconds: number): number {
  return Math.floor(ts / stepSeconds) * stepSeconds;
}

/** Utilization figures of one stored sample row (raw or already downsampled). */
export interface SampleFigures {
  cpuPercent: number;
  memoryPercent: number;
  gpuPercent: number;
  cpusAlloc: number;
  cpusTotal: number;
  memoryAllocMb: number;
  memoryTotalMb: number;
  gpusAlloc: number;
  gpusTotal: number;
  jobsRunning: number;
  jobsPending: number;
  /** Average wait of the jobs pending at sampling time, seconds. */
  pendingWaitSeconds: number;
}

export interface WeightedSample extends SampleFigures {
  /** Epoch seconds. */
  ts: number;
  /** How many raw samples this row stands for (1 for a raw row). */
  sampleCount: number;
}

const FIGURE_KEYS: readonly (keyof SampleFigures)[] = [
  'cpuPercent',
  'memoryPercent',
  'gpuPercent',
  'cpusAlloc',
  'cpusTotal',
  'memoryAllocMb',
  'memoryTotalMb',
  'gpusAlloc',
  'gpusTotal',
  'jobsRunning',
  'jobsPending',
  'pendingWaitSeconds',
];

/** Weighted mean of rows (by sampleCount), stamped `ts`. */
export function mergeWeighted(ts: number, rows: readonly WeightedSample[]): WeightedSample {
  const out = { ts, sampleCount: 0 } as WeightedSample;
  for (const key of FIGURE_KEYS) out[key] = 0;
  for (const row of rows) {
    out.sampleCount += row.sampleCount;
    for (const key of FIGURE_KEYS) out[key] += row[key] * row.sampleCount;
  }
  if (out.sampleCount > 0) for (const key of FIGURE_KEYS) out[key] /= out.sampleCount;
  return out;
}

/** Group rows by bucket and merge each group; result ordered by time. */
export function bucketSamples(
  rows: readonly WeightedSample[],
  stepSeconds: number,
): WeightedSample[] {
  const groups = new Map<number, WeightedSample[]>();
  for (const row of rows) {
    const key = bucketStart(row.ts, stepSeconds);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ts, group]) => mergeWeighted(ts, group));
}

/** Hourly rows for the raw rows given (retention: raw rows older than a week become these). */
export function downsampleHourly(rows: readonly WeightedSample[]): WeightedSample[] {
  return bucketSamples(rows, INTERVALS['1h']);
}

/** Count event times (epoch seconds, null = never happened) per bucket. */
export function countPerBucket(
  times: Iterable<number | null>,
  stepSeconds: number,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of times) {
    if (t === null) continue;
    const key = bucketStart(t, stepSeconds);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Mean of values per bucket of their time `at`. */
export function meanPerBucket(
  points: Iterable<{ at: number; value: number }>,
  stepSeconds: number,
): Map<number, number> {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const p of points) {
    const key = bucketStart(p.at, stepSeconds);
    const acc = sums.get(key) ?? { sum: 0, n: 0 };
    acc.sum += p.value;
    acc.n++;
    sums.set(key, acc);
  }
  return new Map([...sums].map(([k, { sum, n }]) => [k, sum / n]));
}

/** One decimal, as the utilization figures are shown. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
