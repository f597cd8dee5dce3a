import type { Job } from '@app/slurm-gateway';

const UNITS: readonly [string, number][] = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A wait as people read it: the two largest units, e.g. "12m 34s", "2h 15m", "3d 4h", "45s".
 * Negative or fractional input is clamped and floored.
 */
export function formatWait(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
    else if (parts.length === 1) break;
  }
  return parts.join(' ');
}

export interface WaitStats {
  /** Number of pending jobs that have a submit time. */
  count: number;
  avgSeconds: number;
  maxSeconds: number;
}

/** Average and maximum of (now - submit) over pending jobs. */
export function pendingWaitStats(
  jobs: readonly Pick<Job, 'state' | 'submitTime'>[],
  nowSeconds: number,
): WaitStats {
  let count = 0;
  let sum = 0;
  let max = 0;
  for (const job of jobs) {
    if (job.state !== 'PENDING' || job.submitTime === null) continue;
    const wait = Math.max(0, nowSeconds - job.submitTime);
    count++;
    sum += wait;
    if (wait > max) max = wait;
  }
  return { count, avgSeconds: count === 0 ? 0 : sum / count, maxSeconds: max };
}

/** Jobs finished per hour over a window, one decimal. */
export function throughputPerHour(finished: number, windowSeconds: number): number {
  if (windowSeconds <= 0) return 0;
  return Math.round((finished / (windowSeconds / 3600)) * 10) / 10;
}
