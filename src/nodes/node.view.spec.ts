import { makeJob, makeNode } from '../search/testing/model-fixtures.js';
import { jobsByNode, toNodeView } from './node.view.js';

describe('node view', () => {
  it('maps a node to the spec fields with memory strings and ISO times', () => {
    const node = makeNode({
      name: 'gpu001',
      state: 'MIXED',
      stateFlags: ['DRAIN'],
      partitions: ['gpu', 'normal'],
      cpus: 32,
      allocCpus: 16,
      cpuLoad: 14.2,
      realMemoryMb: 131072,
      allocMemoryMb: 65536,
      freeMemoryMb: 59392,
      gpusTotal: 4,
      gpusUsed: 2,
      features: ['gpu', 'cuda'],
      os: 'Linux 5.4.0-74-generic',
      bootTime: 1701419400,
      lastBusy: 1702644330,
      reason: 'maintenance',
    });
    expect(toNodeView(node, ['12345', '12347'])).toEqual({
      node_name: 'gpu001',
      state: 'MIXED',
      state_flags: ['DRAIN'],
      partitions: ['gpu', 'normal'],
      cpu_total: 32,
      cpu_allocated: 16,
      cpu_load: 14.2,
      memory_total: '128GB',
      memory_allocated: '64GB',
      memory_free: '58GB',
      gpus_total: 4,
      gpus_allocated: 2,
      features: ['gpu', 'cuda'],
      architecture: 'x86_64',
      os: 'Linux 5.4.0-74-generic',
      boot_time: '2023-12-01T08:30:00Z',
      last_busy: '2023-12-15T12:45:30Z',
      jobs: ['12345', '12347'],
      reason: 'maintenance',
    });
  });

  it('keeps unknown values null', () => {
    const view = toNodeView(
      makeNode({ freeMemoryMb: null, cpuLoad: null, bootTime: null, lastBusy: 0 }),
      [],
    );
    expect([view.memory_free, view.cpu_load, view.boot_time, view.last_busy]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('lists the running, suspended and completing jobs of each node', () => {
    const map = jobsByNode([
      makeJob({ id: '10', nodes: ['node001', 'node002'] }),
      makeJob({ id: '9', nodes: ['node001'], state: 'SUSPENDED' }),
      makeJob({ id: '11', nodes: ['node002'], state: 'COMPLETED', stateFlags: ['COMPLETING'] }),
      makeJob({ id: '12', nodes: ['node001'], state: 'PENDING' }),
      makeJob({ id: '13', nodes: ['node003'], state: 'COMPLETED' }),
    ]);
    expect(Object.fromEntries(map)).toEqual({ node001: ['9', '10'], node002: ['10', '11'] });
  });
});
