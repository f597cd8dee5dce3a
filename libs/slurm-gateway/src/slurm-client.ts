import type {
  Account,
  ClusterInfo,
  Job,
  JobHistoryQuery,
  JobHistoryRecord,
  JobStateEntry,
  JobUpdate,
  ListJobsOptions,
  ListJobsResult,
  Node,
  NodeUpdate,
  Partition,
  Qos,
  Reservation,
  SignalJobOptions,
  SlurmUser,
  SlurmWriteResult,
  SubmitJobRequest,
  SubmitJobResult,
} from './model/index.js';

/**
 * Typed access to one cluster, acting as one Slurm user.
 * Every method throws {@link SlurmError} on failure.
 */
export interface SlurmClient {
  readonly cluster: string;
  /** Slurm user the calls act as (X-SLURM-USER-NAME). */
  readonly actAs: string;

  /** Version and capabilities (discovered once, cached; re-discovered after a connection failure). */
  info(): Promise<ClusterInfo>;
  /** Round trip to slurmrestd and slurmctld. */
  ping(): Promise<void>;

  listJobs(options?: ListJobsOptions): Promise<ListJobsResult>;
  /** Throws not_found for an unknown job. */
  getJob(id: string): Promise<Job>;
  /** Cheap state poll (v0.0.40+, capability jobStateQuery); throws invalid elsewhere. */
  jobStates(ids?: string[]): Promise<JobStateEntry[]>;
  submitJob(request: SubmitJobRequest): Promise<SubmitJobResult>;
  updateJob(id: string, update: JobUpdate): Promise<SlurmWriteResult>;
  /** Send a signal ("SIGTERM", "TERM", "15"); SIGKILL cancels the job. */
  signalJob(id: string, signal: string, options?: SignalJobOptions): Promise<SlurmWriteResult>;
  /** Cancel the job (scancel semantics). */
  cancelJob(id: string): Promise<SlurmWriteResult>;
  requeueJob(id: string): Promise<SlurmWriteResult>;

  listNodes(): Promise<Node[]>;
  getNode(name: string): Promise<Node>;
  /** Through REST (v0.0.39+) or the configured scontrol fallback (22.05). */
  updateNode(name: string, update: NodeUpdate): Promise<SlurmWriteResult>;

  listPartitions(): Promise<Partition[]>;
  getPartition(name: string): Promise<Partition>;
  listReservations(): Promise<Reservation[]>;

  listUsers(): Promise<SlurmUser[]>;
  getUser(name: string): Promise<SlurmUser>;
  listAccounts(): Promise<Account[]>;
  listQos(): Promise<Qos[]>;

  listJobHistory(query: JobHistoryQuery): Promise<JobHistoryRecord[]>;
  /** Newest accounting record of a job, or null when accounting has none. */
  getJobHistory(id: string): Promise<JobHistoryRecord | null>;
}
