import { Injectable } from '@nestjs/common';
import type { Job } from '@app/slurm-gateway';
import type { Principal } from '../auth/principal.js';
import { toJsonBody, JsonBodyCache, type JsonBody } from '../common/http/json-body.js';
import { paginate, type PageRequest } from '../common/pagination/index.js';
import { AppConfig } from '../config/index.js';
import type { JobDetailDto, JobListDto } from './dto/job.dto.js';
import type { ListJobsQueryDto } from './dto/list-jobs.query.dto.js';
import { JobHistoryReader } from './history/job-history.reader.js';
import { mayManageJob } from './job-access.js';
import { JobLocator } from './job-locator.js';
import { mergeJobs, selectJobs, type JobFilter } from './query/job-query.js';
import { accountingStates, needsAccounting, toJobFilter } from './query/list-query.js';
import { SelectionCache } from './query/selection-cache.js';
import { JobSubmissionsService } from './submit/job-submissions.service.js';
import { toJobDetailDto, toJobDto, type AnyJob } from './view/job-view.js';

/** An answer and the age of the snapshot it came from (for the Age / X-Data-Age headers). */
export interface Aged<T> {
  body: T;
  ageSeconds: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Serialized list pages kept per process (a 50-job page is ~25 KB). */
const PAGE_CACHE_BYTES = 16 << 20;

function pageOf(selected: readonly AnyJob[], query: PageRequest, now: number): JobListDto {
  const page = paginate(selected, query);
  return {
    jobs: page.items.map((job) => toJobDto(job, now)),
    total: page.total,
    limit: page.limit,
    offset: page.offset,
    has_more: page.has_more,
  };
}

/** What a list query needs worked out once: its filter, the filter's key, the page's key. */
interface ListPlan {
  filter: JobFilter;
  /** Key of the accounting records the filter draws on. */
  filterKey: string;
  /** Key of the serialized page (the whole query: filter, sort and paging). */
  key: string;
}

/** Job reads: lists and details from the cluster snapshot, plus accounting for finished jobs. */
@Injectable()
export class JobsService {
  private readonly selections = new Map<string, SelectionCache<Job>>();
  private readonly pages = new JsonBodyCache(PAGE_CACHE_BYTES);
  /** A validated query's plan, once per query object (the pipe shares them). */
  private readonly plans = new WeakMap<ListJobsQueryDto, ListPlan>();

  constructor(
    private readonly locator: JobLocator,
    private readonly history: JobHistoryReader,
    private readonly submissions: JobSubmissionsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Every user sees every job in lists, as squeue shows them; details stay restricted. The
   * answer comes serialized: a snapshot page is built once per snapshot version and clock
   * second and then shared by every request for it.
   */
  async list(query: ListJobsQueryDto): Promise<Aged<JsonBody>> {
    const cluster = this.locator.cluster(query.cluster);
    const snapshot = await this.locator.snapshot(cluster);
    const { filter, filterKey, key } = this.planOf(query);
    if (needsAccounting(filter)) {
      const records = await this.history.list(cluster, filterKey, () => {
        const now = nowSeconds();
        return {
          startTime: filter.since ?? now - this.config.jobs.historyDefaultHours * 3600,
          endTime: filter.until ?? now,
          users: filter.users?.slice(),
          accounts: filter.accounts?.slice(),
          partitions: filter.partitions?.slice(),
          states: accountingStates(filter),
        };
      });
      const selected = selectJobs(
        mergeJobs(snapshot.all(), records),
        filter,
        query.sort,
        query.order,
      );
      return {
        body: toJsonBody(pageOf(selected, query, nowSeconds())),
        ageSeconds: snapshot.ageSeconds(),
      };
    }
    const now = nowSeconds();
    const body = this.pages.get(`${cluster}|${key}`, `${snapshot.version}|${now}`, () => {
      const selected = this.selectionCache(cluster).select(
        snapshot,
        filter,
        query.sort,
        query.order,
      );
      return pageOf(selected, query, now);
    });
    return { body, ageSeconds: snapshot.ageSeconds() };
  }

  /** Command and environment only for the owner, operators and admins. */
  async detail(
    principal: Principal,
    clusterName: string | undefined,
    id: string,
  ): Promise<Aged<JobDetailDto>> {
    const cluster = this.locator.cluster(clusterName);
    const located = await this.locator.locate(cluster, id);
    const { job } = located;
    const [record, submission] = await Promise.all([
      located.record ?? this.history.job(cluster, job.id, { pending: job.state === 'PENDING' }),
      this.submissions.find(cluster, job.id, job.submitTime),
    ]);
    const body = toJobDetailDto({
      job,
      record,
      submission,
      revealPrivate: mayManageJob(principal, cluster, job),
      now: nowSeconds(),
    });
    return { body, ageSeconds: (await this.locator.snapshot(cluster)).ageSeconds() };
  }

  private planOf(query: ListJobsQueryDto): ListPlan {
    let plan = this.plans.get(query);
    if (plan === undefined) {
      const filter = Object.freeze(toJobFilter(query));
      plan = { filter, filterKey: JSON.stringify(filter), key: JSON.stringify(query) };
      this.plans.set(query, plan);
    }
    return plan;
  }

  private selectionCache(cluster: string): SelectionCache<Job> {
    let cache = this.selections.get(cluster);
    if (!cache) {
      cache = new SelectionCache<Job>();
      this.selections.set(cluster, cache);
    }
    return cache;
  }
}
