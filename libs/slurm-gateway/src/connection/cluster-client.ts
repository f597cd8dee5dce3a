import type { SlurmAdapter } from '../adapters/adapter.js';
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
} from '../model/index.js';
import type { SlurmClient } from '../slurm-client.js';
import { SlurmError } from '../slurm.error.js';
import type { SlurmHttp } from '../transport/slurm-http.js';
import type { ClusterConnection } from './cluster-connection.js';

/** A failure without any answer from slurmrestd (refused, reset, timed out). */
function isConnectionFailure(err: unknown): boolean {
  return err instanceof SlurmError && err.kind === 'unavailable' && err.httpStatus === null;
}

/** SlurmClient for one cluster and one acting user; cheap to create per request. */
export class ClusterClient implements SlurmClient {
  private readonly http: SlurmHttp;

  constructor(
    private readonly connection: ClusterConnection,
    readonly actAs: string,
  ) {
    this.http = connection.http(actAs);
  }

  get cluster(): string {
    return this.connection.name;
  }

  info(): Promise<ClusterInfo> {
    return this.guard(() => this.connection.info());
  }

  async ping(): Promise<void> {
    await this.call((a, http) => a.ping(http));
  }

  listJobs(options: ListJobsOptions = {}): Promise<ListJobsResult> {
    return this.call((a, http) => a.listJobs(http, options));
  }

  getJob(id: string): Promise<Job> {
    return this.call((a, http) => a.getJob(http, id));
  }

  jobStates(ids?: string[]): Promise<JobStateEntry[]> {
    return this.call((a, http) => a.jobStates(http, ids));
  }

  submitJob(request: SubmitJobRequest): Promise<SubmitJobResult> {
    return this.call((a, http) => a.submitJob(http, request));
  }

  updateJob(id: string, update: JobUpdate): Promise<SlurmWriteResult> {
    return this.call((a, http) => a.updateJob(http, id, update));
  }

  signalJob(id: string, signal: string, options: SignalJobOptions = {}): Promise<SlurmWriteResult> {
    return this.call((a, http) => a.signalJob(http, id, signal, options));
  }

  cancelJob(id: string): Promise<SlurmWriteResult> {
    return this.signalJob(id, 'SIGKILL');
  }

  /** scontrol requeue (no REST route exists); allowed for the job's owner and admins. */
  async requeueJob(id: string): Promise<SlurmWriteResult> {
    const fallback = this.requireFallback('requeue jobs');
    const job = await this.getJob(id);
    if (job.user !== this.actAs) await this.requireAdmin(`requeue job ${id}`);
    return this.guard(() => fallback.requeueJob(job.id));
  }

  listNodes(): Promise<Node[]> {
    return this.call((a, http) => a.listNodes(http));
  }

  getNode(name: string): Promise<Node> {
    return this.call((a, http) => a.getNode(http, name));
  }

  async updateNode(name: string, update: NodeUpdate): Promise<SlurmWriteResult> {
    const info = await this.info();
    switch (info.capabilities.nodeUpdate) {
      case 'rest':
        return this.call((a, http) => a.updateNode(http, name, update));
      case 'scontrol': {
        const fallback = this.requireFallback('update nodes');
        await this.requireAdmin(`update node ${name}`);
        return this.guard(() => fallback.updateNode(name, update));
      }
      case 'none':
        throw new SlurmError({
          kind: 'invalid',
          message: `Cluster ${this.cluster} cannot update nodes (slurmrestd ${info.apiVersion}, no scontrol configured)`,
          cluster: this.cluster,
        });
    }
  }

  listPartitions(): Promise<Partition[]> {
    return this.call((a, http) => a.listPartitions(http));
  }

  getPartition(name: string): Promise<Partition> {
    return this.call((a, http) => a.getPartition(http, name));
  }

  listReservations(): Promise<Reservation[]> {
    return this.call((a, http) => a.listReservations(http));
  }

  listUsers(): Promise<SlurmUser[]> {
    return this.accounting((a, http) => a.listUsers(http));
  }

  getUser(name: string): Promise<SlurmUser> {
    return this.accounting((a, http) => a.getUser(http, name));
  }

  listAccounts(): Promise<Account[]> {
    return this.accounting((a, http) => a.listAccounts(http));
  }

  listQos(): Promise<Qos[]> {
    return this.accounting((a, http) => a.listQos(http));
  }

  listJobHistory(query: JobHistoryQuery): Promise<JobHistoryRecord[]> {
    return this.accounting((a, http) => a.listJobHistory(http, query));
  }

  getJobHistory(id: string): Promise<JobHistoryRecord | null> {
    return this.accounting((a, http) => a.getJobHistory(http, id));
  }

  private async call<T>(fn: (adapter: SlurmAdapter, http: SlurmHttp) => Promise<T>): Promise<T> {
    return this.guard(async () => fn(await this.connection.adapter(), this.http));
  }

  private async accounting<T>(
    fn: (adapter: SlurmAdapter, http: SlurmHttp) => Promise<T>,
  ): Promise<T> {
    const info = await this.info();
    if (!info.capabilities.accounting) {
      throw new SlurmError({
        kind: 'unavailable',
        message: `Cluster ${this.cluster} has no accounting (slurmdbd) routes`,
        cluster: this.cluster,
      });
    }
    return this.call(fn);
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isConnectionFailure(err)) this.connection.forget();
      throw err;
    }
  }

  private requireFallback(what: string) {
    const fallback = this.connection.fallback;
    if (!fallback) {
      throw new SlurmError({
        kind: 'invalid',
        message: `Cluster ${this.cluster} cannot ${what}: no scontrol configured`,
        cluster: this.cluster,
      });
    }
    return fallback;
  }

  /**
   * scontrol runs with the gateway's own rights: allow what slurmctld would allow the
   * acting user (the service user, or an operator/administrator in accounting).
   */
  private async requireAdmin(action: string): Promise<void> {
    if (this.actAs === this.connection.serviceUser) return;
    const user = await this.connection
      .serviceClient()
      .getUser(this.actAs)
      .catch(() => null);
    if (user && user.adminLevel !== 'none') return;
    throw new SlurmError({
      kind: 'unauthorized',
      message: `Access/permission denied: ${this.actAs} may not ${action}`,
      cluster: this.cluster,
      errorNumber: 2002,
    });
  }
}
