/** Epoch seconds → "2023-12-15T10:30:00Z" (UTC, no milliseconds); null/0/unset → null. */
export function toIso(epochSeconds: number | null | undefined): string | null {
  if (epochSeconds === null || epochSeconds === undefined || !Number.isFinite(epochSeconds)) {
    return null;
  }
  if (epochSeconds <= 0) return null;
  // toISOString() always ends in ".sssZ" for the years Slurm can report.
  return `${new Date(Math.floor(epochSeconds) * 1000).toISOString().slice(0, -5)}Z`;
}

/** The current time as toIso formats it. */
export function nowIso(): string {
  return toIso(Date.now() / 1000) ?? '';
}

/** ISO 8601 (or epoch seconds as digits) → epoch seconds; null when malformed. */
export function parseIsoToEpoch(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const millis = Date.parse(trimmed);
  return Number.isNaN(millis) ? null : Math.floor(millis / 1000);
}
