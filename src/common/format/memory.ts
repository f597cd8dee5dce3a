/** Memory sizes: the model counts megabytes (as Slurm does); the API prints "128GB"/"512MB". */
const UNITS: Record<string, number> = {
  K: 1 / 1024,
  M: 1,
  G: 1024,
  T: 1024 * 1024,
  P: 1024 * 1024 * 1024,
};

/** 131072 → "128GB", 512 → "512MB", 1536 → "1.5GB"; null stays null. */
export function formatMemory(mb: number): string;
export function formatMemory(mb: number | null | undefined): string | null;
export function formatMemory(value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const mb = Number.isFinite(value) && value > 0 ? value : 0;
  for (const [unit, size] of [
    ['TB', 1024 * 1024],
    ['GB', 1024],
  ] as const) {
    if (mb >= size) {
      const value = Math.round((mb / size) * 10) / 10;
      return `${value}${unit}`;
    }
  }
  return `${Math.round(mb)}MB`;
}

/** "64GB", "64G", "512M", "1.5T", "2048" (MB) → megabytes; null when malformed. */
export function parseMemory(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGTP])?(?:i?B)?$/i.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] ?? 'M').toUpperCase();
  const mb = Number(match[1]) * UNITS[unit];
  return Math.ceil(mb);
}
