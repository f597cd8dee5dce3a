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

  it('spaces runs out when one takes more than its share of the time (maxDuty)', () => {
    const task = () => Promise.resolve();
    const spaced = new PollLoop(2000, task, Date.now, 0.2);
    expect(spaced.delayAfter(100)).toBe(1900); // quick run: the interval
    expect(spaced.delayAfter(400)).toBe(1600); // 400 ms = 20 % of 2 s: still the interval
    expect(spaced.delayAfter(700)).toBe(2800); // next start 3.5 s after this one began
    expect(spaced.delayAfter(1500)).toBe(2500); // never more than 2 intervals apart
    expect(spaced.delayAfter(5000)).toBe(0); // a run longer than that: the next at once
    const eager = new PollLoop(2000, task);
    expect(eager.delayAfter(700)).toBe(1300);
    expect(eager.delayAfter(3000)).toBe(0);
  });
});
