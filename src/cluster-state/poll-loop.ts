/** Duty spacing never starts runs further apart than this many intervals. */
const MAX_SPACING = 2;

/**
 * Runs a task again and again, starting each run `intervalMs` after the previous one
 * started, never two runs at a time. A run may occupy at most `maxDuty` (0–1] of the time
 * between starts: after a run of d ms the next starts d / maxDuty ms after it began when that
 * is later — a poll that grows slow (slurmrestd's job states at 20,000 jobs) spaces itself out
 * instead of keeping slurmrestd busy — but never more than 2 × `intervalMs` after it, so a
 * slow host cannot stretch freshness without bound. maxDuty 1: the next run starts at once
 * after a long one.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private active = false;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly now: () => number = Date.now,
    private readonly maxDuty = 1,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.schedule(0);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delay before the next run, after a run that took `elapsedMs`. */
  delayAfter(elapsedMs: number): number {
    const spacing = Math.min(elapsedMs / this.maxDuty, MAX_SPACING * this.intervalMs);
    return Math.max(0, Math.max(this.intervalMs, spacing) - elapsedMs);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const started = this.now();
      this.running = this.task()
        .catch(() => undefined)
        .finally(() => {
          this.running = null;
          if (this.active) this.schedule(this.delayAfter(this.now() - started));
        });
    }, delayMs);
    this.timer.unref();
  }
}
