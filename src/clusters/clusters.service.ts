import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway } from '@app/slurm-gateway';
import { TimeoutError, withTimeout } from '../common/async/with-timeout.js';
import { ApiError, ErrorCode, slurmErrorToApi } from '../common/errors/index.js';
import { ClusterDto } from './dto/cluster.dto.js';

/** Longest wait for one cluster's version discovery when listing all clusters. */
const DESCRIBE_TIMEOUT_MS = 10_000;

@Injectable()
export class ClustersService {
  constructor(private readonly gateway: SlurmGateway) {}

  /** Configured cluster names, the default first. */
  names(): string[] {
    return this.gateway.clusterNames();
  }

  /**
   * The cluster a request addresses: `name`, or the default cluster when omitted.
   * @throws ApiError VALIDATION_ERROR (400) for an unknown cluster.
   */
  resolve(name?: string): string {
    if (name === undefined || name === '') return this.gateway.defaultCluster();
    if (this.gateway.hasCluster(name)) return name;
    const known = this.names().join(', ');
    throw new ApiError(ErrorCode.VALIDATION_ERROR, `Unknown cluster "${name}"`, {
      fields: [{ field: 'cluster', messages: [`unknown cluster "${name}"; known: ${known}`] }],
    });
  }

  /** Every configured cluster; an unreachable one is listed with `reachable: false`. */
  async list(only?: string): Promise<ClusterDto[]> {
    const names = only === undefined ? this.names() : [this.resolve(only)];
    return Promise.all(
      names.map(async (name) => {
        try {
          return await this.describe(name);
        } catch (error) {
          const message = error instanceof ApiError ? error.message : String(error);
          return ClusterDto.unreachable(name, this.isDefault(name), message);
        }
      }),
    );
  }

  /**
   * One cluster's version and capabilities.
   * @throws ApiError SLURM_ERROR (503/502) when its slurmrestd cannot be reached.
   */
  async describe(name: string): Promise<ClusterDto> {
    const cluster = this.resolve(name);
    try {
      const info = await withTimeout(
        this.gateway.client(cluster).info(),
        DESCRIBE_TIMEOUT_MS,
        `Slurm cluster ${cluster}`,
      );
      return ClusterDto.from(info, this.isDefault(cluster));
    } catch (error) {
      if (isSlurmError(error)) throw slurmErrorToApi(error);
      if (error instanceof TimeoutError) {
        throw new ApiError(ErrorCode.SLURM_ERROR, error.message, { cluster }, { status: 504 });
      }
      throw error;
    }
  }

  private isDefault(name: string): boolean {
    return name === this.gateway.defaultCluster();
  }
}
