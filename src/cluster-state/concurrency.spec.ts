import { chunk, mapWithConcurrency, SerialQueue, SingleFlight } from './concurrency.js';

describe('SingleFlight', () => {
  it('shares one call among concurrent callers of the same key, and calls again afterwards', async () => {
    const flight = new SingleFlight<string, number>();
    let calls = 0;
    const fn = async () => {
      const call = ++calls;
      await new Promise((resolve) => setImmediate(resolve));
      return call;
    };
    const results = await Promise.all([
      flight.run('a', fn),
      flight.run('a', fn),
      flight.run('b', fn),
    ]);
    expect(results).toEqual([1, 1, 2]);
    expect(flight.size).toBe(0);
    await expect(flight.run('a', fn)).resolves.toBe(3);
  });

  it('forgets a failed call so the next caller retries', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(flight.run('a', () => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('SerialQueue', () => {
  it('runs tasks strictly in order and keeps going after a failure', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const slow = queue.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('slow');
    });
    const failing = queue.push(() => Promise.reject(new Error('boom')));
    const fast = queue.push(() => {
      order.push('fast');
      return Promise.resolve('done');
    });
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await expect(fast).resolves.toBe('done');
    await queue.idle();
    expect(order).toEqual(['slow', 'fast']);
  });
});

describe('mapWithConcurrency', () => {
  it('never exceeds the limit and keeps the input order', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('handles an empty input', async () => {
    await expect(mapWithConcurrency([], 4, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});

describe('chunk', () => {
  it('splits into pieces of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});
