/** Dependency types Slurm accepts (sbatch --dependency). */
export const DEPENDENCY_TYPES = [
  'after',
  'afterok',
  'afternotok',
  'afterany',
  'aftercorr',
  'singleton',
] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

export interface JobDependency {
  type: string;
  /** Job the dependency waits for; null for singleton. */
  job_id: string | null;
}

/**
 * Parses Slurm's dependency text as slurmctld prints it, e.g.
 * "afterok:12(unfulfilled),afterany:13_*(failed)", "after:5+10", "singleton(unfulfilled)".
 * "," and "?" (all / any of) both separate items.
 */
export function parseDependencies(text: string | null | undefined): JobDependency[] {
  if (!text || text === '(null)') {
    return [];
  }
  const result: JobDependency[] = [];
  for (const item of text.split(/[,?]/)) {
    const bare = item.replace(/\([^)]*\)$/, '').trim();
    if (bare === '') {
      continue;
    }
    const [type, ...ids] = bare.split(':');
    if (ids.length === 0) {
      result.push({ type, job_id: null });
      continue;
    }
    for (const id of ids) {
      result.push({ type, job_id: id.replace(/\+\d+$/, '') });
    }
  }
  return result;
}

/**
 * Slurm's dependency expression from a list: "afterok:12:13,after:5,singleton"
 * (one clause per type, in the order of first appearance; all must be satisfied).
 */
export function formatDependencies(dependencies: readonly JobDependency[]): string | undefined {
  const byType = new Map<string, string[]>();
  for (const dep of dependencies) {
    const ids = byType.get(dep.type) ?? [];
    if (dep.job_id !== null && !ids.includes(dep.job_id)) {
      ids.push(dep.job_id);
    }
    byType.set(dep.type, ids);
  }
  const clauses = [...byType].map(([type, ids]) =>
    ids.length > 0 ? `${type}:${ids.join(':')}` : type,
  );
  return clauses.length > 0 ? clauses.join(',') : undefined;
}
