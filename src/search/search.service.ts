import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { SlurmGateway } from '@app/slurm-gateway';
import { performance } from 'node:perf_hooks';
import { hasScopes, isPrivileged, type Principal } from '../auth/principal.js';
import { ClusterStateService } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { ApiError, ErrorCode } from '../common/errors/index.js';
import { PartitionsService } from '../partitions/partitions.service.js';
import { ClusterSearch } from './cluster-search.js';
import type { SearchQueryDto, SearchResponseDto, SearchTypeParam } from './dto/search.dto.js';
import type { SearchDoc, SearchType } from './search-documents.js';

/** Users and partitions are reloaded at most this often (jobs and nodes follow the snapshot). */
const EXTRAS_REFRESH_MS = 60_000;

/** The scope each type of result needs. */
const SCOPE_OF: Record<SearchType, string> = {
  job: 'jobs:read',
  node: 'nodes:read',
  partition: 'nodes:read',
  user: 'users:read',
};

const TYPE_OF: Record<SearchTypeParam, SearchType> = {
  jobs: 'job',
  nodes: 'node',
  users: 'user',
  partitions: 'partition',
};

/**
 * Global search over one cluster's jobs, nodes, users and partitions. Results only hold
 * what the caller may read: types by scope; a user (not operator/admin) finds only their
 * own jobs and their own user.
 */
@Injectable()
export class SearchService implements OnModuleDestroy {
  private readonly logger = new Logger('Search');
  private readonly byCluster = new Map<string, ClusterSearch>();

  constructor(
    private readonly clusters: ClustersService,
    private readonly gateway: SlurmGateway,
    private readonly state: ClusterStateService,
    private readonly partitions: PartitionsService,
  ) {}

  async search(principal: Principal, query: SearchQueryDto): Promise<SearchResponseDto> {
    const started = performance.now();
    const cluster = this.clusters.resolve(query.cluster);
    const types = allowedTypes(principal, query.type);
    const me = principal.slurmUserFor(cluster);
    const privileged = isPrivileged(principal);
    const visible = (doc: Pick<SearchDoc, 'type' | 'owner'>) =>
      privileged || (doc.type !== 'job' && doc.type !== 'user') || doc.owner === me;
    const { hits, total } = await this.forCluster(cluster).search({
      q: query.q,
      types,
      limit: query.limit,
      visible,
    });
    const seconds = (performance.now() - started) / 1000;
    return { results: hits, total, query_time: Math.round(seconds * 1e6) / 1e6 };
  }

  onModuleDestroy(): void {
    for (const search of this.byCluster.values()) search.stop();
    this.byCluster.clear();
  }

  private forCluster(cluster: string): ClusterSearch {
    let search = this.byCluster.get(cluster);
    if (!search) {
      search = new ClusterSearch(
        {
          cluster,
          defaultCluster: this.gateway.defaultCluster(),
          jobs: this.state.jobs(cluster),
          nodes: this.state.nodes(cluster),
          users: () => this.gateway.client(cluster).listUsers(),
          partitions: () => this.partitions.definitions(cluster),
        },
        {
          refreshMs: EXTRAS_REFRESH_MS,
          onError: (what, error) =>
            this.logger.warn(`search ${cluster}: loading ${what}s failed: ${String(error)}`),
        },
      );
      this.byCluster.set(cluster, search);
    }
    return search;
  }
}

/** The types a caller may search: the asked one (403 without its scope) or all permitted. */
function allowedTypes(principal: Principal, asked?: SearchTypeParam): SearchType[] {
  if (asked !== undefined) {
    const type = TYPE_OF[asked];
    if (!hasScopes(principal, [SCOPE_OF[type]])) {
      throw new ApiError(
        ErrorCode.PERMISSION_DENIED,
        `Searching ${asked} needs ${SCOPE_OF[type]}`,
        {
          required_scopes: [SCOPE_OF[type]],
        },
      );
    }
    return [type];
  }
  return (Object.keys(SCOPE_OF) as SearchType[]).filter((t) => hasScopes(principal, [SCOPE_OF[t]]));
}
