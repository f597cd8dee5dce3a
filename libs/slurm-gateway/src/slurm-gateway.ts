import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { SlurmGatewayOptions } from './config.js';
import { ClusterConnection } from './connection/cluster-connection.js';
import type { SlurmClient } from './slurm-client.js';
import { SlurmError } from './slurm.error.js';
import { SLURM_GATEWAY_OPTIONS } from './slurm-gateway.module-definition.js';

/**
 * Entry point of the library: one connection (keep-alive pool, token, discovered API
 * version) per configured cluster, and cheap {@link SlurmClient}s per acting user.
 * Usable without Nest too: `new SlurmGateway({ clusters })`.
 */
@Injectable()
export class SlurmGateway implements OnModuleDestroy {
  private readonly connections = new Map<string, ClusterConnection>();

  constructor(@Inject(SLURM_GATEWAY_OPTIONS) options: SlurmGatewayOptions) {
    if (options.clusters.length === 0) {
      throw new Error('SlurmGateway: at least one cluster must be configured');
    }
    for (const cluster of options.clusters) {
      if (this.connections.has(cluster.name)) {
        throw new Error(`SlurmGateway: cluster "${cluster.name}" configured twice`);
      }
      this.connections.set(cluster.name, new ClusterConnection(cluster));
    }
  }

  /** Configured cluster names, in configuration order. */
  clusterNames(): string[] {
    return [...this.connections.keys()];
  }

  /** The first configured cluster. */
  defaultCluster(): string {
    return this.clusterNames()[0];
  }

  hasCluster(name: string): boolean {
    return this.connections.has(name);
  }

  /** The service user (SlurmUser) of a cluster: what `client(cluster)` acts as. */
  serviceUser(cluster: string): string {
    return this.connection(cluster).serviceUser;
  }

  /**
   * A client for `cluster` acting as `actAs` (sent as X-SLURM-USER-NAME; the gateway's
   * token belongs to the service user, which may impersonate). Omitted = the service user.
   * Throws SlurmError kind 'invalid' for an unknown cluster.
   */
  client(cluster: string, actAs?: string): SlurmClient {
    const connection = this.connection(cluster);
    return connection.client(actAs ?? connection.serviceUser);
  }

  /** Close the keep-alive pools. */
  close(): void {
    for (const connection of this.connections.values()) connection.close();
  }

  onModuleDestroy(): void {
    this.close();
  }

  private connection(cluster: string): ClusterConnection {
    const connection = this.connections.get(cluster);
    if (!connection) {
      throw new SlurmError({ kind: 'invalid', message: `Unknown cluster "${cluster}"`, cluster });
    }
    return connection;
  }
}
