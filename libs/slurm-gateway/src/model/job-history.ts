import type { JobBaseState } from './job.js';

/** One job from accounting (sacct / slurmdb jobs), steps folded in. */
export interface JobHistoryRecord {
  cluster: string;
  id: string;
  arrayJobId: string | null;
  arrayTaskId: number | null;
  name: string;
  user: string;
  group: string | null;
  account: string | null;
  partition: string | null;
  qos: string | null;
  state: JobBaseState;
  stateFlags: string[];
  reason: string | null;
  submitTime: number | null;
  eligibleTime: number | null;
  startTime: number | null;
  endTime: number | null;
  /** Elapsed seconds. */
  elapsed: number;
  /** Time limit in minutes; null = unlimited. */
  timeLimit: number | null;
  allocCpus: number;
  allocNodes: number;
  /** Requested memory in MB (total for the job); null = unknown. */
  reqMemMb: number | null;
  /** Largest MaxRSS over the steps, MB; null when no step reported one. */
  maxRssMb: number | null;
  /** User + system CPU seconds over all steps. */
  totalCpuSeconds: number;
  userCpuSeconds: number;
  systemCpuSeconds: number;
  exitCode: number | null;
  exitSignal: number | null;
  nodes: string[];
  nodeList: string | null;
  gpus: number;
  workingDirectory: string | null;
  stdout: string | null;
  stderr: string | null;
  submitLine: string | null;
  script: string | null;
  priority: number | null;
}

export interface JobHistoryQuery {
  /** Epoch seconds; required (an unbounded query returns the entire history). */
  startTime: number;
  endTime: number;
  users?: string[];
  accounts?: string[];
  partitions?: string[];
  states?: string[];
  jobIds?: string[];
}
