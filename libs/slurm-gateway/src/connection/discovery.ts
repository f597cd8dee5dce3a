import type { ApiVersions } from '../adapters/adapter.js';
import { SlurmError } from '../slurm.error.js';
import type { SlurmHttp } from '../transport/slurm-http.js';

/** Plugin versions this library can speak, newest first. v0.0.39 sites (23.02) also serve v0.0.38. */
export const SUPPORTED_SLURM_VERSIONS = [
  'v0.0.44',
  'v0.0.43',
  'v0.0.42',
  'v0.0.41',
  'v0.0.40',
  'v0.0.38',
] as const;

function versionNumber(version: string): number {
  return Number(version.split('.').pop());
}

/**
 * Read the capabilities from the paths of slurmrestd's OpenAPI document: the newest
 * supported slurmctld plugin, the slurmdb plugin (same version when present), and
 * whether node updates and job state queries exist in that version.
 */
export function versionsFromOpenApi(document: unknown, cluster: string): ApiVersions {
  const paths =
    document !== null && typeof document === 'object' && 'paths' in document
      ? (document.paths as Record<string, Record<string, unknown> | undefined>)
      : {};
  const slurm = new Set<string>();
  const slurmdb = new Set<string>();
  for (const path of Object.keys(paths)) {
    const m = /^\/(slurm|slurmdb)\/(v\d+\.\d+\.\d+)\//.exec(path);
    if (m) (m[1] === 'slurm' ? slurm : slurmdb).add(m[2]);
  }
  const chosen = SUPPORTED_SLURM_VERSIONS.find((v) => slurm.has(v));
  if (!chosen) {
    throw new SlurmError({
      kind: 'unavailable',
      message: `slurmrestd serves no supported API version (has: ${[...slurm].join(', ') || 'none'})`,
      cluster,
    });
  }
  const dbCandidates = [...slurmdb]
    .filter((v) => versionNumber(v) <= versionNumber(chosen))
    .sort((a, b) => versionNumber(b) - versionNumber(a));
  const db = slurmdb.has(chosen) ? chosen : (dbCandidates[0] ?? null);
  const nodePath = paths[`/slurm/${chosen}/node/{node_name}`];
  return {
    slurm: chosen,
    slurmdb: db,
    nodeUpdate: nodePath !== undefined && 'post' in nodePath,
    jobStates: paths[`/slurm/${chosen}/jobs/state/`] !== undefined,
  };
}

/** Ask slurmrestd for its OpenAPI document (about 0.2 MB on 22.05, 1.6 MB on 24.11). */
export async function discoverVersions(http: SlurmHttp): Promise<ApiVersions> {
  try {
    const { body } = await http.json('/openapi/v3', { list: true });
    return versionsFromOpenApi(body, http.cluster);
  } catch (err) {
    if (err instanceof SlurmError && err.kind === 'unavailable' && err.httpStatus === null) {
      throw err;
    }
    return probeVersions(http);
  }
}

/** Fallback when the document is not served: ping each version, newest first. */
async function probeVersions(http: SlurmHttp): Promise<ApiVersions> {
  for (const version of SUPPORTED_SLURM_VERSIONS) {
    const modern = versionNumber(version) >= 40;
    try {
      await http.json(`/slurm/${version}/ping${modern ? '/' : ''}`);
      return { slurm: version, slurmdb: version, nodeUpdate: modern, jobStates: modern };
    } catch (err) {
      if (!(err instanceof SlurmError) || err.kind !== 'not_found') throw err;
    }
  }
  throw new SlurmError({
    kind: 'unavailable',
    message: 'slurmrestd answers no supported API version',
    cluster: http.cluster,
  });
}
