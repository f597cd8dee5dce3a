import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const source = item as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .filter((key) => source[key] !== undefined)
        .map((key) => [key, source[key]]),
    );
  });
}

/** Fingerprint of a submission: a reused Idempotency-Key must come with the same request. */
export function requestHash(cluster: string, body: unknown): string {
  return createHash('sha256').update(canonicalJson({ cluster, body })).digest('hex');
}
