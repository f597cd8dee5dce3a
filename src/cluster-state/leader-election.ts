/**
 * Leader election over a lock with a time-to-live: exactly one process per cluster polls
 * slurmrestd. The leader renews well before the lock expires; a follower keeps trying, so
 * it takes over within about one TTL when the leader dies, and at once when the leader
 * resigns (it announces that, see `kick`).
 */
export interface LockStore {
  /** Takes the lock when free; true when `owner` now holds it. */
  tryAcquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends the lock only while `owner` holds it; false when it was lost. */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Deletes the lock only while `owner` holds it. */
  release(key: string, owner: string): Promise<void>;
}

export interface ElectionOptions {
  key: string;
  owner: string;
  ttlMs: number;
  /** How often a follower tries to take the lock. */
  retryMs: number;
  /** May this process lead at all (a process can be configured as a pure reader). */
  eligible: boolean;
  now?: () => number;
}

export interface ElectionEvents {
  elected(): void;
  deposed(reason: string): void;
  error(error: unknown): void;
}

export class LeaderElection {
  private leader = false;
  private lastRenewed = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stepping: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly store: LockStore,
    private readonly options: ElectionOptions,
    private readonly events: ElectionEvents,
  ) {
    this.now = options.now ?? Date.now;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running || !this.options.eligible) return;
    this.running = true;
    this.schedule(0);
  }

  /** Tries at once (a leader announced its resignation). */
  kick(): void {
    if (this.running && !this.leader) this.schedule(0);
  }

  /** One election step; also called by the timer. Never runs twice concurrently. */
  step(): Promise<void> {
    this.stepping ??= this.doStep().finally(() => (this.stepping = null));
    return this.stepping;
  }

  /** Stops campaigning; a leader resigns and frees the lock for a follower. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.stepping;
    if (!this.leader) return;
    this.depose('shutdown');
    await this.store.release(this.options.key, this.options.owner);
  }

  private async doStep(): Promise<void> {
    const { key, owner, ttlMs } = this.options;
    const started = this.now();
    try {
      if (!this.leader) {
        if (this.running && (await this.store.tryAcquire(key, owner, ttlMs))) {
          this.leader = true;
          this.lastRenewed = started;
          this.events.elected();
        }
        return;
      }
      if (await this.store.renew(key, owner, ttlMs)) this.lastRenewed = started;
      else this.depose('lock lost');
    } catch (error) {
      this.events.error(error);
      // Without an answer the lock may have expired: stop leading once it surely has.
      if (this.leader && this.now() - this.lastRenewed >= ttlMs) this.depose('lock expired');
    }
  }

  private depose(reason: string): void {
    if (!this.leader) return;
    this.leader = false;
    this.events.deposed(reason);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.step().finally(() => {
        if (this.running && !this.timer) {
          this.schedule(this.leader ? Math.floor(this.options.ttlMs / 3) : this.options.retryMs);
        }
      });
    }, delayMs);
    this.timer.unref();
  }
}
