import type { Node } from '../../model/node.js';
import { nodeFromRaw } from '../shared/node-common.js';
import { splitNodeState } from '../shared/states.js';
import { count, str, type Raw } from '../shared/values.js';

/** v0.0.40+ node: state ["IDLE","DRAIN"], free_mem {set, number}, version. */
export function nodeFromV0040(raw: Raw, cluster: string): Node {
  const { state, flags } = splitNodeState(raw.state);
  return nodeFromRaw(raw, cluster, {
    state,
    stateFlags: flags,
    freeMemoryMb: count(raw.free_mem),
    version: str(raw.version),
  });
}
