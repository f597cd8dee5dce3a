/** Cluster identity and what its slurmrestd can do. */

export type NodeUpdateCapability = 'rest' | 'scontrol' | 'none';

export interface ClusterCapabilities {
  /** How node state changes are carried out. */
  nodeUpdate: NodeUpdateCapability;
  /** slurmdbd routes are available (users, accounts, qos, job history). */
  accounting: boolean;
  /** GET jobs/state exists (cheap status poll). */
  jobStateQuery: boolean;
}

/** Adapter family used for a cluster. */
export type AdapterFamily = 'v0038' | 'v0040';

export interface ClusterInfo {
  name: string;
  /** Slurm release, e.g. "24.11.5". */
  slurmVersion: string;
  /** slurmrestd plugin version in use, e.g. "v0.0.42". */
  apiVersion: string;
  /** Accounting plugin version in use, e.g. "v0.0.42" or "dbv0.0.38"; null when absent. */
  dbApiVersion: string | null;
  family: AdapterFamily;
  capabilities: ClusterCapabilities;
}
