/**
 * Slurm hostlist expressions: "node[001-004],gpu[001-002]" <-> node names.
 * Ranges keep their zero padding; several bracket groups in one name are expanded as a product.
 */

/** Split at commas that are not inside brackets. */
function splitTopLevel(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(expression.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(expression.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function expandRange(range: string): string[] {
  const out: string[] = [];
  for (const piece of range.split(',')) {
    const m = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(piece.trim());
    if (!m) {
      out.push(piece.trim());
      continue;
    }
    const [, lo, hi, step] = m;
    if (hi === undefined) {
      out.push(lo);
      continue;
    }
    const width = lo.length;
    const from = Number(lo);
    const to = Number(hi);
    const by = step === undefined ? 1 : Math.max(1, Number(step));
    for (let n = from; n <= to; n += by) out.push(String(n).padStart(width, '0'));
  }
  return out;
}

function expandOne(pattern: string): string[] {
  const open = pattern.indexOf('[');
  if (open < 0) return [pattern];
  const close = pattern.indexOf(']', open);
  if (close < 0) return [pattern];
  const prefix = pattern.slice(0, open);
  const rest = expandOne(pattern.slice(close + 1));
  const out: string[] = [];
  for (const middle of expandRange(pattern.slice(open + 1, close))) {
    for (const suffix of rest) out.push(prefix + middle + suffix);
  }
  return out;
}

/** Expand a hostlist expression; empty, null and "(null)" give []. */
export function expandHostlist(expression: string | null | undefined): string[] {
  if (!expression) return [];
  const trimmed = expression.trim();
  if (trimmed === '' || trimmed === '(null)' || trimmed === 'None') return [];
  return splitTopLevel(trimmed).flatMap(expandOne);
}

/** Compress node names into a hostlist expression ("node[001-003],gpu001"). */
export function compressHostlist(names: readonly string[]): string {
  const groups = new Map<string, { width: number; nums: number[] }[]>();
  const plain: string[] = [];
  const order: string[] = [];
  for (const name of names) {
    const m = /^(.*?)(\d+)$/.exec(name);
    if (!m) {
      plain.push(name);
      continue;
    }
    const [, prefix, digits] = m;
    if (!groups.has(prefix)) {
      groups.set(prefix, []);
      order.push(prefix);
    }
    const byWidth = groups.get(prefix) ?? [];
    let bucket = byWidth.find((b) => b.width === digits.length);
    if (!bucket) {
      bucket = { width: digits.length, nums: [] };
      byWidth.push(bucket);
    }
    bucket.nums.push(Number(digits));
  }
  const parts: string[] = [];
  for (const prefix of order) {
    for (const { width, nums } of groups.get(prefix) ?? []) {
      const sorted = [...new Set(nums)].sort((a, b) => a - b);
      const pad = (n: number): string => String(n).padStart(width, '0');
      if (sorted.length === 1) {
        parts.push(prefix + pad(sorted[0]));
        continue;
      }
      const ranges: string[] = [];
      let start = sorted[0];
      let prev = start;
      for (const n of [...sorted.slice(1), Number.NaN]) {
        if (n === prev + 1) {
          prev = n;
          continue;
        }
        ranges.push(start === prev ? pad(start) : `${pad(start)}-${pad(prev)}`);
        start = n;
        prev = n;
      }
      parts.push(`${prefix}[${ranges.join(',')}]`);
    }
  }
  return [...parts, ...plain].join(',');
}
