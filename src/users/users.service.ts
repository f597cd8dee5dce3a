import { Injectable } from '@nestjs/common';
import { isSlurmError, SlurmGateway, type SlurmClient, type SlurmUser } from '@app/slurm-gateway';
import { isPrivileged, type Principal } from '../auth/principal.js';
import { ClusterStateService } from '../cluster-state/index.js';
import { ClustersService } from '../clusters/clusters.service.js';
import { ApiError, ErrorCode, slurmErrorToApi } from '../common/errors/index.js';
import { parseIsoToEpoch } from '../common/format/index.js';
import { paginate } from '../common/pagination/index.js';
import { cpuSecondsByUser, currentMonth, type TimeWindow } from './cpu-time.js';
import type { CpuWindowQueryDto, ListUsersQueryDto } from './dto/user-query.dto.js';
import type { UserDto, UserListDto } from './dto/user.dto.js';
import { jobCountsByUser, toUserView } from './user.view.js';

/**
 * Slurm users from accounting, with live job counts from the job snapshot and CPU time
 * from the accounting job records of the window. Operators and admins see every user;
 * a user sees only their own Slurm user on the cluster.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly gateway: SlurmGateway,
    private readonly state: ClusterStateService,
  ) {}

  async list(principal: Principal, query: ListUsersQueryDto): Promise<UserListDto> {
    const cluster = this.clusters.resolve(query.cluster);
    const window = timeWindow(query);
    const client = this.gateway.client(cluster);
    const users = isPrivileged(principal)
      ? await slurm(() => client.listUsers())
      : await this.ownUser(client, principal.slurmUserFor(cluster));
    users.sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(users, query);
    const names = page.items.map((u) => u.name);
    const views = await this.views(
      cluster,
      page.items,
      window,
      isPrivileged(principal) ? undefined : names,
    );
    return {
      users: views,
      total: page.total,
      limit: page.limit,
      offset: page.offset,
      has_more: page.has_more,
    };
  }

  /** @throws ApiError PERMISSION_DENIED for another user (non-privileged), RESOURCE_NOT_FOUND. */
  async get(principal: Principal, username: string, query: CpuWindowQueryDto): Promise<UserDto> {
    const cluster = this.clusters.resolve(query.cluster);
    const window = timeWindow(query);
    if (!isPrivileged(principal) && principal.slurmUserFor(cluster) !== username) {
      throw new ApiError(ErrorCode.PERMISSION_DENIED, 'Users may only see their own Slurm user', {
        resource_type: 'user',
        resource_id: username,
      });
    }
    const user = await slurm(() => this.gateway.client(cluster).getUser(username), username);
    const [view] = await this.views(cluster, [user], window, [username]);
    return view;
  }

  /** The caller's own user, or none when accounting does not know it. */
  private ownUser(client: SlurmClient, name: string): Promise<SlurmUser[]> {
    return slurm(async () => {
      try {
        return [await client.getUser(name)];
      } catch (error) {
        if (isSlurmError(error) && error.kind === 'not_found') return [];
        throw error;
      }
    });
  }

  /** Views of `users`; CPU time from one accounting query (filtered to `only` when given). */
  private async views(
    cluster: string,
    users: SlurmUser[],
    window: TimeWindow,
    only?: string[],
  ): Promise<UserDto[]> {
    if (users.length === 0) return [];
    const jobs = this.state.jobs(cluster);
    const [records] = await Promise.all([
      slurm(() =>
        this.gateway.client(cluster).listJobHistory({
          startTime: window.start,
          endTime: window.end,
          ...(only ? { users: only } : {}),
        }),
      ),
      jobs.ready(),
    ]);
    const cpu = cpuSecondsByUser(records, window, Math.floor(Date.now() / 1000));
    const counts = jobCountsByUser(jobs.all());
    return users.map((u) => toUserView(u, counts.get(u.name), cpu.get(u.name) ?? 0));
  }
}

/** The CPU time window of a query: start_time/end_time, else the current month up to now. */
export function timeWindow(query: { start_time?: string; end_time?: string }): TimeWindow {
  const now = Math.floor(Date.now() / 1000);
  const month = currentMonth(now);
  const start = query.start_time === undefined ? month.start : parseIsoToEpoch(query.start_time);
  const end = query.end_time === undefined ? now : parseIsoToEpoch(query.end_time);
  if (start === null) throw ApiError.validation('start_time', 'start_time must be ISO 8601');
  if (end === null) throw ApiError.validation('end_time', 'end_time must be ISO 8601');
  if (end <= start) throw ApiError.validation('end_time', 'end_time must be after start_time');
  return { start, end };
}

/** Runs a Slurm call, turning its failure into the API's error (not_found → 404 for `user`). */
async function slurm<T>(call: () => Promise<T>, user?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isSlurmError(error)) throw error;
    throw slurmErrorToApi(
      error,
      user === undefined ? undefined : { resourceType: 'user', resourceId: user },
    );
  }
}
