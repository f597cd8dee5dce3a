import { expandHostlist } from '../../hostlist/hostlist.js';
import type { Partition } from '../../model/partition.js';
import { count, list, num, obj, str, type Raw } from '../shared/values.js';

/** Positive limit or null (unset / infinite mean "no limit"); 0 memory means "not set". */
function limit(value: unknown, zeroIsUnset = false): number | null {
  const n = num(value);
  if (n === null || n < 0 || (zeroIsUnset && n === 0)) return null;
  return n;
}

/**
 * v0.0.40+ partition: nested groups (nodes, cpus, defaults, maximums, priority, partition).
 * These versions do not report the Default=YES flag: isDefault is null (unknown).
 */
export function partitionFromV0040(raw: Raw, cluster: string): Partition {
  const nodes = obj(raw.nodes);
  const defaults = obj(raw.defaults);
  const maximums = obj(raw.maximums);
  const priority = obj(raw.priority);
  const nodeList = str(nodes.configured);
  const flags = list(obj(raw.partition).flags ?? raw.flags);
  return {
    cluster,
    name: str(raw.name) ?? '',
    state: list(obj(raw.partition).state)[0]?.toUpperCase() ?? 'UNKNOWN',
    isDefault: flags.length > 0 ? flags.some((f) => f.toUpperCase() === 'DEFAULT') : null,
    nodes: expandHostlist(nodeList),
    nodeList,
    totalNodes: count(nodes.total) ?? 0,
    totalCpus: count(obj(raw.cpus).total) ?? 0,
    defaultTime: limit(defaults.time),
    maxTime: limit(maximums.time),
    maxNodes: limit(maximums.nodes),
    minNodes: limit(obj(raw.minimums).nodes),
    priorityTier: num(priority.tier),
    priorityJobFactor: num(priority.job_factor),
    qos: str(obj(raw.qos).assigned),
    allowedAccounts: list(obj(raw.accounts).allowed),
    allowedQos: list(obj(raw.qos).allowed),
    allowedGroups: list(obj(raw.groups).allowed),
    defaultMemoryPerCpuMb: limit(defaults.partition_memory_per_cpu, true),
    defaultMemoryPerNodeMb: limit(defaults.partition_memory_per_node, true),
    maxMemoryPerNodeMb: limit(maximums.partition_memory_per_node, true),
  };
}
