import { ApiError } from '../common/errors/index.js';
import { parseIsoToEpoch } from '../common/format/index.js';

export interface TimeRange {
  /** Epoch seconds, inclusive. */
  start: number;
  /** Epoch seconds, exclusive. */
  end: number;
}

function parseField(field: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseIsoToEpoch(text);
  if (value === null) throw ApiError.validation(field, `${field} must be an ISO 8601 time`);
  return value;
}

/**
 * start_time/end_time of a query with defaults (end = now, start = end − defaultSpan);
 * start must come before end and the span may not exceed maxSpanSeconds.
 */
export function resolveTimeRange(
  query: { start_time?: string; end_time?: string },
  defaultSpanSeconds: number,
  maxSpanSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): TimeRange {
  const end = parseField('end_time', query.end_time) ?? nowSeconds;
  const start = parseField('start_time', query.start_time) ?? end - defaultSpanSeconds;
  if (start >= end) throw ApiError.validation('start_time', 'start_time must be before end_time');
  if (end - start > maxSpanSeconds) {
    const days = Math.floor(maxSpanSeconds / 86400);
    throw ApiError.validation(
      'start_time',
      `the range may span at most ${days} day${days === 1 ? '' : 's'}`,
    );
  }
  return { start, end };
}
