const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Longest drain timeout accepted: 30 days. */
export const MAX_DRAIN_TIMEOUT_SECONDS = 30 * 86400;

/** Pattern of a drain timeout: one or more `<n><unit>` parts, e.g. "2h", "1h30m", "90s", "1d". */
export const DRAIN_TIMEOUT_PATTERN = /^(\d+[smhd])+$/i;

/**
 * Parses a drain timeout ("2h", "30m", "90s", "1d", "1h30m") into seconds.
 * Returns null when the text is not such a duration or is zero.
 */
export function parseDrainTimeout(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (!DRAIN_TIMEOUT_PATTERN.test(value)) return null;
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+)([smhd])/g)) {
    seconds += Number(amount) * UNIT_SECONDS[unit];
  }
  return seconds > 0 ? seconds : null;
}
