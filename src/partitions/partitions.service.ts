import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway, type Node, type Partition } from '@app/slurm-gateway';
import { ClusterStateService } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { ApiError, slurmErrorToApi } from '../common/errors/index.js';
import type { PartitionDto, PartitionListDto } from './dto/partition.dto.js';
import { toPartitionView } from './partition.view.js';
import { TtlCache } from './ttl-cache.js';

/** Partition definitions change rarely: one slurmrestd call per cluster every few seconds at most. */
const DEFINITIONS_TTL_MS = 5000;

/** Partitions: definitions from Slurm (briefly cached), node counts from the node snapshot. */
@Injectable()
export class PartitionsService {
  private readonly definitionsCache = new TtlCache<string, Partition[]>(DEFINITIONS_TTL_MS);

  constructor(
    private readonly clusters: ClustersService,
    private readonly gateway: SlurmGateway,
    private readonly state: ClusterStateService,
  ) {}

  async list(clusterName?: string): Promise<PartitionListDto> {
    const cluster = this.clusters.resolve(clusterName);
    const [definitions, nodes] = await Promise.all([
      this.definitions(cluster),
      this.nodesByName(cluster),
    ]);
    return { partitions: definitions.map((p) => toPartitionView(p, nodes)) };
  }

  /** @throws ApiError RESOURCE_NOT_FOUND for a partition the cluster does not have. */
  async get(name: string, clusterName?: string): Promise<PartitionDto> {
    const cluster = this.clusters.resolve(clusterName);
    const [definitions, nodes] = await Promise.all([
      this.definitions(cluster),
      this.nodesByName(cluster),
    ]);
    const partition = definitions.find((p) => p.name === name);
    if (!partition) throw ApiError.notFound('partition', name);
    return toPartitionView(partition, nodes);
  }

  /** The cluster's partition definitions as Slurm reports them (cached a few seconds). */
  definitions(cluster: string): Promise<Partition[]> {
    return this.definitionsCache.get(cluster, async () => {
      try {
        return await this.gateway.client(cluster).listPartitions();
      } catch (error) {
        if (isSlurmError(error)) throw slurmErrorToApi(error);
        throw error;
      }
    });
  }

  private async nodesByName(cluster: string): Promise<Map<string, Node>> {
    const snapshot = this.state.nodes(cluster);
    await snapshot.ready();
    return new Map(snapshot.all().map((n) => [n.name, n]));
  }
}
