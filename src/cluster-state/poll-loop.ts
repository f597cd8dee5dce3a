/**
 * Runs a task again and again, starting each run `intervalMs` after the previous one
 * started (or at once when it took longer), never two runs at a time.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private active = false;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly now: () => number = Date.now,
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

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const started = this.now();
      this.running = this.task()
        .catch(() => undefined)
        .finally(() => {
          this.running = null;
          if (this.active) this.schedule(Math.max(0, this.intervalMs - (this.now() - started)));
        });
    }, delayMs);
    this.timer.unref();
  }
}
