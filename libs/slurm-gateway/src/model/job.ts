/**
 * A Slurm job as the rest of S9S sees it, whatever slurmrestd version produced it.
 * Times are epoch seconds (null = unset), memory is in MB, job ids are strings.
 */

/** Base job states (Slurm's JOB_STATE_BASE). Flags such as COMPLETING live in `stateFlags`. */
export const JOB_BASE_STATES = [
  'PENDING',
  'RUNNING',
  'SUSPENDED',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
  'TIMEOUT',
  'NODE_FAIL',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
  'OUT_OF_MEMORY',
] as const;

export type JobBaseState = (typeof JOB_BASE_STATES)[number];

export interface Job {
  /** Cluster the job belongs to (the gateway's cluster name). */
  cluster: string;
  /** Slurm job id (for an array task: the task's own job id). */
  id: string;
  /** Array master job id, or null when the job is not part of an array. */
  arrayJobId: string | null;
  /** Array task id, or null (also null for the pending array remainder record). */
  arrayTaskId: number | null;
  /** Task ids still pending in the array remainder record, e.g. "3-9%2"; else null. */
  arrayTaskString: string | null;
  name: string;
  user: string;
  userId: number | null;
  group: string | null;
  account: string | null;
  partition: string | null;
  qos: string | null;
  state: JobBaseState;
  /** State flags after the base state, e.g. ["COMPLETING"], ["REQUEUED"]. */
  stateFlags: string[];
  /** Pending/failure reason; null when Slurm says "None". */
  reason: string | null;
  /** Free-text description Slurm attaches to the reason (v0.0.40+ mostly). */
  stateDescription: string | null;
  priority: number | null;
  /** True when the job is held (user or admin hold). */
  held: boolean;
  submitTime: number | null;
  eligibleTime: number | null;
  /** Actual start time; null until the job starts (see expectedStartTime). */
  startTime: number | null;
  /** Slurm's estimated start time for a pending job; else null. */
  expectedStartTime: number | null;
  /** End time (or the projected end for a running job with a time limit); null when unset. */
  endTime: number | null;
  /** Time limit in minutes; null = unlimited / not set. */
  timeLimit: number | null;
  /** Expanded node names (allocated nodes, or the requested list for pending jobs). */
  nodes: string[];
  /** Compressed node list as Slurm prints it ("gpu[001-002]"), or null. */
  nodeList: string | null;
  nodeCount: number;
  cpus: number;
  /** Total memory of the job in MB (per node × nodes, or per cpu × cpus); null = unknown. */
  memoryMb: number | null;
  memoryPerNodeMb: number | null;
  memoryPerCpuMb: number | null;
  /** GPUs allocated (or requested while pending), from TRES gres/gpu. */
  gpus: number;
  /** Raw TRES strings, e.g. "cpu=4,mem=4G,node=1,gres/gpu=2". */
  tresRequested: string | null;
  tresAllocated: string | null;
  workingDirectory: string | null;
  /** stdout/stderr as submitted (may contain %j, %u ...). */
  stdout: string | null;
  stderr: string | null;
  /** stdout/stderr with the patterns replaced, when slurmrestd provides them (v0.0.40+). */
  stdoutExpanded: string | null;
  stderrExpanded: string | null;
  command: string | null;
  /** Return code of the batch script; null while not finished. */
  exitCode: number | null;
  /** Signal that ended the job; null when none. */
  exitSignal: number | null;
  dependency: string | null;
  comment: string | null;
  restartCount: number;
  batchHost: string | null;
  features: string | null;
  nice: number | null;
}

/** Cheap per-job state from GET jobs/state (v0.0.40+). */
export interface JobStateEntry {
  id: string;
  arrayJobId: string | null;
  arrayTaskId: number | null;
  arrayTaskString: string | null;
  state: JobBaseState;
  stateFlags: string[];
}

export interface ListJobsOptions {
  /** Epoch seconds of the previous list (its `lastUpdate`): lets Slurm answer "unchanged". */
  updateTime?: number;
}

export interface ListJobsResult {
  jobs: Job[];
  /** Slurm's last_update of the list (epoch seconds); feed back as updateTime. */
  lastUpdate: number | null;
  /** True when nothing changed since `updateTime` (then `jobs` is empty). */
  unchanged: boolean;
  warnings: string[];
}
