import type { Node, NodeBaseState } from '../../model/node.js';
import { count, gresGpus, list, num, str, time, type Raw } from './values.js';

export interface NodeVariant {
  state: NodeBaseState;
  stateFlags: string[];
  freeMemoryMb: number | null;
  version: string | null;
}

/**
 * Node fields that read the same in every generation; the family supplies the state,
 * free memory and version, which are spelled differently.
 */
export function nodeFromRaw(raw: Raw, cluster: string, variant: NodeVariant): Node {
  // cpu_load is the load average × 100.
  const load = count(raw.cpu_load);
  return {
    cluster,
    name: str(raw.name) ?? '',
    hostname: str(raw.hostname),
    address: str(raw.address),
    ...variant,
    partitions: list(raw.partitions),
    cpus: count(raw.cpus) ?? 0,
    allocCpus: count(raw.alloc_cpus) ?? 0,
    cpuLoad: load === null ? null : load / 100,
    realMemoryMb: count(raw.real_memory) ?? 0,
    allocMemoryMb: count(raw.alloc_memory) ?? 0,
    gpusTotal: gresGpus(raw.gres),
    gpusUsed: gresGpus(raw.gres_used),
    gres: str(raw.gres),
    gresUsed: str(raw.gres_used),
    features: list(raw.features),
    activeFeatures: list(raw.active_features),
    architecture: str(raw.architecture),
    os: str(raw.operating_system),
    bootTime: time(raw.boot_time),
    lastBusy: time(raw.last_busy),
    slurmdStartTime: time(raw.slurmd_start_time),
    reason: str(raw.reason),
    reasonTime: time(raw.reason_changed_at),
    reasonUser: str(raw.reason) === null ? null : str(raw.reason_set_by_user),
    weight: num(raw.weight),
  };
}
