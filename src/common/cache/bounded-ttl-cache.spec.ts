import { BoundedTtlCache } from './bounded-ttl-cache.js';

describe('BoundedTtlCache', () => {
  let now = 1000;
  const clock = () => now;

  it('serves a value until its TTL passes, then loads again', async () => {
    const cache = new BoundedTtlCache<string | null>(10_000, 100, clock);
    let loads = 0;
    const load = () => Promise.resolve(`v${++loads}`);
    expect(await cache.getOrLoad('k', load)).toBe('v1');
    now += 9_999;
    expect(await cache.getOrLoad('k', load)).toBe('v1');
    now += 1;
    expect(await cache.getOrLoad('k', load)).toBe('v2');
  });

  it('caches "not found" too, and forgets everything on clear()', async () => {
    const cache = new BoundedTtlCache<string | null>(10_000, 100, clock);
    let loads = 0;
    const load = () => Promise.resolve(++loads > 1 ? 'found' : null);
    expect(await cache.getOrLoad('k', load)).toBeNull();
    expect(await cache.getOrLoad('k', load)).toBeNull();
    cache.clear();
    expect(await cache.getOrLoad('k', load)).toBe('found');
  });

  it('does not cache with a zero TTL and stays bounded', () => {
    const off = new BoundedTtlCache<number>(0, 100, clock);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
    const small = new BoundedTtlCache<number>(10_000, 2, clock);
    small.set('a', 1);
    small.set('b', 2);
    small.set('c', 3);
    expect(small.get('a')).toBeUndefined();
    expect(small.get('c')).toBe(3);
  });
});
