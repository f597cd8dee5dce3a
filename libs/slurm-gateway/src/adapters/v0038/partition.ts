import { expandHostlist } from '../../hostlist/hostlist.js';
import type { Partition } from '../../model/partition.js';
import { count, list, num, str, type Raw } from '../shared/values.js';

/** Positive limit or null (v0.0.38 prints -1 / NO_VAL / INFINITE for "no limit"). */
function limit(value: unknown): number | null {
  const n = num(value);
  return n !== null && n >= 0 ? n : null;
}

export function partitionFromV0038(raw: Raw, cluster: string): Partition {
  const nodeList = str(raw.nodes);
  return {
    cluster,
    name: str(raw.name) ?? '',
    state: (str(raw.state) ?? 'UNKNOWN').toUpperCase(),
    isDefault: list(raw.flags).some((f) => f.toLowerCase() === 'default'),
    nodes: expandHostlist(nodeList),
    nodeList,
    totalNodes: count(raw.total_nodes) ?? 0,
    totalCpus: count(raw.total_cpus) ?? 0,
    defaultTime: limit(raw.default_time_limit),
    maxTime: limit(raw.max_time_limit),
    maxNodes: limit(raw.maximum_nodes_per_job),
    minNodes: limit(raw['min nodes per job'] ?? raw.minimum_nodes_per_job),
    priorityTier: num(raw.priority_tier),
    priorityJobFactor: num(raw.priority_job_factor),
    qos: str(raw.qos),
    allowedAccounts: list(raw.allowed_accounts),
    allowedQos: list(raw.allowed_qos),
    allowedGroups: list(raw.allowed_groups),
    defaultMemoryPerCpuMb: limit(raw.default_memory_per_cpu),
    defaultMemoryPerNodeMb: limit(raw.default_memory_per_node),
    maxMemoryPerNodeMb: limit(raw.maximum_memory_per_node),
  };
}
