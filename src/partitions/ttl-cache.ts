/**
 * Values loaded from Slurm kept for a short time, one load in flight per key: many
 * concurrent requests cost one slurmrestd call.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();
  private readonly loading = new Map<K, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.ttlMs) return Promise.resolve(entry.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const promise = load()
      .then((value) => {
        this.entries.set(key, { value, at: this.now() });
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  /** Forgets a key (after a change the next read must see). */
  delete(key: K): void {
    this.entries.delete(key);
  }
}
