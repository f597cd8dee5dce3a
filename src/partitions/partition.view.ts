import type { Node, Partition } from '@app/slurm-gateway';
import { formatMinutes } from '../common/format/index.js';
import type { PartitionDto } from './dto/partition.dto.js';

/** Counts how many of the partition's nodes are idle, allocated and mixed, and their CPUs. */
function countNodes(nodes: readonly Node[]) {
  const counts = { idle: 0, allocated: 0, mixed: 0, cpusTotal: 0, cpusAllocated: 0 };
  for (const node of nodes) {
    counts.cpusTotal += node.cpus;
    counts.cpusAllocated += node.allocCpus;
    if (node.state === 'IDLE' && !node.stateFlags.includes('DRAIN')) counts.idle += 1;
    else if (node.state === 'ALLOCATED') counts.allocated += 1;
    else if (node.state === 'MIXED') counts.mixed += 1;
  }
  return counts;
}

/**
 * Builds the view of `partition` from its definition and the node snapshot (`nodesByName`).
 * Nodes missing from the snapshot are counted in nodes_total but not in the state counts.
 */
export function toPartitionView(
  partition: Partition,
  nodesByName: ReadonlyMap<string, Node>,
): PartitionDto {
  const nodes = partition.nodes
    .map((name) => nodesByName.get(name))
    .filter((n): n is Node => n !== undefined);
  const counts = countNodes(nodes);
  const features = new Set(nodes.flatMap((n) => n.features));
  return {
    name: partition.name,
    state: partition.state,
    nodes_total: partition.totalNodes || partition.nodes.length,
    nodes_idle: counts.idle,
    nodes_allocated: counts.allocated,
    nodes_mixed: counts.mixed,
    cpus_total: partition.totalCpus || counts.cpusTotal,
    cpus_allocated: counts.cpusAllocated,
    default_time: formatMinutes(partition.defaultTime),
    max_time: formatMinutes(partition.maxTime) ?? 'UNLIMITED',
    max_nodes: partition.maxNodes,
    priority: partition.priorityTier ?? partition.priorityJobFactor,
    qos: partition.qos,
    features: [...features].sort(),
  };
}
