/** Small numeric helpers for the benchmark reports. */

/** The p-th percentile (0–100) of `values` by nearest rank; null for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function round(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The samples of one metric in a Prometheus text exposition: {labels, value} each. */
export function samples(exposition, name) {
  const out = [];
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const text = line.slice(name.length).match(/^\{([^}]*)\}/)?.[1] ?? '';
    const labels = Object.fromEntries(
      [...text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    out.push({ labels, value: Number(line.slice(line.lastIndexOf(' ') + 1)) });
  }
  return out;
}

/** Sums the samples of one metric whose labels include every `key: value` of `match`. */
export function counterSum(exposition, name, match = {}) {
  return samples(exposition, name)
    .filter(({ labels }) => Object.entries(match).every(([k, v]) => labels[k] === v))
    .reduce((sum, { value }) => sum + value, 0);
}

/** Total RPC count in `sdiag`'s "statistics by message type" section. */
export function sdiagRpcTotal(text) {
  const section = text.split(/Remote Procedure Call statistics by message type/)[1] ?? '';
  const byType = section.split(/Remote Procedure Call statistics by user/)[0];
  let total = 0;
  for (const m of byType.matchAll(/count:\s*(\d+)/g)) total += Number(m[1]);
  return total;
}
