/** Requests the gateway turns into each adapter family's payload. */

export interface SubmitJobRequest {
  /** Full batch script text, starting with "#!". */
  script: string;
  name?: string;
  partition?: string;
  account?: string;
  qos?: string;
  /** Minimum node count. */
  nodes?: number;
  maxNodes?: number;
  tasks?: number;
  cpusPerTask?: number;
  /** Minimum CPUs per node (sbatch --mincpus); does not by itself allocate more CPUs. */
  cpusPerNode?: number;
  memoryPerNodeMb?: number;
  memoryPerCpuMb?: number;
  /** GPUs per node (gres/gpu). */
  gpusPerNode?: number;
  /** Minutes. */
  timeLimit?: number;
  /** Required by slurmrestd. */
  workingDirectory: string;
  stdout?: string;
  stderr?: string;
  /** Environment of the job; PATH is added when absent (v0.0.38 requires an environment). */
  environment?: Record<string, string>;
  /** Slurm dependency expression, e.g. "afterok:12:13". */
  dependency?: string;
  comment?: string;
  /** Submit held. */
  hold?: boolean;
  nice?: number;
  constraints?: string;
  /** Array specification, e.g. "0-9%2". */
  array?: string;
}

export interface SubmitJobResult {
  jobId: string;
  stepId: string | null;
  warnings: string[];
}

export interface JobUpdate {
  hold?: boolean;
  priority?: number;
  comment?: string;
  /** Minutes. */
  timeLimit?: number;
  name?: string;
  partition?: string;
  qos?: string;
  account?: string;
  nice?: number;
  dependency?: string;
}

export interface SignalJobOptions {
  /** Slurm kill flags, e.g. ["BATCH_JOB"], ["FULL_JOB"] (v0.0.40+ only; ignored on v0.0.38). */
  flags?: string[];
}

/** Result of an update/signal call: slurmrestd warnings, kept. */
export interface SlurmWriteResult {
  warnings: string[];
}
