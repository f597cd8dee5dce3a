import { Injectable } from '@nestjs/common';
import { ClusterStateService } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { ApiError } from '../common/errors/index.js';
import { paginate } from '../common/pagination/index.js';
import type { ListNodesQueryDto } from './dto/list-nodes.query.js';
import type { NodeDto, NodeListDto } from './dto/node.dto.js';
import { filterNodes } from './node-filter.js';
import { jobsByNode, toNodeView } from './node.view.js';

/** A read answer and how old the snapshot behind it is (for the Age / X-Data-Age headers). */
export interface Aged<T> {
  body: T;
  ageSeconds: number;
}

/** Node reads, all from the cluster's node and job snapshots: never a call to Slurm. */
@Injectable()
export class NodesService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly state: ClusterStateService,
  ) {}

  async list(query: ListNodesQueryDto): Promise<Aged<NodeListDto>> {
    const cluster = this.clusters.resolve(query.cluster);
    const { nodes, jobs } = await this.snapshots(cluster);
    const matching = filterNodes(nodes.all(), {
      states: query.state,
      partition: query.partition,
      features: query.features,
      available: query.available,
    });
    const page = paginate(matching, query);
    const onNode = jobsByNode(jobs.all());
    return {
      body: {
        nodes: page.items.map((n) => toNodeView(n, onNode.get(n.name) ?? [])),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
        has_more: page.has_more,
      },
      ageSeconds: Math.max(nodes.ageSeconds(), jobs.ageSeconds()),
    };
  }

  /** @throws ApiError RESOURCE_NOT_FOUND for a node the cluster does not have. */
  async get(name: string, clusterName?: string): Promise<Aged<NodeDto>> {
    const cluster = this.clusters.resolve(clusterName);
    const { nodes, jobs } = await this.snapshots(cluster);
    const node = nodes.get(name);
    if (!node) throw ApiError.notFound('node', name);
    const onNode = jobsByNode(jobs.all()).get(name) ?? [];
    return {
      body: toNodeView(node, onNode),
      ageSeconds: Math.max(nodes.ageSeconds(), jobs.ageSeconds()),
    };
  }

  private async snapshots(cluster: string) {
    const nodes = this.state.nodes(cluster);
    const jobs = this.state.jobs(cluster);
    await Promise.all([nodes.ready(), jobs.ready()]);
    return { nodes, jobs };
  }
}
