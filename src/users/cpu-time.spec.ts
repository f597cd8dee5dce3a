import { cpuSecondsByUser, cpuSecondsInWindow, currentMonth, formatCpuHours } from './cpu-time.js';

describe('cpu time', () => {
  const window = { start: 1000, end: 2000 };

  it('charges CPUs × the part of the run inside the window', () => {
    expect(cpuSecondsInWindow({ allocCpus: 4, startTime: 1100, endTime: 1200 }, window, 3000)).toBe(
      400,
    );
    expect(cpuSecondsInWindow({ allocCpus: 2, startTime: 500, endTime: 1500 }, window, 3000)).toBe(
      1000,
    );
    expect(cpuSecondsInWindow({ allocCpus: 2, startTime: 1900, endTime: 2500 }, window, 3000)).toBe(
      200,
    );
  });
  it('counts a running job up to now, and never a job that did not start', () => {
    expect(cpuSecondsInWindow({ allocCpus: 1, startTime: 1500, endTime: null }, window, 1600)).toBe(
      100,
    );
    expect(cpuSecondsInWindow({ allocCpus: 1, startTime: null, endTime: null }, window, 1600)).toBe(
      0,
    );
    expect(cpuSecondsInWindow({ allocCpus: 1, startTime: 2100, endTime: 2200 }, window, 3000)).toBe(
      0,
    );
  });
  it('sums per user', () => {
    const base = { allocCpus: 1, startTime: 1000, endTime: 1010 };
    const records = [
      { ...base, user: 'alice' },
      { ...base, user: 'alice', allocCpus: 2 },
      { ...base, user: 'bob' },
    ] as Parameters<typeof cpuSecondsByUser>[0] extends Iterable<infer R> ? R[] : never;
    expect(cpuSecondsByUser(records, window, 3000)).toEqual(
      new Map([
        ['alice', 30],
        ['bob', 10],
      ]),
    );
  });
  it('starts the current month at 00:00 UTC on the 1st', () => {
    const now = Date.UTC(2023, 11, 15, 14, 30) / 1000;
    expect(currentMonth(now)).toEqual({ start: Date.UTC(2023, 11, 1) / 1000, end: now });
  });
  it('formats hours like the API reference', () => {
    expect(formatCpuHours(1247 * 3600)).toBe('1247h');
    expect(formatCpuHours(1247.4 * 3600)).toBe('1247h');
    expect(formatCpuHours(12.5 * 3600)).toBe('12.5h');
    expect(formatCpuHours(120)).toBe('0.03h');
    expect(formatCpuHours(0)).toBe('0h');
  });
});
