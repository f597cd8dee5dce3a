import { timeWindow } from './users.service.js';

describe('users CPU time window', () => {
  it('defaults to the current month up to now', () => {
    const now = Math.floor(Date.now() / 1000);
    const { start, end } = timeWindow({});
    const d = new Date();
    expect(start).toBe(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000);
    expect(Math.abs(end - now)).toBeLessThanOrEqual(1);
  });

  it('takes ISO start_time/end_time', () => {
    expect(
      timeWindow({ start_time: '2023-12-01T00:00:00Z', end_time: '2023-12-31T23:59:59Z' }),
    ).toEqual({
      start: Date.UTC(2023, 11, 1) / 1000,
      end: Date.UTC(2023, 11, 31, 23, 59, 59) / 1000,
    });
  });

  it('rejects an end before the start with a field error', () => {
    expect(() =>
      timeWindow({ start_time: '2023-12-31T00:00:00Z', end_time: '2023-12-01T00:00:00Z' }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', status: 400 }));
  });
});
