import { formatWait, pendingWaitStats, throughputPerHour } from './wait-time.js';

describe('formatWait', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [754, '12m 34s'],
    [3600, '1h'],
    [8100, '2h 15m'],
    [8130, '2h 15m'],
    [3605, '1h'],
    [90061, '1d 1h'],
    [86400 * 3 + 60, '3d'],
    [-5, '0s'],
    [59.9, '59s'],
  ])('%p seconds → %p', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

describe('pendingWaitStats', () => {
  it('averages now − submit over pending jobs only', () => {
    const now = 10_000;
    const stats = pendingWaitStats(
      [
        { state: 'PENDING', submitTime: now - 100 },
        { state: 'PENDING', submitTime: now - 300 },
        { state: 'PENDING', submitTime: null },
        { state: 'RUNNING', submitTime: now - 5000 },
      ],
      now,
    );
    expect(stats).toEqual({ count: 2, avgSeconds: 200, maxSeconds: 300 });
  });

  it('is zero with no pending job', () => {
    expect(pendingWaitStats([], 1)).toEqual({ count: 0, avgSeconds: 0, maxSeconds: 0 });
  });
});

describe('throughputPerHour', () => {
  it('divides finished jobs by the window in hours, one decimal', () => {
    expect(throughputPerHour(3497, 86400)).toBe(145.7);
    expect(throughputPerHour(1, 86400)).toBe(0);
    expect(throughputPerHour(3, 86400)).toBe(0.1);
    expect(throughputPerHour(3, 0)).toBe(0);
  });
});
