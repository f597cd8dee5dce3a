import { PollLoop } from './poll-loop.js';

describe('PollLoop', () => {
  it('repeats the task without overlapping runs and survives failures', async () => {
    let active = 0;
    let overlapped = false;
    let runs = 0;
    const loop = new PollLoop(1, async () => {
      if (active > 0) overlapped = true;
      active++;
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 3));
      active--;
      if (runs === 2) throw new Error('one bad poll');
    });
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await loop.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(after).toBeGreaterThan(3);
    expect(runs).toBe(after);
    expect(overlapped).toBe(false);
    expect(loop.isActive).toBe(false);
  });
});
