import type { Job, Node } from '@app/slurm-gateway';
import { formatMemory, toIso } from '../common/format/index.js';
import type { NodeDto } from './dto/node.dto.js';

/** A job holds resources on its nodes while running, suspended or completing. */
function occupiesNodes(job: Job): boolean {
  return (
    job.state === 'RUNNING' || job.state === 'SUSPENDED' || job.stateFlags.includes('COMPLETING')
  );
}

/** Node name → ids of the jobs on it, in job id order. One pass over the job snapshot. */
export function jobsByNode(jobs: Iterable<Job>): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const job of jobs) {
    if (!occupiesNodes(job)) continue;
    for (const node of job.nodes) {
      const ids = byNode.get(node);
      if (ids) ids.push(job.id);
      else byNode.set(node, [job.id]);
    }
  }
  for (const ids of byNode.values()) ids.sort((a, b) => Number(a) - Number(b));
  return byNode;
}

export function toNodeView(node: Node, jobs: readonly string[]): NodeDto {
  return {
    node_name: node.name,
    state: node.state,
    state_flags: [...node.stateFlags],
    partitions: [...node.partitions],
    cpu_total: node.cpus,
    cpu_allocated: node.allocCpus,
    cpu_load: node.cpuLoad,
    memory_total: formatMemory(node.realMemoryMb),
    memory_allocated: formatMemory(node.allocMemoryMb),
    memory_free: node.freeMemoryMb === null ? null : formatMemory(node.freeMemoryMb),
    gpus_total: node.gpusTotal,
    gpus_allocated: node.gpusUsed,
    features: [...node.features],
    architecture: node.architecture,
    os: node.os,
    boot_time: toIso(node.bootTime),
    last_busy: toIso(node.lastBusy),
    jobs: [...jobs],
    reason: node.reason,
  };
}
