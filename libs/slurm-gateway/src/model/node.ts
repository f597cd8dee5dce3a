/** A compute node, normalised across slurmrestd versions. Memory in MB, times epoch seconds. */

export const NODE_BASE_STATES = [
  'IDLE',
  'ALLOCATED',
  'MIXED',
  'DOWN',
  'ERROR',
  'FUTURE',
  'UNKNOWN',
] as const;

export type NodeBaseState = (typeof NODE_BASE_STATES)[number];

export interface Node {
  cluster: string;
  name: string;
  hostname: string | null;
  address: string | null;
  state: NodeBaseState;
  /** Flags after the base state: DRAIN, NOT_RESPONDING, COMPLETING, RESERVED, MAINTENANCE ... */
  stateFlags: string[];
  partitions: string[];
  cpus: number;
  allocCpus: number;
  /** Load average (1 min) as a float, e.g. 1.25; null when unknown. */
  cpuLoad: number | null;
  realMemoryMb: number;
  allocMemoryMb: number;
  freeMemoryMb: number | null;
  gpusTotal: number;
  gpusUsed: number;
  /** Raw GRES strings, e.g. "gpu:4" and "gpu:0(IDX:N/A)". */
  gres: string | null;
  gresUsed: string | null;
  features: string[];
  activeFeatures: string[];
  architecture: string | null;
  os: string | null;
  bootTime: number | null;
  lastBusy: number | null;
  slurmdStartTime: number | null;
  reason: string | null;
  reasonTime: number | null;
  reasonUser: string | null;
  version: string | null;
  weight: number | null;
}

/** States a caller may set. DRAIN needs a reason. */
export type NodeUpdateState = 'DRAIN' | 'RESUME' | 'UNDRAIN' | 'DOWN' | 'IDLE';

export interface NodeUpdate {
  state: NodeUpdateState;
  reason?: string;
}
