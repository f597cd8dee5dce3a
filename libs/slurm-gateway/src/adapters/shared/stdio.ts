/**
 * Output file patterns of sbatch (--output/--error): the raw pattern Slurm stores and its
 * expansion for one job (the subset of filename patterns that is fixed at submit time).
 */

export interface StdioContext {
  jobId: string;
  arrayJobId: string | null;
  arrayTaskId: number | null;
  user: string;
  name: string;
  batchHost: string | null;
  workingDirectory: string | null;
}

/** Slurm prints NO_VAL for %a of a job that is not an array task. */
const NO_TASK = '4294967294';

/** Default pattern sbatch uses when --output is not given. */
export function defaultStdioPattern(isArray: boolean): string {
  return isArray ? 'slurm-%A_%a.out' : 'slurm-%j.out';
}

/**
 * Expand a pattern; null when it holds a pattern that depends on the node or step
 * (e.g. %n, %t, %s) or when a needed value is unknown.
 */
export function expandStdio(pattern: string | null, ctx: StdioContext): string | null {
  if (pattern === null) return null;
  let unknown = false;
  const values: Record<string, string | null> = {
    '%': '%',
    j: ctx.jobId,
    J: ctx.jobId,
    A: ctx.arrayJobId ?? ctx.jobId,
    // The pending remainder of an array has no task id yet: its %a is unknown.
    a:
      ctx.arrayTaskId !== null ? String(ctx.arrayTaskId) : ctx.arrayJobId === null ? NO_TASK : null,
    u: ctx.user,
    x: ctx.name,
    N: ctx.batchHost,
  };
  const expanded = pattern.replace(/%(\d*)([%A-Za-z])/g, (_m, width: string, key: string) => {
    const value = values[key];
    if (value === undefined || value === null) {
      unknown = true;
      return '';
    }
    return key === '%' ? '%' : value.padStart(Number(width || 0), '0');
  });
  if (unknown) return null;
  if (expanded.startsWith('/')) return expanded;
  if (!ctx.workingDirectory) return null;
  return `${ctx.workingDirectory.replace(/\/$/, '')}/${expanded}`;
}
