/**
 * Parsing Slurm's own CLI output for end-to-end assertions (values computed independently
 * of the gateway). `scontrol show <thing> -o` prints one record per line as Key=Value pairs;
 * values may contain spaces (OS=Linux 6.1 #1 SMP ...), so keys are found by position.
 */
export type ScontrolRecord = Record<string, string>;

const KEY = /(?:^|\s)([A-Za-z][A-Za-z0-9_:/]*)=/g;

/** One record per non-empty line of `scontrol show ... -o`. */
export function parseScontrol(stdout: string): ScontrolRecord[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const record: ScontrolRecord = {};
      const keys = [...line.matchAll(KEY)];
      keys.forEach((m, i) => {
        const start = (m.index ?? 0) + m[0].length;
        const end = i + 1 < keys.length ? (keys[i + 1].index ?? line.length) : line.length;
        record[m[1]] = line.slice(start, end).trim();
      });
      return record;
    });
}

/** Megabytes as the API prints them: "7.8GB", "512MB" (1 GB = 1024 MB, one decimal). */
export function apiMemory(mb: number): string {
  if (mb >= 1024 * 1024) return `${Math.round((mb / 1024 / 1024) * 10) / 10}TB`;
  if (mb >= 1024) return `${Math.round((mb / 1024) * 10) / 10}GB`;
  return `${Math.round(mb)}MB`;
}

/** scontrol's "1-02:03:04", "01:00:00", "00:30:00", "UNLIMITED" → seconds (null = unlimited). */
export function scontrolSeconds(text: string): number | null {
  if (text === 'UNLIMITED' || text === 'NONE' || text === 'INFINITE') return null;
  const match = /^(?:(\d+)-)?(\d+):(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`unexpected scontrol duration "${text}"`);
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** Seconds in the API's duration format: "1:00:00", "7-00:00:00". */
export function apiDuration(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const hms = `${days > 0 ? pad(h) : h}:${pad(m)}:${pad(s)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/** Base state and flags of scontrol's State=MIXED+DRAIN (also IDLE*, i.e. not responding). */
export function nodeState(state: string): { base: string; flags: string[] } {
  const [base, ...flags] = state.split('+');
  return base.endsWith('*')
    ? { base: base.slice(0, -1), flags: [...flags, 'NOT_RESPONDING'] }
    : { base, flags };
}
