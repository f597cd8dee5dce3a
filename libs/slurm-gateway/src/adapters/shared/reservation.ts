import { expandHostlist } from '../../hostlist/hostlist.js';
import type { Reservation } from '../../model/reservation.js';
import { count, list, str, time, type Raw } from './values.js';

/** Reservations read the same in v0.0.38 and v0.0.40+ (times as ints or {set, number}). */
export function reservationFromRaw(raw: Raw, cluster: string): Reservation {
  const nodeList = str(raw.node_list);
  const nodes = expandHostlist(nodeList);
  return {
    cluster,
    name: str(raw.name) ?? '',
    nodes,
    nodeList,
    nodeCount: count(raw.node_count) ?? nodes.length,
    coreCount: count(raw.core_count),
    startTime: time(raw.start_time),
    endTime: time(raw.end_time),
    users: list(raw.users),
    accounts: list(raw.accounts),
    partition: str(raw.partition),
    flags: list(raw.flags),
    features: str(raw.features),
  };
}
