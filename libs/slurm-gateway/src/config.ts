/** Configuration of the clusters the gateway talks to. */
export interface ClusterConfig {
  /** Gateway-side cluster name (used in the API's `cluster` parameter). */
  name: string;
  /** slurmrestd base URL, e.g. http://127.0.0.1:6820 */
  url: string;
  /** File holding the cluster's JWT HS256 key: the gateway mints its own tokens. */
  jwtKeyFile?: string;
  /** Static token, used when no key file is given. */
  token?: string;
  /** Slurm user the tokens are minted for (the SlurmUser, may impersonate). Default "slurm". */
  slurmUser?: string;
  /** Root of the cluster's filesystem as seen from the gateway host (e.g. a chroot); "" = host. */
  pathRoot?: string;
  /**
   * scontrol executable (or wrapper) for node updates where slurmrestd has no route (22.05).
   * Without it such clusters report nodeUpdate 'none'.
   */
  scontrol?: string;
  /** Timeout of ordinary calls in ms (default 30000). */
  timeoutMs?: number;
  /** Timeout of list calls (jobs, nodes, history) in ms (default 4 × timeoutMs). */
  listTimeoutMs?: number;
  /** Lifetime of minted tokens in seconds (default 600). */
  tokenLifetimeSeconds?: number;
}

export interface SlurmGatewayOptions {
  clusters: ClusterConfig[];
}

export const DEFAULT_SLURM_USER = 'slurm';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 600;
