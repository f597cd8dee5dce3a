/**
 * Slurm-style durations: "M:SS", "H:MM:SS", "D-HH:MM:SS" (as squeue prints them).
 * formatDuration takes seconds; parseDuration returns minutes (Slurm's time limit unit).
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function formatDuration(seconds: number): string;
export function formatDuration(seconds: number | null | undefined): string | null;
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return `${days}-${pad(hours)}:${pad(minutes)}:${pad(secs)}`;
  return `${hours}:${pad(minutes)}:${pad(secs)}`;
}

/** A time limit in minutes, formatted like formatDuration; null stays null. */
export function formatMinutes(minutes: number): string;
export function formatMinutes(minutes: number | null | undefined): string | null;
export function formatMinutes(minutes: number | null | undefined): string | null {
  if (minutes === null || minutes === undefined) return null;
  return formatDuration(minutes * 60);
}

/**
 * Slurm's --time formats: "M", "M:S", "H:M:S", "D-H", "D-H:M", "D-H:M:S".
 * Returns whole minutes (seconds round up, as Slurm does), or null when malformed.
 */
export function parseDuration(text: string): number | null {
  const match = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, d, a, b, c] = match;
  const [days, x, y, z] = [d, a, b, c].map((part) => (part === undefined ? undefined : +part));
  let seconds: number;
  if (days !== undefined) {
    // D-H, D-H:M, D-H:M:S
    seconds = days * 86_400 + (x ?? 0) * 3600 + (y ?? 0) * 60 + (z ?? 0);
  } else if (z !== undefined) {
    seconds = (x ?? 0) * 3600 + (y ?? 0) * 60 + z; // H:M:S
  } else if (y !== undefined) {
    seconds = (x ?? 0) * 60 + y; // M:S
  } else {
    seconds = (x ?? 0) * 60; // M
  }
  if ((y ?? 0) >= 60 || (z ?? 0) >= 60) return null;
  return Math.ceil(seconds / 60);
}
