import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DEFAULT_SLURM_USER, type ClusterConfig, type SlurmGatewayOptions } from './config.js';
import type { SlurmClient } from './slurm-client.js';
import { SlurmError } from './slurm.error.js';
import { SLURM_GATEWAY_OPTIONS } from './slurm-gateway.module-definition.js';

/** Entry point of the library: one connection per configured cluster. */
@Injectable()
export class SlurmGateway implements OnModuleDestroy {
  private readonly configs = new Map<string, ClusterConfig>();

  constructor(@Inject(SLURM_GATEWAY_OPTIONS) options: SlurmGatewayOptions) {
    if (options.clusters.length === 0) {
      throw new Error('SlurmGateway: at least one cluster must be configured');
    }
    for (const cluster of options.clusters) {
      if (this.configs.has(cluster.name)) {
        throw new Error(`SlurmGateway: cluster "${cluster.name}" configured twice`);
      }
      this.configs.set(cluster.name, cluster);
    }
  }

  /** Configured cluster names, in configuration order. */
  clusterNames(): string[] {
    return [...this.configs.keys()];
  }

  /** The first configured cluster. */
  defaultCluster(): string {
    return this.clusterNames()[0];
  }

  hasCluster(name: string): boolean {
    return this.configs.has(name);
  }

  /**
   * A client for `cluster` acting as `actAs` (X-SLURM-USER-NAME); omitted = the service user.
   * Throws SlurmError kind 'invalid' for an unknown cluster.
   */
  client(cluster: string, actAs?: string): SlurmClient {
    const config = this.configs.get(cluster);
    if (!config) {
      throw new SlurmError({ kind: 'invalid', message: `Unknown cluster "${cluster}"`, cluster });
    }
    const user = actAs ?? config.slurmUser ?? DEFAULT_SLURM_USER;
    throw new SlurmError({
      kind: 'unavailable',
      message: `Cluster connection for ${user} is being wired`,
      cluster,
    });
  }

  onModuleDestroy(): void {
    this.configs.clear();
  }
}
