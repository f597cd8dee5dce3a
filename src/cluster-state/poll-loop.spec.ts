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
    // Wait for runs, not for a fixed time: a loaded CI machine may run the loop slowly.
    const deadline = Date.now() + 10_000;
    while (runs < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await loop.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(after).toBeGreaterThan(3);
    expect(runs).toBe(after);
    expect(overlapped).toBe(false);
    expect(loop.isActive).toBe(false);
  });
});
