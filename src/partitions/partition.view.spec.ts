import { makeNode, makePartition } from '../search/testing/model-fixtures.js';
import { toPartitionView } from './partition.view.js';

describe('partition view', () => {
  const nodes = new Map(
    [
      makeNode({
        name: 'gpu001',
        state: 'MIXED',
        cpus: 8,
        allocCpus: 3,
        features: ['gpu', 'a100'],
      }),
      makeNode({ name: 'gpu002', state: 'ALLOCATED', cpus: 8, allocCpus: 8, features: ['gpu'] }),
      makeNode({ name: 'gpu003', state: 'IDLE', cpus: 8, features: ['gpu', 'nvlink'] }),
      makeNode({
        name: 'gpu004',
        state: 'IDLE',
        stateFlags: ['DRAIN'],
        cpus: 8,
        features: ['gpu'],
      }),
      makeNode({ name: 'gpu005', state: 'DOWN', cpus: 8, features: ['gpu'] }),
    ].map((n) => [n.name, n]),
  );

  it('counts node states and CPUs from the node snapshot', () => {
    const partition = makePartition({
      name: 'gpu',
      nodes: ['gpu001', 'gpu002', 'gpu003', 'gpu004', 'gpu005'],
      totalNodes: 5,
      totalCpus: 40,
      defaultTime: 120,
      maxTime: 7 * 24 * 60,
      maxNodes: 16,
      priorityTier: 1000,
      qos: 'normal',
    });
    expect(toPartitionView(partition, nodes)).toEqual({
      name: 'gpu',
      state: 'UP',
      nodes_total: 5,
      nodes_idle: 1,
      nodes_allocated: 1,
      nodes_mixed: 1,
      cpus_total: 40,
      cpus_allocated: 11,
      default_time: '2:00:00',
      max_time: '7-00:00:00',
      max_nodes: 16,
      priority: 1000,
      qos: 'normal',
      features: ['a100', 'gpu', 'nvlink'],
    });
  });

  it('writes UNLIMITED for no time limit and null for no default time', () => {
    const view = toPartitionView(
      makePartition({ nodes: [], totalNodes: 0, totalCpus: 0, defaultTime: null, maxTime: null }),
      nodes,
    );
    expect([view.default_time, view.max_time, view.features]).toEqual([null, 'UNLIMITED', []]);
  });
});
