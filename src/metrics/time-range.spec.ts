import { ApiError } from '../common/errors/index.js';
import { resolveTimeRange } from './time-range.js';

const NOW = Date.UTC(2024, 0, 15, 12) / 1000;

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? [error.code, error.details] : error;
  }
  return undefined;
}

describe('resolveTimeRange', () => {
  it('defaults to the span before now', () => {
    expect(resolveTimeRange({}, 3600, 86400, NOW)).toEqual({ start: NOW - 3600, end: NOW });
  });

  it('reads ISO 8601 times', () => {
    expect(
      resolveTimeRange(
        { start_time: '2024-01-15T10:00:00Z', end_time: '2024-01-15T11:00:00+00:00' },
        3600,
        86400,
        NOW,
      ),
    ).toEqual({ start: NOW - 7200, end: NOW - 3600 });
  });

  it('rejects reversed, empty and too long ranges as VALIDATION_ERROR naming the field', () => {
    expect(
      fieldOf(() =>
        resolveTimeRange(
          { start_time: '2024-01-15T11:00:00Z', end_time: '2024-01-15T10:00:00Z' },
          3600,
          86400,
          NOW,
        ),
      ),
    ).toEqual([
      'VALIDATION_ERROR',
      { fields: [{ field: 'start_time', messages: ['start_time must be before end_time'] }] },
    ]);
    expect(
      fieldOf(() => resolveTimeRange({ start_time: '2020-01-01T00:00:00Z' }, 1, 86400, NOW)),
    ).toEqual([
      'VALIDATION_ERROR',
      { fields: [{ field: 'start_time', messages: ['the range may span at most 1 day'] }] },
    ]);
    expect(fieldOf(() => resolveTimeRange({ end_time: 'yesterday' }, 1, 86400, NOW))).toEqual([
      'VALIDATION_ERROR',
      { fields: [{ field: 'end_time', messages: ['end_time must be an ISO 8601 time'] }] },
    ]);
  });
});
