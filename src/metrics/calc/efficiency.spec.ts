import {
  efficiency,
  hasEfficiency,
  leastEfficientFirst,
  summarize,
  type EfficiencyInput,
} from './efficiency.js';

const job = (over: Partial<EfficiencyInput> = {}): EfficiencyInput => ({
  elapsed: 100,
  allocCpus: 4,
  totalCpuSeconds: 100,
  maxRssMb: 250,
  reqMemMb: 1000,
  ...over,
});

describe('efficiency (seff formulas)', () => {
  it('CPU = TotalCPU / (Elapsed × AllocCPUS), memory = MaxRSS / ReqMem', () => {
    expect(efficiency(job())).toEqual({
      coreSeconds: 400,
      cpuEfficiency: 0.25,
      memoryEfficiency: 0.25,
      wastedCoreHours: 0.0833,
    });
  });

  it('leaves memory efficiency unknown without MaxRSS or requested memory', () => {
    expect(efficiency(job({ maxRssMb: null })).memoryEfficiency).toBeNull();
    expect(efficiency(job({ reqMemMb: 0 })).memoryEfficiency).toBeNull();
  });

  it('never reports negative waste (CPU time can slightly exceed elapsed × cpus)', () => {
    const e = efficiency(job({ totalCpuSeconds: 401 }));
    expect(e.cpuEfficiency).toBe(1.0025);
    expect(e.wastedCoreHours).toBe(0);
  });

  it('a job that never held CPUs has no efficiency', () => {
    expect(hasEfficiency({ elapsed: 0, allocCpus: 4 })).toBe(false);
    expect(hasEfficiency({ elapsed: 10, allocCpus: 0 })).toBe(false);
    expect(hasEfficiency({ elapsed: 10, allocCpus: 1 })).toBe(true);
    expect(efficiency(job({ elapsed: 0 })).cpuEfficiency).toBe(0);
  });
});

describe('summarize', () => {
  it('weighs jobs by core-hours and memory by request', () => {
    const s = summarize([
      job({ elapsed: 3600, allocCpus: 1, totalCpuSeconds: 3600, maxRssMb: 500, reqMemMb: 1000 }),
      job({ elapsed: 3600, allocCpus: 3, totalCpuSeconds: 0, maxRssMb: null }),
    ]);
    expect(s).toEqual({
      jobCount: 2,
      coreHours: 4,
      cpuHoursUsed: 1,
      cpuEfficiency: 0.25,
      memoryEfficiency: 0.5,
      wastedCoreHours: 3,
    });
  });

  it('has no efficiency for an empty set', () => {
    expect(summarize([])).toMatchObject({
      jobCount: 0,
      cpuEfficiency: null,
      memoryEfficiency: null,
    });
  });
});

describe('leastEfficientFirst', () => {
  it('orders by CPU efficiency, then memory (unknown last), then waste, then id', () => {
    const rows = [
      { id: 'a', ...efficiency(job({ totalCpuSeconds: 300 })) },
      { id: 'b', ...efficiency(job({ totalCpuSeconds: 40 })) },
      { id: 'c', ...efficiency(job({ totalCpuSeconds: 40, maxRssMb: 900 })) },
      { id: 'd', ...efficiency(job({ totalCpuSeconds: 40, maxRssMb: null })) },
      { id: 'e', ...efficiency(job({ totalCpuSeconds: 80, elapsed: 200 })) },
      { id: '10', ...efficiency(job({ totalCpuSeconds: 300 })) },
      { id: '9', ...efficiency(job({ totalCpuSeconds: 300 })) },
    ];
    expect(rows.sort(leastEfficientFirst).map((r) => r.id)).toEqual([
      'e',
      'b',
      'c',
      'd',
      '9',
      '10',
      'a',
    ]);
  });
});
