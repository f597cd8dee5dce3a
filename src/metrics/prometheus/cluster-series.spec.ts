import type { Node } from '@app/slurm-gateway';
import { clusterSeries, nodeSeries, queueSeries } from './cluster-series.js';

const node = (over: Partial<Node>): Node =>
  ({
    state: 'IDLE',
    stateFlags: [],
    cpus: 4,
    allocCpus: 0,
    realMemoryMb: 1000,
    allocMemoryMb: 0,
    gpusTotal: 0,
    gpusUsed: 0,
    ...over,
  }) as Node;

describe('nodeSeries', () => {
  it.each([
    [{ state: 'IDLE', stateFlags: [] }, 'idle'],
    [{ state: 'MIXED', stateFlags: [] }, 'mix'],
    [{ state: 'ALLOCATED', stateFlags: [] }, 'alloc'],
    [{ state: 'IDLE', stateFlags: ['DRAIN'] }, 'drain'],
    [{ state: 'MIXED', stateFlags: ['DRAIN'] }, 'drain'],
    [{ state: 'DOWN', stateFlags: ['DRAIN', 'NOT_RESPONDING'] }, 'drain'],
    [{ state: 'DOWN', stateFlags: ['NOT_RESPONDING'] }, 'down'],
    [{ state: 'IDLE', stateFlags: ['MAINTENANCE', 'RESERVED'] }, 'maint'],
    [{ state: 'IDLE', stateFlags: ['RESERVED'] }, 'resv'],
    [{ state: 'ALLOCATED', stateFlags: ['COMPLETING'] }, 'comp'],
    [{ state: 'IDLE', stateFlags: ['FAIL'] }, 'fail'],
    [{ state: 'ERROR', stateFlags: [] }, 'err'],
    [{ state: 'FUTURE', stateFlags: [] }, null],
  ] as const)('%j → %p', (n, series) => {
    expect(nodeSeries({ state: n.state, stateFlags: [...n.stateFlags] })).toBe(series);
  });
});

describe('queueSeries', () => {
  it('splits pending on Dependency and flags completing/configuring jobs', () => {
    expect(queueSeries({ state: 'PENDING', stateFlags: [], reason: 'Dependency' })).toBe(
      'pending_dependency',
    );
    expect(queueSeries({ state: 'PENDING', stateFlags: [], reason: 'Priority' })).toBe('pending');
    expect(queueSeries({ state: 'COMPLETED', stateFlags: ['COMPLETING'], reason: null })).toBe(
      'completing',
    );
    expect(queueSeries({ state: 'RUNNING', stateFlags: ['CONFIGURING'], reason: null })).toBe(
      'configuring',
    );
    expect(queueSeries({ state: 'NODE_FAIL', stateFlags: [], reason: null })).toBe('node_fail');
    expect(queueSeries({ state: 'OUT_OF_MEMORY', stateFlags: [], reason: null })).toBe(
      'out_of_memory',
    );
  });
});

describe('clusterSeries', () => {
  it('gives every exporter series, zeros included', () => {
    const s = clusterSeries(
      [
        node({ state: 'MIXED', allocCpus: 2, allocMemoryMb: 500 }),
        node({ stateFlags: ['DRAIN'] }),
        node({ cpus: 8, gpusTotal: 4, gpusUsed: 3, state: 'MIXED', allocCpus: 1 }),
      ],
      [
        { state: 'RUNNING', stateFlags: [], reason: null },
        { state: 'RUNNING', stateFlags: [], reason: null },
        { state: 'PENDING', stateFlags: [], reason: 'Resources' },
      ],
    );
    expect(Object.fromEntries(s)).toMatchObject({
      slurm_nodes_mix: 2,
      slurm_nodes_drain: 1,
      slurm_nodes_idle: 0,
      slurm_nodes_total: 3,
      slurm_queue_running: 2,
      slurm_queue_pending: 1,
      slurm_queue_failed: 0,
      slurm_cpus_alloc: 3,
      slurm_cpus_idle: 9,
      slurm_cpus_other: 4,
      slurm_cpus_total: 16,
      slurm_gpus_alloc: 3,
      slurm_gpus_idle: 1,
      slurm_gpus_total: 4,
      slurm_gpus_utilization: 0.75,
      slurm_mem_alloc_bytes: 500 * 1024 * 1024,
      slurm_mem_total_bytes: 3000 * 1024 * 1024,
    });
  });
});
