import { posix } from 'node:path';

/** Which of a job's two output files. */
export type OutputStream = 'output' | 'error';

/** What Slurm's filename patterns can refer to (sbatch(1), "filename pattern"). */
export interface OutputPathJob {
  id: string;
  arrayJobId: string | null;
  arrayTaskId: number | null;
  name: string;
  user: string;
  workingDirectory: string | null;
  /** First allocated node (the batch host), for %N. */
  batchHost: string | null;
  /** Paths as submitted (may hold patterns), null when Slurm's default applies. */
  stdout: string | null;
  stderr: string | null;
  /** Paths with the patterns already replaced, when slurmrestd provides them. */
  stdoutExpanded?: string | null;
  stderrExpanded?: string | null;
}

/** Slurm's NO_VAL: what %a prints for a job that is not an array task. */
const NO_VAL = '4294967294';

/**
 * Replaces Slurm's filename patterns (%A %a %b %J %j %N %n %s %t %u %x %%, with optional zero
 * padding such as %4a). A backslash anywhere disables every pattern, as in Slurm.
 */
export function expandOutputPattern(pattern: string, job: OutputPathJob): string {
  if (pattern.includes('\\')) {
    return pattern.replaceAll('\\', '');
  }
  return pattern.replace(/%(\d*)([AabJjNnstux%])/g, (whole, width: string, symbol: string) => {
    const value = patternValue(symbol, job);
    if (value === null) {
      return whole;
    }
    const pad = width === '' ? 0 : Math.min(Number(width), 10);
    return /^\d+$/.test(value) ? value.padStart(pad, '0') : value;
  });
}

function patternValue(symbol: string, job: OutputPathJob): string | null {
  const task = job.arrayJobId === null ? null : job.arrayTaskId;
  switch (symbol) {
    case '%':
      return '%';
    case 'A':
      return task === null ? job.id : (job.arrayJobId ?? job.id);
    case 'a':
      return task === null ? NO_VAL : String(task);
    case 'b':
      return task === null ? NO_VAL : String(task % 10);
    case 'J':
    case 'j':
      return job.id;
    case 'N':
      return job.batchHost;
    case 'n':
    case 't':
      return '0';
    case 's':
      return 'batch';
    case 'u':
      return job.user;
    case 'x':
      return job.name;
    default:
      return null;
  }
}

/** Slurm's default file name when none was given: slurm-%j.out, slurm-%A_%a.out for arrays. */
function defaultPattern(job: OutputPathJob): string {
  return job.arrayTaskId !== null && job.arrayJobId !== null ? 'slurm-%A_%a.out' : 'slurm-%j.out';
}

/**
 * The path of a job's stdout or stderr file as the cluster sees it. stderr goes to the stdout
 * file when it was not given separately; relative names live in the working directory.
 */
export function resolveOutputPath(job: OutputPathJob, stream: OutputStream): string {
  const raw = stream === 'error' ? (job.stderr ?? job.stdout) : job.stdout;
  const expanded =
    stream === 'error' ? (job.stderrExpanded ?? job.stdoutExpanded) : job.stdoutExpanded;
  let path: string;
  if (raw && raw.includes('%')) {
    path = expandOutputPattern(raw, job);
  } else if (expanded) {
    path = expanded;
  } else {
    path = expandOutputPattern(raw || defaultPattern(job), job);
  }
  if (posix.isAbsolute(path)) {
    return posix.normalize(path);
  }
  return posix.join(job.workingDirectory ?? '/', path);
}

/**
 * Maps a cluster path to the gateway's filesystem: the cluster's root may be mounted elsewhere
 * (e.g. the files of a chroot cluster live under the chroot directory).
 */
export function toGatewayPath(clusterPath: string, pathRoot: string | undefined): string {
  const normalized = posix.normalize(clusterPath);
  if (!pathRoot) {
    return normalized;
  }
  return posix.join(pathRoot, normalized);
}
