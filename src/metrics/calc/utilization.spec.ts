import {
  nodeCountState,
  nodeCounts,
  percent,
  resourceTotals,
  utilizationPercent,
} from './utilization.js';

const node = (over: Partial<Parameters<typeof resourceTotals>[0][number]> = {}) => ({
  state: 'IDLE' as const,
  stateFlags: [] as string[],
  cpus: 4,
  allocCpus: 0,
  realMemoryMb: 8000,
  allocMemoryMb: 0,
  gpusTotal: 0,
  gpusUsed: 0,
  ...over,
});

describe('resourceTotals', () => {
  it('sums allocation over every node and splits idle from unusable CPUs like sinfo %C', () => {
    const t = resourceTotals([
      node({ state: 'MIXED', allocCpus: 2, allocMemoryMb: 2000 }),
      node({ state: 'ALLOCATED', allocCpus: 4, allocMemoryMb: 8000 }),
      node({ state: 'IDLE', stateFlags: ['DRAIN'] }),
      node({ state: 'DOWN', stateFlags: ['NOT_RESPONDING'] }),
      node({ cpus: 8, realMemoryMb: 16000, gpusTotal: 4, gpusUsed: 1, allocCpus: 1 }),
    ]);
    expect(t).toEqual({
      cpusAlloc: 7,
      cpusIdle: 2 + 7,
      cpusOther: 8,
      cpusTotal: 24,
      memoryAllocMb: 10000,
      memoryTotalMb: 48000,
      gpusAlloc: 1,
      gpusTotal: 4,
    });
  });

  it('never counts more allocated CPUs than a node has', () => {
    expect(resourceTotals([node({ allocCpus: 9 })]).cpusAlloc).toBe(4);
  });
});

describe('utilizationPercent', () => {
  it('gives one-decimal percentages and 0 where a resource does not exist', () => {
    const u = utilizationPercent(
      resourceTotals([node({ allocCpus: 1, allocMemoryMb: 1000 }), node({ cpus: 2 })]),
    );
    expect(u).toEqual({ cpu_percent: 16.7, memory_percent: 6.3, gpu_percent: 0 });
  });

  it('percent rounds half up to one decimal', () => {
    expect(percent(785, 1000)).toBe(78.5);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(5, 0)).toBe(0);
  });
});

describe('nodeCounts', () => {
  it('counts drained and draining nodes as DRAIN (also when down), as sinfo shows them', () => {
    expect(nodeCountState({ state: 'IDLE', stateFlags: ['DRAIN'] })).toBe('DRAIN');
    expect(nodeCountState({ state: 'MIXED', stateFlags: ['DRAIN'] })).toBe('DRAIN');
    expect(nodeCountState({ state: 'DOWN', stateFlags: ['DRAIN'] })).toBe('DRAIN');
    expect(nodeCountState({ state: 'DOWN', stateFlags: ['NOT_RESPONDING'] })).toBe('DOWN');
    expect(nodeCountState({ state: 'IDLE', stateFlags: ['NOT_RESPONDING'] })).toBe('IDLE');
    expect(
      nodeCounts([
        node(),
        node(),
        node({ state: 'MIXED' }),
        node({ state: 'ALLOCATED' }),
        node({ stateFlags: ['DRAIN'] }),
      ]),
    ).toEqual({ IDLE: 2, MIXED: 1, ALLOCATED: 1, DRAIN: 1 });
  });
});
