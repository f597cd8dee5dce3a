import type { HeaderSink } from '../common/http/json-body.js';

/**
 * Tells the client how old snapshot data is: `Age` (RFC 9111, whole seconds) and
 * `X-Data-Age` (the same, explicit). A snapshot not yet confirmed sends neither.
 */
export function setDataAge(res: HeaderSink, ageSeconds: number): void {
  if (!Number.isFinite(ageSeconds)) return;
  res.setHeader('Age', String(ageSeconds));
  res.setHeader('X-Data-Age', String(ageSeconds));
}
