import type { Node } from '@app/slurm-gateway';
import { isAvailable, matchesState } from './node-state.js';

/** Parsed node list filters; every given filter must hold (AND). */
export interface NodeFilter {
  /** Upper-case state names; a node matches when it is in ANY of them. */
  states?: string[];
  partition?: string;
  /** A node matches when it has ALL of them (available features). */
  features?: string[];
  available?: boolean;
}

/** Splits "a, b,,c" into ["a","b","c"]; undefined or empty → undefined. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return items.length > 0 ? items : undefined;
}

export function matchesNodeFilter(node: Node, filter: NodeFilter): boolean {
  const { states, partition, features, available } = filter;
  if (states && !states.some((s) => matchesState(node, s))) return false;
  if (partition !== undefined && !node.partitions.includes(partition)) return false;
  if (features && !features.every((f) => node.features.includes(f))) return false;
  if (available !== undefined && isAvailable(node) !== available) return false;
  return true;
}

/** Filters and sorts by node name (natural order, so node2 < node10). */
export function filterNodes(nodes: readonly Node[], filter: NodeFilter): Node[] {
  return nodes
    .filter((n) => matchesNodeFilter(n, filter))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
