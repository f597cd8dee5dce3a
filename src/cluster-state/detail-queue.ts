/**
 * Job ids whose details must be fetched one by one (GET job/{id}). Jobs never seen before
 * come first: they are invisible until fetched, while a known job whose state changed is
 * already shown with its new state.
 */
export type DetailPriority = 'new' | 'changed';

export class DetailQueue {
  private readonly fresh = new Map<string, number>();
  private readonly changed = new Map<string, number>();

  /** Adds ids (deduplicated); `at` is when the need was seen (ms). */
  add(ids: readonly string[], priority: DetailPriority, at: number): void {
    for (const id of ids) {
      if (this.fresh.has(id)) continue;
      if (priority === 'new') {
        this.changed.delete(id);
        this.fresh.set(id, at);
      } else if (!this.changed.has(id)) {
        this.changed.set(id, at);
      }
    }
  }

  /** Removes and returns up to `count` ids, new ones first. */
  take(count: number): string[] {
    const out: string[] = [];
    for (const source of [this.fresh, this.changed]) {
      for (const id of source.keys()) {
        if (out.length >= count) return out;
        out.push(id);
        source.delete(id);
      }
    }
    return out;
  }

  /** Drops ids a full list started at `listStartedAt` has covered (queued before it began). */
  dropCovered(covered: (id: string) => boolean, listStartedAt: number): void {
    for (const source of [this.fresh, this.changed]) {
      for (const [id, at] of source) if (at <= listStartedAt && covered(id)) source.delete(id);
    }
  }

  clear(): void {
    this.fresh.clear();
    this.changed.clear();
  }

  get size(): number {
    return this.fresh.size + this.changed.size;
  }
}
