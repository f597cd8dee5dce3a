import type {
  ClusterInfo,
  Job,
  JobStateEntry,
  ListJobsOptions,
  ListJobsResult,
  Node,
} from '@app/slurm-gateway';

/** The slurmrestd reads the snapshot machinery makes (a subset of SlurmClient). */
export interface SlurmStateSource {
  info(): Promise<ClusterInfo>;
  listJobs(options?: ListJobsOptions): Promise<ListJobsResult>;
  jobStates(ids?: string[]): Promise<JobStateEntry[]>;
  getJob(id: string): Promise<Job>;
  listNodes(): Promise<Node[]>;
  getNode(name: string): Promise<Node>;
}

export const SLURM_CALL_KINDS = [
  'info',
  'listJobs',
  'jobStates',
  'getJob',
  'listNodes',
  'getNode',
] as const;
export type SlurmCallKind = (typeof SLURM_CALL_KINDS)[number];

/** Counts slurmrestd calls by kind and outcome; read by the metrics module. */
export class SlurmCallCounter {
  readonly calls = Object.fromEntries(SLURM_CALL_KINDS.map((k) => [k, 0])) as Record<
    SlurmCallKind,
    number
  >;
  readonly failures = Object.fromEntries(SLURM_CALL_KINDS.map((k) => [k, 0])) as Record<
    SlurmCallKind,
    number
  >;

  async track<T>(kind: SlurmCallKind, call: () => Promise<T>): Promise<T> {
    this.calls[kind]++;
    try {
      return await call();
    } catch (error) {
      this.failures[kind]++;
      throw error;
    }
  }
}

/** Wraps a client so that every call is counted. */
export class CountingSlurmSource implements SlurmStateSource {
  constructor(
    private readonly client: () => SlurmStateSource,
    readonly counter: SlurmCallCounter,
  ) {}

  info(): Promise<ClusterInfo> {
    return this.counter.track('info', () => this.client().info());
  }

  listJobs(options?: ListJobsOptions): Promise<ListJobsResult> {
    return this.counter.track('listJobs', () => this.client().listJobs(options));
  }

  jobStates(ids?: string[]): Promise<JobStateEntry[]> {
    return this.counter.track('jobStates', () => this.client().jobStates(ids));
  }

  getJob(id: string): Promise<Job> {
    return this.counter.track('getJob', () => this.client().getJob(id));
  }

  listNodes(): Promise<Node[]> {
    return this.counter.track('listNodes', () => this.client().listNodes());
  }

  getNode(name: string): Promise<Node> {
    return this.counter.track('getNode', () => this.client().getNode(name));
  }
}
