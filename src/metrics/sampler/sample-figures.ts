import type { Job, Node } from '@app/slurm-gateway';
import type { SampleFigures } from '../calc/buckets.js';
import { resourceTotals } from '../calc/utilization.js';
import { pendingWaitStats } from '../calc/wait-time.js';

/** Unrounded percentage (rounding happens once, when a series is shown). */
function share(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** What the sampler stores for one cluster at one instant. */
export function sampleFigures(
  nodes: readonly Node[],
  jobs: readonly Pick<Job, 'state' | 'submitTime'>[],
  nowSeconds: number,
): SampleFigures {
  const t = resourceTotals(nodes);
  let running = 0;
  for (const job of jobs) if (job.state === 'RUNNING') running++;
  const wait = pendingWaitStats(jobs, nowSeconds);
  return {
    cpuPercent: share(t.cpusAlloc, t.cpusTotal),
    memoryPercent: share(t.memoryAllocMb, t.memoryTotalMb),
    gpuPercent: share(t.gpusAlloc, t.gpusTotal),
    cpusAlloc: t.cpusAlloc,
    cpusTotal: t.cpusTotal,
    memoryAllocMb: t.memoryAllocMb,
    memoryTotalMb: t.memoryTotalMb,
    gpusAlloc: t.gpusAlloc,
    gpusTotal: t.gpusTotal,
    jobsRunning: running,
    jobsPending: wait.count,
    pendingWaitSeconds: wait.avgSeconds,
  };
}

/** The sampling instant for "now": the nearest multiple of the interval (timers may run early). */
export function sampleSlot(nowMs: number, intervalMs: number): number {
  return Math.round(nowMs / intervalMs) * intervalMs;
}

/** Milliseconds until the next multiple of the interval after `nowMs`. */
export function delayToNextSlot(nowMs: number, intervalMs: number): number {
  return intervalMs - (nowMs % intervalMs);
}
