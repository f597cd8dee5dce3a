/**
 * A low-cardinality label for a slurmrestd request path: the plugin and resource, without
 * version, ids or names. "/slurm/v0.0.42/job/123" → "slurm/job",
 * "/slurm/v0.0.42/jobs/state/?job_id=1" → "slurm/jobs/state", "/slurmdb/v0.0.38/jobs" →
 * "slurmdb/jobs", "/openapi/v3" → "openapi".
 */
export function slurmrestdEndpoint(path: string): string {
  const segments = path
    .split('?')[0]
    .split('/')
    .filter((s) => s !== '');
  const plugin = segments[0] ?? '';
  if (plugin !== 'slurm' && plugin !== 'slurmdb') return plugin === 'openapi' ? 'openapi' : 'other';
  const resource = segments[2];
  if (resource === undefined) return plugin;
  if (resource === 'jobs' && segments[3] === 'state') return `${plugin}/jobs/state`;
  return `${plugin}/${resource}`;
}

/** "host:port" of a URL, with the scheme's default port made explicit. */
export function hostKey(url: string): string | null {
  try {
    const u = new URL(url);
    const port = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
    return `${u.hostname}:${port}`;
  } catch {
    return null;
  }
}
