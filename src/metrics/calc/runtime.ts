const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Slurm's time formats: "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS". */
function parseSlurmTime(s: string): number | null {
  const match = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(s);
  if (!match) return null;
  const [, d, a, b, c] = match;
  let parts: [number, number, number];
  if (d !== undefined) parts = [Number(a), Number(b ?? 0), Number(c ?? 0)];
  else if (c !== undefined) parts = [Number(a), Number(b), Number(c)];
  else if (b !== undefined) parts = [0, Number(a), Number(b)];
  else return null;
  const [h, m, sec] = parts;
  if (m >= 60 || sec >= 60 || (d !== undefined && h >= 24)) return null;
  return Number(d ?? 0) * 86400 + h * 3600 + m * 60 + sec;
}

/**
 * Parse a minimum runtime into seconds. Accepted: plain seconds ("90"), a number with a unit
 * ("30s", "30m", "2h", "1d"), or Slurm's time formats ("10:30", "1:00:00", "1-12:00:00").
 * Returns null for anything else.
 */
export function parseRuntimeSeconds(text: string): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const unit = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(s);
  if (unit) return Math.round(Number(unit[1]) * UNIT_SECONDS[unit[2].toLowerCase()]);
  return parseSlurmTime(s);
}
