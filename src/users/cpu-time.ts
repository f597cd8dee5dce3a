import type { JobHistoryRecord } from '@app/slurm-gateway';

/** A closed time window in epoch seconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The current calendar month in UTC, up to `now`. */
export function currentMonth(now: number): TimeWindow {
  const d = new Date(now * 1000);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  return { start, end: now };
}

/**
 * Allocated CPU seconds of one accounting record inside the window: CPUs × the part of
 * [start, end] (end = now for a running job) that lies in the window. Like sreport, time
 * outside the window is not charged to it.
 */
export function cpuSecondsInWindow(
  record: Pick<JobHistoryRecord, 'allocCpus' | 'startTime' | 'endTime'>,
  window: TimeWindow,
  now: number,
): number {
  if (record.startTime === null || record.startTime <= 0 || record.allocCpus <= 0) return 0;
  const end = record.endTime !== null && record.endTime > 0 ? record.endTime : now;
  const from = Math.max(record.startTime, window.start);
  const to = Math.min(end, window.end);
  return to > from ? (to - from) * record.allocCpus : 0;
}

/** User name → allocated CPU seconds in the window. */
export function cpuSecondsByUser(
  records: Iterable<JobHistoryRecord>,
  window: TimeWindow,
  now: number,
): Map<string, number> {
  const byUser = new Map<string, number>();
  for (const r of records) {
    const seconds = cpuSecondsInWindow(r, window, now);
    if (seconds > 0) byUser.set(r.user, (byUser.get(r.user) ?? 0) + seconds);
  }
  return byUser;
}

/**
 * CPU seconds as hours the way the API reference writes them ("1247h"): whole hours from
 * 100 h up, otherwise at most two decimals ("12.5h", "0.03h"), so small usage is not "0h".
 */
export function formatCpuHours(seconds: number): string {
  const hours = seconds / 3600;
  const rounded = hours >= 100 ? Math.round(hours) : Math.round(hours * 100) / 100;
  return `${rounded}h`;
}
