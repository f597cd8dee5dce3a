import { accessSync, constants } from 'node:fs';
import type { ClusterConfig } from '@app/slurm-gateway';
import type { EnvReader } from './env-reader.js';

const CLUSTER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** `SLURM_<C>_<SUFFIX>` for cluster `c` (e.g. `my-site` → `SLURM_MY_SITE_URL`). */
export function clusterVariable(cluster: string, suffix: string): string {
  return `SLURM_${cluster.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${suffix}`;
}

function readableFile(env: EnvReader, variable: string, executable = false): string | undefined {
  const path = env.optional(variable);
  if (path === undefined) return undefined;
  try {
    accessSync(path, executable ? constants.X_OK : constants.R_OK);
  } catch {
    env.fail(variable, `${executable ? 'not an executable' : 'cannot read'} file "${path}"`);
  }
  return path;
}

function readCluster(env: EnvReader, name: string): ClusterConfig {
  const v = (suffix: string) => clusterVariable(name, suffix);
  const cluster: ClusterConfig = {
    name,
    url: env.url(v('URL'), ['http:', 'https:']),
    slurmUser: env.string(v('USER'), 'slurm'),
  };
  const jwtKeyFile = readableFile(env, v('JWT_KEY'));
  const token = env.optional(v('TOKEN'));
  if (jwtKeyFile === undefined && token === undefined) {
    env.fail(v('JWT_KEY'), `is required (or ${v('TOKEN')}): the gateway needs a Slurm credential`);
  }
  if (jwtKeyFile !== undefined) cluster.jwtKeyFile = jwtKeyFile;
  if (token !== undefined) cluster.token = token;
  const pathRoot = env.optional(v('PATH_ROOT'));
  if (pathRoot !== undefined) cluster.pathRoot = pathRoot;
  const scontrol = readableFile(env, v('SCONTROL'), true);
  if (scontrol !== undefined) cluster.scontrol = scontrol;
  const timeoutMs = env.optionalInt(v('TIMEOUT_MS'), { min: 100, max: 600_000 });
  if (timeoutMs !== undefined) cluster.timeoutMs = timeoutMs;
  return cluster;
}

/**
 * Clusters from `SLURM_CLUSTERS=main,legacy` and `SLURM_<C>_URL`, `_JWT_KEY`, `_TOKEN`, `_USER`,
 * `_PATH_ROOT`, `_SCONTROL`, `_TIMEOUT_MS`. The first cluster is the default one.
 */
export function readClustersConfig(env: EnvReader): ClusterConfig[] {
  const names = env.list('SLURM_CLUSTERS');
  if (names.length === 0) {
    env.fail('SLURM_CLUSTERS', 'is required: a comma-separated list of cluster names');
    return [];
  }
  const bad = names.filter((name) => !CLUSTER_NAME.test(name));
  if (bad.length > 0) {
    env.fail('SLURM_CLUSTERS', `invalid cluster name(s) ${bad.join(', ')}: use [a-z][a-z0-9_-]*`);
  }
  if (new Set(names).size !== names.length) {
    env.fail('SLURM_CLUSTERS', 'lists a cluster twice');
  }
  return names.filter((name) => CLUSTER_NAME.test(name)).map((name) => readCluster(env, name));
}
