import { constants } from 'node:os';

const SIGNALS = constants.signals as Record<string, number>;

/** Highest real-time signal number on Linux. */
const MAX_SIGNAL = 64;

/**
 * "term", "SIGTERM", "15" → "SIGTERM"; a number without a name (e.g. 40) stays a number.
 * null for anything Linux does not know.
 */
export function normalizeSignal(value: string): string | null {
  const text = value.trim().toUpperCase();
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    if (number < 1 || number > MAX_SIGNAL) return null;
    const name = Object.keys(SIGNALS).find((key) => SIGNALS[key] === number);
    return name ?? String(number);
  }
  const name = text.startsWith('SIG') ? text : `SIG${text}`;
  return name in SIGNALS ? name : null;
}

/** Signals after which a cancellation is what the caller means (Slurm sends SIGTERM first). */
const CANCEL_SIGNALS: ReadonlySet<string> = new Set(['SIGTERM', 'SIGKILL']);

export function isCancelSignal(signal: string): boolean {
  return CANCEL_SIGNALS.has(signal);
}
