/**
 * Reading slurmrestd values of every generation: plain ints with Slurm's sentinels
 * (v0.0.38) or {set, infinite, number} objects (v0.0.40+, and dbv0.0.38 in places).
 */

export type Raw = Record<string, unknown>;

/** NO_VAL / INFINITE (32 and 64 bit) as they appear in v0.0.38 JSON. */
const SENTINELS = new Set([0xfffffffe, 0xffffffff, 0xfffe, 0xffff, 2 ** 64 - 2, 2 ** 64 - 1]);

export function isRaw(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A raw object's property as an object ({} when absent). */
export function obj(value: unknown): Raw {
  return isRaw(value) ? value : {};
}

/** Number or null: unset, infinite, NO_VAL/INFINITE sentinels and non-numbers give null. */
export function num(value: unknown): number | null {
  if (isRaw(value)) {
    if (value.set === false || value.infinite === true) return null;
    return num(value.number);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return SENTINELS.has(value) ? null : value;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
}

/** Like num(), but negative values (Slurm's -1 / -2 "unknown") give null too. */
export function count(value: unknown): number | null {
  const n = num(value);
  return n !== null && n >= 0 ? n : null;
}

/** True when a {set, infinite} number says "infinite" (or a v0.0.38 INFINITE sentinel). */
export function isInfinite(value: unknown): boolean {
  if (isRaw(value)) return value.infinite === true;
  return value === 0xffffffff || value === 2 ** 64 - 1;
}

/** Epoch seconds or null (0 and unset mean "no time"). */
export function time(value: unknown): number | null {
  const n = num(value);
  return n !== null && n > 0 ? n : null;
}

/** Non-empty string or null ("", "(null)", "N/A" and "None" count as empty). */
export function str(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '(null)' || trimmed === 'N/A' || trimmed === 'None') {
    return null;
  }
  return trimmed;
}

/** A list from an array or a comma-separated string. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map((v) => str(v)).filter((v): v is string => v !== null);
  }
  const s = str(value);
  return s === null
    ? []
    : s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
}

/** Slurm memory strings ("500M", "4G", "62.50G", "1T", plain MB) to MB. */
export function memoryToMb(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]?)$/i.exec(value.trim());
  if (!m) return null;
  const factor: Record<string, number> = {
    K: 1 / 1024,
    '': 1,
    M: 1,
    G: 1024,
    T: 1024 ** 2,
    P: 1024 ** 3,
  };
  return Math.round(Number(m[1]) * factor[m[2].toUpperCase()]);
}

/** "cpu=4,mem=4G,node=1,gres/gpu=2" -> {cpu:"4", mem:"4G", ...}. */
export function parseTres(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of list(value)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** GPUs in a TRES string: "gres/gpu", else the sum of typed "gres/gpu:<type>" entries. */
export function tresGpus(value: unknown): number {
  const tres = parseTres(value);
  if (tres['gres/gpu'] !== undefined) return Number(tres['gres/gpu']) || 0;
  return Object.entries(tres)
    .filter(([k]) => k.startsWith('gres/gpu:'))
    .reduce((sum, [, v]) => sum + (Number(v) || 0), 0);
}

/**
 * GPUs in a GRES string: "gpu:4", "gpu:a100:4(S:0-1)", "gpu:2(IDX:0-1)",
 * "gres/gpu:2", "gpu:0(IDX:N/A),mps:0". Other GRES are ignored.
 */
export function gresGpus(value: unknown): number {
  let total = 0;
  for (const raw of list(
    String(typeof value === 'string' ? value : '').replace(/\([^)]*\)/g, ''),
  )) {
    const parts = raw.replace(/^gres[/:]/, '').split(':');
    if (parts[0] !== 'gpu') continue;
    const last = Number(parts[parts.length - 1]);
    total += parts.length > 1 && Number.isFinite(last) ? last : 1;
  }
  return total;
}
