/** What the store answers for a batch, and what each hit gets back. */
export interface CountedHits {
  /** Hits counted in the window: after the batch (store), or up to this hit (each hit). */
  hits: number;
  /** Milliseconds left in the window. */
  msToExpire: number;
}

/** Adds `n` hits to `key`'s counter at once. */
export type CountHits = (key: string, n: number) => Promise<CountedHits>;

interface Waiter {
  resolve(counted: CountedHits): void;
  reject(error: unknown): void;
}

/**
 * Counts hits in batches: the hits on one key that arrive within one turn of the event loop
 * go to the store as a single increment by n, and each hit still gets its own exact count
 * (the first of a batch that ended at `hits` gets `hits - n + 1`), as if they had been
 * counted one by one in arrival order. Under load this turns one store round trip per
 * request into one per key per turn; a lone request waits for nothing but the turn's end.
 */
export class HitBatcher {
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(private readonly count: CountHits) {}

  hit(key: string): Promise<CountedHits> {
    let waiters = this.pending.get(key);
    if (waiters === undefined) {
      waiters = [];
      this.pending.set(key, waiters);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const batch = waiters;
    return new Promise<CountedHits>((resolve, reject) => batch.push({ resolve, reject }));
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [key, waiters] of batches) {
      const n = waiters.length;
      this.count(key, n).then(
        ({ hits, msToExpire }) => {
          for (let i = 0; i < n; i++) waiters[i].resolve({ hits: hits - n + i + 1, msToExpire });
        },
        (error: unknown) => {
          for (const waiter of waiters) waiter.reject(error);
        },
      );
    }
  }
}
