import { makeNode } from '../search/testing/model-fixtures.js';
import { filterNodes, matchesNodeFilter, splitList } from './node-filter.js';
import { isAvailable, matchesState } from './node-state.js';

describe('node availability', () => {
  it('idle without flags is available', () => {
    expect(isAvailable(makeNode({ state: 'IDLE' }))).toBe(true);
  });
  it('mixed with free CPUs is available, fully used mixed is not', () => {
    expect(isAvailable(makeNode({ state: 'MIXED', cpus: 4, allocCpus: 2 }))).toBe(true);
    expect(isAvailable(makeNode({ state: 'MIXED', cpus: 4, allocCpus: 4 }))).toBe(false);
  });
  it('drained, down, allocated, not responding or reserved nodes are not available', () => {
    expect(isAvailable(makeNode({ state: 'IDLE', stateFlags: ['DRAIN'] }))).toBe(false);
    expect(isAvailable(makeNode({ state: 'DOWN' }))).toBe(false);
    expect(isAvailable(makeNode({ state: 'ALLOCATED', allocCpus: 4 }))).toBe(false);
    expect(isAvailable(makeNode({ state: 'IDLE', stateFlags: ['NOT_RESPONDING'] }))).toBe(false);
    expect(isAvailable(makeNode({ state: 'IDLE', stateFlags: ['RESERVED'] }))).toBe(false);
  });
  it('a completing idle node is still available', () => {
    expect(isAvailable(makeNode({ state: 'IDLE', stateFlags: ['COMPLETING'] }))).toBe(true);
  });
});

describe('node state filter', () => {
  it('matches the base state and flags', () => {
    const n = makeNode({ state: 'MIXED', stateFlags: ['DRAIN'] });
    expect(matchesState(n, 'MIXED')).toBe(true);
    expect(matchesState(n, 'DRAIN')).toBe(true);
    expect(matchesState(n, 'IDLE')).toBe(false);
  });
  it('knows sinfo compound states DRAINED / DRAINING and the ALLOC alias', () => {
    const drained = makeNode({ state: 'IDLE', stateFlags: ['DRAIN'] });
    const draining = makeNode({ state: 'ALLOCATED', stateFlags: ['DRAIN'] });
    expect(matchesState(drained, 'DRAINED')).toBe(true);
    expect(matchesState(drained, 'DRAINING')).toBe(false);
    expect(matchesState(draining, 'DRAINING')).toBe(true);
    expect(matchesState(draining, 'DRAINED')).toBe(false);
    expect(matchesState(draining, 'ALLOC')).toBe(true);
  });
});

describe('node list filter', () => {
  const nodes = [
    makeNode({ name: 'node10', partitions: ['normal'], features: ['cpu'] }),
    makeNode({ name: 'node2', partitions: ['normal', 'debug'], features: ['cpu', 'avx2'] }),
    makeNode({
      name: 'gpu001',
      state: 'MIXED',
      allocCpus: 2,
      partitions: ['gpu'],
      features: ['gpu', 'a100'],
    }),
    makeNode({ name: 'gpu002', stateFlags: ['DRAIN'], partitions: ['gpu'], features: ['gpu'] }),
  ];
  const names = (f: Parameters<typeof filterNodes>[1]) => filterNodes(nodes, f).map((n) => n.name);

  it('sorts naturally and keeps all without filters', () => {
    expect(names({})).toEqual(['gpu001', 'gpu002', 'node2', 'node10']);
  });
  it('filters by partition', () => {
    expect(names({ partition: 'debug' })).toEqual(['node2']);
  });
  it('requires every listed feature', () => {
    expect(names({ features: ['gpu'] })).toEqual(['gpu001', 'gpu002']);
    expect(names({ features: ['gpu', 'a100'] })).toEqual(['gpu001']);
    expect(names({ features: ['gpu', 'avx2'] })).toEqual([]);
  });
  it('matches any of several states', () => {
    expect(names({ states: ['MIXED', 'DRAIN'] })).toEqual(['gpu001', 'gpu002']);
  });
  it('filters available and unavailable nodes', () => {
    expect(names({ available: true })).toEqual(['gpu001', 'node2', 'node10']);
    expect(names({ available: false })).toEqual(['gpu002']);
  });
  it('combines filters with AND', () => {
    expect(matchesNodeFilter(nodes[3], { partition: 'gpu', available: true })).toBe(false);
  });
  it('splits comma lists', () => {
    expect(splitList(' gpu, a100,,')).toEqual(['gpu', 'a100']);
    expect(splitList('')).toBeUndefined();
    expect(splitList(undefined)).toBeUndefined();
  });
});
