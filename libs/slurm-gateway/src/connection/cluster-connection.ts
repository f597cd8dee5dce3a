import type { SlurmAdapter } from '../adapters/adapter.js';
import { ScontrolFallback } from '../adapters/shared/scontrol-fallback.js';
import { V0038Adapter } from '../adapters/v0038/adapter.js';
import { V0040Adapter } from '../adapters/v0040/adapter.js';
import {
  DEFAULT_SLURM_USER,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  type ClusterConfig,
} from '../config.js';
import type { ClusterInfo } from '../model/cluster.js';
import { HttpTransport } from '../transport/http-transport.js';
import { SlurmHttp } from '../transport/slurm-http.js';
import { JwtKeyTokenSource, StaticTokenSource, type TokenSource } from '../transport/token.js';
import { ClusterClient } from './cluster-client.js';
import { discoverVersions } from './discovery.js';

interface Discovered {
  adapter: SlurmAdapter;
  info: ClusterInfo;
}

function tokenSource(config: ClusterConfig, user: string): TokenSource {
  if (config.jwtKeyFile) {
    return new JwtKeyTokenSource(
      config.jwtKeyFile,
      user,
      config.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    );
  }
  if (config.token) return new StaticTokenSource(config.token);
  throw new Error(`Cluster "${config.name}": give jwtKeyFile or token`);
}

/**
 * Everything shared by the clients of one cluster: the keep-alive transport, the token
 * source, the discovered adapter (cached; forgotten after a connection failure so a
 * restarted or upgraded slurmrestd is discovered again) and the scontrol fallback.
 */
export class ClusterConnection {
  readonly serviceUser: string;
  readonly fallback: ScontrolFallback | null;
  private readonly transport: HttpTransport;
  private readonly timeouts: { timeoutMs: number; listTimeoutMs: number };
  private discovered: Promise<Discovered> | null = null;

  constructor(readonly config: ClusterConfig) {
    this.serviceUser = config.slurmUser ?? DEFAULT_SLURM_USER;
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeouts = { timeoutMs, listTimeoutMs: config.listTimeoutMs ?? timeoutMs * 4 };
    this.transport = new HttpTransport({
      cluster: config.name,
      baseUrl: config.url,
      tokens: tokenSource(config, this.serviceUser),
    });
    this.fallback = config.scontrol
      ? new ScontrolFallback(config.name, config.scontrol, timeoutMs)
      : null;
  }

  get name(): string {
    return this.config.name;
  }

  /** A client acting as the service user (for the gateway's own checks). */
  serviceClient(): ClusterClient {
    return new ClusterClient(this, this.serviceUser);
  }

  /** A client acting as `actAs`. */
  client(actAs: string): ClusterClient {
    return new ClusterClient(this, actAs);
  }

  /** HTTP calls acting as `actAs`. */
  http(actAs: string): SlurmHttp {
    return new SlurmHttp(this.transport, actAs, this.timeouts);
  }

  async adapter(): Promise<SlurmAdapter> {
    return (await this.discover()).adapter;
  }

  async info(): Promise<ClusterInfo> {
    return (await this.discover()).info;
  }

  /** Drop the discovered versions after a connection failure. */
  forget(): void {
    this.discovered = null;
  }

  close(): void {
    this.transport.close();
  }

  private discover(): Promise<Discovered> {
    this.discovered ??= this.runDiscovery().catch((err: unknown) => {
      this.discovered = null;
      throw err;
    });
    return this.discovered;
  }

  private async runDiscovery(): Promise<Discovered> {
    const http = this.http(this.serviceUser);
    const versions = await discoverVersions(http);
    const adapter =
      versions.slurm === 'v0.0.38'
        ? new V0038Adapter(this.name, versions)
        : new V0040Adapter(this.name, versions);
    const slurmVersion = await adapter.ping(http);
    const info: ClusterInfo = {
      name: this.name,
      slurmVersion,
      apiVersion: versions.slurm,
      dbApiVersion: versions.slurmdb,
      family: adapter.family,
      capabilities: {
        nodeUpdate: versions.nodeUpdate ? 'rest' : this.fallback ? 'scontrol' : 'none',
        accounting: versions.slurmdb !== null,
        jobStateQuery: versions.jobStates,
      },
    };
    return { adapter, info };
  }
}
