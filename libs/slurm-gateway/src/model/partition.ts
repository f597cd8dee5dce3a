/** A partition, normalised. Times in minutes (null = unlimited / not set). */
export interface Partition {
  cluster: string;
  name: string;
  /** UP, DOWN, DRAIN or INACTIVE. */
  state: string;
  /** Default=YES; null where slurmrestd does not report it (v0.0.40-42). */
  isDefault: boolean | null;
  nodes: string[];
  nodeList: string | null;
  totalNodes: number;
  totalCpus: number;
  defaultTime: number | null;
  maxTime: number | null;
  maxNodes: number | null;
  minNodes: number | null;
  priorityTier: number | null;
  priorityJobFactor: number | null;
  /** The partition QOS, if any. */
  qos: string | null;
  allowedAccounts: string[];
  allowedQos: string[];
  allowedGroups: string[];
  defaultMemoryPerCpuMb: number | null;
  defaultMemoryPerNodeMb: number | null;
  maxMemoryPerNodeMb: number | null;
}
