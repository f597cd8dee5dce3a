import type { Node } from '../../model/node.js';
import { nodeFromRaw } from '../shared/node-common.js';
import { splitNodeState } from '../shared/states.js';
import { count, str, type Raw } from '../shared/values.js';

/** v0.0.38 node: state "idle" + state_flags [...], free_memory (MB, -2 unknown), slurmd_version. */
export function nodeFromV0038(raw: Raw, cluster: string): Node {
  const { state, flags } = splitNodeState(raw.state, raw.state_flags);
  return nodeFromRaw(raw, cluster, {
    state,
    stateFlags: flags,
    freeMemoryMb: count(raw.free_memory),
    version: str(raw.slurmd_version),
  });
}
