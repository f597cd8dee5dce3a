import type {
  Account,
  AdapterFamily,
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
} from '../model/index.js';
import type { SlurmHttp } from '../transport/slurm-http.js';

/** What a cluster's slurmrestd offers, found by discovery. */
export interface ApiVersions {
  /** Slurm plugin version in use, e.g. "v0.0.42". */
  slurm: string;
  /** slurmdb plugin version, e.g. "v0.0.42" or "v0.0.38" (dbv0.0.38); null without accounting. */
  slurmdb: string | null;
  /** slurmrestd has POST node/{name}. */
  nodeUpdate: boolean;
  /** slurmrestd has GET jobs/state/. */
  jobStates: boolean;
}

/**
 * One adapter family: turns the model's calls into one generation's requests and its
 * answers back into the model. All calls go through the given SlurmHttp (acting user).
 */
export interface SlurmAdapter {
  readonly family: AdapterFamily;
  readonly versions: ApiVersions;

  /** Ping slurmctld through slurmrestd; returns the Slurm release ("24.11.5"). */
  ping(http: SlurmHttp): Promise<string>;

  listJobs(http: SlurmHttp, options: ListJobsOptions): Promise<ListJobsResult>;
  getJob(http: SlurmHttp, id: string): Promise<Job>;
  jobStates(http: SlurmHttp, ids: readonly string[] | undefined): Promise<JobStateEntry[]>;
  submitJob(http: SlurmHttp, request: SubmitJobRequest): Promise<SubmitJobResult>;
  updateJob(http: SlurmHttp, id: string, update: JobUpdate): Promise<SlurmWriteResult>;
  signalJob(
    http: SlurmHttp,
    id: string,
    signal: string,
    options: SignalJobOptions,
  ): Promise<SlurmWriteResult>;

  listNodes(http: SlurmHttp): Promise<Node[]>;
  getNode(http: SlurmHttp, name: string): Promise<Node>;
  /** REST node update; only where versions.nodeUpdate is true. */
  updateNode(http: SlurmHttp, name: string, update: NodeUpdate): Promise<SlurmWriteResult>;

  listPartitions(http: SlurmHttp): Promise<Partition[]>;
  getPartition(http: SlurmHttp, name: string): Promise<Partition>;
  listReservations(http: SlurmHttp): Promise<Reservation[]>;

  listUsers(http: SlurmHttp): Promise<SlurmUser[]>;
  getUser(http: SlurmHttp, name: string): Promise<SlurmUser>;
  listAccounts(http: SlurmHttp): Promise<Account[]>;
  listQos(http: SlurmHttp): Promise<Qos[]>;
  listJobHistory(http: SlurmHttp, query: JobHistoryQuery): Promise<JobHistoryRecord[]>;
  getJobHistory(http: SlurmHttp, id: string): Promise<JobHistoryRecord | null>;
}
