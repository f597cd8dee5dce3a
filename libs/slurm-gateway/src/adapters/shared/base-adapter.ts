import type {
  Account,
  AdapterFamily,
  Association,
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
} from '../../model/index.js';
import { SlurmError } from '../../slurm.error.js';
import type { Json, SlurmHttp } from '../../transport/slurm-http.js';
import type { ApiVersions, SlurmAdapter } from '../adapter.js';
import { accountFromRaw, associationFromRaw, qosFromRaw, userFromRaw } from './accounting.js';
import { historyFromRaw, newestPerJob } from './history.js';
import { reservationFromRaw } from './reservation.js';
import { jobUpdateFields } from './submit.js';
import { obj, str, type Raw } from './values.js';

/** slurmdbd's errno for a query that matched nothing. */
const NOTHING_FOUND = 9003;

/** Items of an array property, as objects. */
export function items(body: Json | null, key: string): Raw[] {
  const value = body?.[key];
  return Array.isArray(value) ? value.map(obj) : [];
}

/** Slurm's release from a response's meta (meta.Slurm on v0.0.38, meta.slurm on v0.0.40+). */
export function releaseOf(body: Json | null): string {
  const meta = obj(body?.meta);
  const slurm = obj(meta.slurm ?? meta.Slurm);
  const release = str(slurm.release);
  if (release) return release;
  const v = obj(slurm.version);
  return [v.major, v.minor, v.micro].map((x) => str(x) ?? '?').join('.');
}

/**
 * The flows both families share (lists, lookups, accounting joins, history filtering).
 * A family supplies paths, normalisers and the payloads that differ.
 */
export abstract class BaseAdapter implements SlurmAdapter {
  abstract readonly family: AdapterFamily;

  constructor(
    protected readonly cluster: string,
    readonly versions: ApiVersions,
  ) {}

  /** Path of a slurmctld resource ("jobs", "job/12"); `collection` adds v0.0.40+'s slash. */
  protected abstract slurm(resource: string, collection?: boolean): string;
  /** Path of a slurmdb resource. */
  protected abstract db(resource: string, collection?: boolean): string;
  /** Query value for a time filter of slurmdb. */
  protected abstract queryTime(epochSeconds: number): string;
  protected abstract toJob(raw: Raw): Job;
  protected abstract toNode(raw: Raw): Node;
  protected abstract toPartition(raw: Raw): Partition;

  protected toHistory(raw: Raw): JobHistoryRecord {
    return historyFromRaw(raw, this.cluster);
  }

  abstract listJobs(http: SlurmHttp, options: ListJobsOptions): Promise<ListJobsResult>;
  abstract jobStates(http: SlurmHttp, ids: readonly string[] | undefined): Promise<JobStateEntry[]>;
  abstract submitJob(http: SlurmHttp, request: SubmitJobRequest): Promise<SubmitJobResult>;
  abstract signalJob(
    http: SlurmHttp,
    id: string,
    signal: string,
    options: SignalJobOptions,
  ): Promise<SlurmWriteResult>;
  abstract updateNode(http: SlurmHttp, name: string, update: NodeUpdate): Promise<SlurmWriteResult>;

  async ping(http: SlurmHttp): Promise<string> {
    const { body } = await http.json(this.slurm('ping', true));
    const pings = items(body, 'pings');
    const down = pings.find((p) => {
      const state = str(p.pinged) ?? str(p.ping);
      return state !== null && state.toUpperCase() !== 'UP';
    });
    if (pings.length === 0 || down) {
      throw new SlurmError({
        kind: 'unavailable',
        message: `slurmctld does not answer ping (${str(down?.hostname) ?? 'no controller'})`,
        cluster: this.cluster,
      });
    }
    return releaseOf(body);
  }

  async getJob(http: SlurmHttp, id: string): Promise<Job> {
    const { body } = await http.json(this.slurm(`job/${encodeURIComponent(id)}`));
    const jobs = items(body, 'jobs').map((raw) => this.toJob(raw));
    const job = jobs.find((j) => j.id === id) ?? jobs[0];
    if (!job) throw this.notFound(`Job ${id} not found`, 2017);
    return job;
  }

  /** POST job/{id} with top-level fields (no `job` wrapper) in every generation. */
  async updateJob(http: SlurmHttp, id: string, update: JobUpdate): Promise<SlurmWriteResult> {
    const { warnings } = await http.json(this.slurm(`job/${encodeURIComponent(id)}`), {
      method: 'POST',
      body: jobUpdateFields(update),
    });
    return { warnings };
  }

  async listNodes(http: SlurmHttp): Promise<Node[]> {
    const nodes: Node[] = [];
    await http.stream(this.slurm('nodes', true), 'nodes', (raw) =>
      nodes.push(this.toNode(obj(raw))),
    );
    return nodes;
  }

  async getNode(http: SlurmHttp, name: string): Promise<Node> {
    const { body } = await http.json(this.slurm(`node/${encodeURIComponent(name)}`));
    const node = items(body, 'nodes')
      .map((raw) => this.toNode(raw))
      .find((n) => n.name === name);
    if (!node) throw this.notFound(`Node ${name} not found`, 2018);
    return node;
  }

  async listPartitions(http: SlurmHttp): Promise<Partition[]> {
    const { body } = await http.json(this.slurm('partitions', true));
    return items(body, 'partitions').map((raw) => this.toPartition(raw));
  }

  async getPartition(http: SlurmHttp, name: string): Promise<Partition> {
    const partition = (await this.listPartitions(http)).find((p) => p.name === name);
    if (!partition) throw this.notFound(`Partition ${name} not found`, 2000);
    return partition;
  }

  async listReservations(http: SlurmHttp): Promise<Reservation[]> {
    const { body } = await http.json(this.slurm('reservations', true));
    return items(body, 'reservations').map((raw) => reservationFromRaw(raw, this.cluster));
  }

  async listUsers(http: SlurmHttp): Promise<SlurmUser[]> {
    const [users, associations] = await Promise.all([
      http.json(this.db('users', true)),
      this.associations(http),
    ]);
    return items(users.body, 'users').map((raw) => userFromRaw(raw, this.cluster, associations));
  }

  async getUser(http: SlurmHttp, name: string): Promise<SlurmUser> {
    const [users, associations] = await Promise.all([
      http.json(this.db(`user/${encodeURIComponent(name)}`)),
      this.associations(http, name),
    ]);
    const raw = items(users.body, 'users').find((u) => u.name === name);
    if (!raw) throw this.notFound(`User ${name} not found in accounting`, null);
    return userFromRaw(raw, this.cluster, associations);
  }

  async listAccounts(http: SlurmHttp): Promise<Account[]> {
    const { body } = await http.json(this.db('accounts', true));
    return items(body, 'accounts').map((raw) => accountFromRaw(raw, this.cluster));
  }

  async listQos(http: SlurmHttp): Promise<Qos[]> {
    const { body } = await http.json(this.db('qos', true));
    // dbv0.0.38 names the list "QOS".
    const list = body?.qos === undefined ? items(body, 'QOS') : items(body, 'qos');
    return list.map((raw) => qosFromRaw(raw, this.cluster));
  }

  async listJobHistory(http: SlurmHttp, query: JobHistoryQuery): Promise<JobHistoryRecord[]> {
    const records: JobHistoryRecord[] = [];
    try {
      await http.stream(
        this.db('jobs', true),
        'jobs',
        (raw) => records.push(this.toHistory(obj(raw))),
        { query: this.historyQuery(query) },
      );
    } catch (err) {
      // slurmdbd 22.05 answers a window without jobs with error 9003 "Nothing found".
      if (err instanceof SlurmError && err.errorNumber === NOTHING_FOUND) return [];
      throw err;
    }
    return newestPerJob(records.filter((r) => matchesHistory(r, query)));
  }

  async getJobHistory(http: SlurmHttp, id: string): Promise<JobHistoryRecord | null> {
    try {
      const { body } = await http.json(this.db(`job/${encodeURIComponent(id)}`));
      const records = items(body, 'jobs')
        .map((raw) => this.toHistory(raw))
        .filter((r) => r.id === id);
      return newestPerJob(records)[0] ?? null;
    } catch (err) {
      if (err instanceof SlurmError && err.kind === 'not_found') return null;
      throw err;
    }
  }

  /**
   * Filters slurmdbd applies itself. Lists of several values are left to the client-side
   * filter (CSV query values are parsed inconsistently across versions).
   */
  protected historyQuery(query: JobHistoryQuery): Record<string, string> {
    const q: Record<string, string> = {
      start_time: this.queryTime(query.startTime),
      end_time: this.queryTime(query.endTime),
    };
    if (query.accounts?.length === 1) q.account = query.accounts[0];
    if (query.partitions?.length === 1) q.partition = query.partitions[0];
    return q;
  }

  protected async associations(
    http: SlurmHttp,
    user?: string,
  ): Promise<(Association & { isDefault: boolean })[]> {
    const { body } = await http.json(this.db('associations', true), {
      query: user === undefined ? undefined : { user },
    });
    return items(body, 'associations')
      .map(associationFromRaw)
      .filter((a) => a !== null)
      .filter((a) => user === undefined || a.user === user);
  }

  protected notFound(message: string, errorNumber: number | null): SlurmError {
    return new SlurmError({ kind: 'not_found', message, cluster: this.cluster, errorNumber });
  }
}

function matchesHistory(record: JobHistoryRecord, query: JobHistoryQuery): boolean {
  const inList = (value: string | null, wanted?: string[]): boolean =>
    !wanted?.length || (value !== null && wanted.includes(value));
  return (
    inList(record.user, query.users) &&
    inList(record.account, query.accounts) &&
    inList(record.partition, query.partitions) &&
    inList(
      record.state,
      query.states?.map((s) => s.toUpperCase()),
    ) &&
    inList(record.id, query.jobIds)
  );
}
