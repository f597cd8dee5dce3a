import { JOB_BASE_STATES } from '@app/slurm-gateway';
import { parseIsoToEpoch } from '../../common/format/index.js';
import type { ListJobsQueryDto } from '../dto/list-jobs.query.dto.js';
import { splitList } from '../dto/validators.js';
import { canonicalState, includesFinishedState } from '../view/job-state.js';
import type { JobFilter } from './job-query.js';

const BASE_STATES: ReadonlySet<string> = new Set(JOB_BASE_STATES);

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = splitList(value);
  return items.length > 0 ? items : undefined;
}

function instant(value: string | undefined): number | undefined {
  return value === undefined ? undefined : (parseIsoToEpoch(value) ?? undefined);
}

/** The validated query as a filter (states canonical, times in epoch seconds). */
export function toJobFilter(query: ListJobsQueryDto): JobFilter {
  const states = list(query.state)?.map((s) => canonicalState(s) ?? s);
  return {
    states: states ? [...new Set(states)] : undefined,
    users: list(query.user),
    partitions: list(query.partition),
    accounts: list(query.account),
    qos: list(query.qos),
    names: list(query.name),
    since: instant(query.start_time),
    until: instant(query.end_time),
  };
}

/**
 * Whether a list must also read accounting: slurmctld forgets finished jobs after MinJobAge,
 * so finished states and explicit time windows need slurmdbd. States that exist only in
 * slurmctld (flags such as COMPLETING) never appear in accounting.
 */
export function needsAccounting(filter: JobFilter): boolean {
  if (filter.states !== undefined && !filter.states.some((s) => BASE_STATES.has(s))) return false;
  return (
    includesFinishedState(filter.states ?? []) ||
    filter.since !== undefined ||
    filter.until !== undefined
  );
}

/** Base states of the filter, for accounting's own state filter (undefined = all). */
export function accountingStates(filter: JobFilter): string[] | undefined {
  return filter.states?.filter((s) => BASE_STATES.has(s));
}
