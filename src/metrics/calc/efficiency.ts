import type { JobHistoryRecord } from '@app/slurm-gateway';

export type EfficiencyInput = Pick<
  JobHistoryRecord,
  'elapsed' | 'allocCpus' | 'totalCpuSeconds' | 'maxRssMb' | 'reqMemMb'
>;

/** seff's figures for one finished job. Efficiencies are fractions (0.85 = 85 %). */
export interface Efficiency {
  /** Elapsed × AllocCPUS, in seconds. */
  coreSeconds: number;
  /** TotalCPU / (Elapsed × AllocCPUS). */
  cpuEfficiency: number;
  /** MaxRSS / requested memory; null when either is unknown. */
  memoryEfficiency: number | null;
  /** Core-hours allocated but not used: (Elapsed × AllocCPUS − TotalCPU) / 3600, at least 0. */
  wastedCoreHours: number;
}

/** A job only has an efficiency when it held CPUs for some time. */
export function hasEfficiency(job: Pick<EfficiencyInput, 'elapsed' | 'allocCpus'>): boolean {
  return job.elapsed > 0 && job.allocCpus > 0;
}

/** Ratio rounded to four decimals. */
export function ratio(part: number, whole: number): number {
  return Math.round((part / whole) * 10000) / 10000;
}

export function hours(seconds: number): number {
  return Math.round((seconds / 3600) * 10000) / 10000;
}

export function efficiency(job: EfficiencyInput): Efficiency {
  const coreSeconds = job.elapsed * job.allocCpus;
  const memoryKnown = job.maxRssMb !== null && job.reqMemMb !== null && job.reqMemMb > 0;
  return {
    coreSeconds,
    cpuEfficiency: coreSeconds > 0 ? ratio(job.totalCpuSeconds, coreSeconds) : 0,
    memoryEfficiency: memoryKnown ? ratio(job.maxRssMb ?? 0, job.reqMemMb ?? 1) : null,
    wastedCoreHours: hours(Math.max(0, coreSeconds - job.totalCpuSeconds)),
  };
}

export interface EfficiencySummary {
  jobCount: number;
  coreHours: number;
  cpuHoursUsed: number;
  /** Σ TotalCPU / Σ (Elapsed × AllocCPUS): large jobs weigh more, as core-hours do. */
  cpuEfficiency: number | null;
  /** Σ MaxRSS / Σ requested memory over jobs where both are known. */
  memoryEfficiency: number | null;
  wastedCoreHours: number;
}

export function summarize(jobs: readonly EfficiencyInput[]): EfficiencySummary {
  let core = 0;
  let used = 0;
  let wasted = 0;
  let rss = 0;
  let req = 0;
  for (const job of jobs) {
    const coreSeconds = job.elapsed * job.allocCpus;
    core += coreSeconds;
    used += job.totalCpuSeconds;
    wasted += Math.max(0, coreSeconds - job.totalCpuSeconds);
    if (job.maxRssMb !== null && job.reqMemMb !== null && job.reqMemMb > 0) {
      rss += job.maxRssMb;
      req += job.reqMemMb;
    }
  }
  return {
    jobCount: jobs.length,
    coreHours: hours(core),
    cpuHoursUsed: hours(used),
    cpuEfficiency: core > 0 ? ratio(used, core) : null,
    memoryEfficiency: req > 0 ? ratio(rss, req) : null,
    wastedCoreHours: hours(wasted),
  };
}

/**
 * Least efficient first: lower CPU efficiency, then lower memory efficiency (unknown last),
 * then more wasted core-hours, then job id for a stable order.
 */
export function leastEfficientFirst(
  a: Efficiency & { id: string },
  b: Efficiency & { id: string },
): number {
  if (a.cpuEfficiency !== b.cpuEfficiency) return a.cpuEfficiency - b.cpuEfficiency;
  const am = a.memoryEfficiency ?? Number.POSITIVE_INFINITY;
  const bm = b.memoryEfficiency ?? Number.POSITIVE_INFINITY;
  if (am !== bm) return am < bm ? -1 : 1;
  if (a.wastedCoreHours !== b.wastedCoreHours) return b.wastedCoreHours - a.wastedCoreHours;
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}
