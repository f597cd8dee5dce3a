import { createHash } from 'node:crypto';
import type { Response } from 'express';

/** A response body serialized once, with its entity tag, ready to be sent many times. */
export interface JsonBody {
  text: string;
  etag: string;
  bytes: number;
}

export function toJsonBody(value: unknown): JsonBody {
  const text = JSON.stringify(value);
  const digest = createHash('sha1').update(text).digest('base64url');
  return { text, etag: `W/"${digest}"`, bytes: Buffer.byteLength(text) };
}

/**
 * Prepares `res` to send `body` as JSON (the handler then returns `body.text`): the entity tag
 * is set here, so Express neither hashes the body again nor misses a conditional request
 * (If-None-Match → 304 Not Modified).
 */
export function sendJsonBody(res: Response, body: JsonBody): string {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', body.etag);
  return body.text;
}

interface Entry {
  stamp: string;
  body: JsonBody;
}

/**
 * Serialized answers by request key, each valid while its `stamp` (e.g. snapshot version +
 * clock second) is current; least recently used entries go first once `maxBytes` is reached.
 * Many clients asking for the same page then share one selection, one serialization and one
 * hash.
 */
export class JsonBodyCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string, stamp: string, build: () => unknown): JsonBody {
    const hit = this.entries.get(key);
    if (hit) {
      this.remove(key, hit);
      if (hit.stamp === stamp) {
        this.entries.set(key, hit);
        this.bytes += hit.body.bytes;
        return hit.body;
      }
    }
    const body = toJsonBody(build());
    if (body.bytes <= this.maxBytes) {
      this.entries.set(key, { stamp, body });
      this.bytes += body.bytes;
      for (const [oldKey, old] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.remove(oldKey, old);
      }
    }
    return body;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.bytes;
  }
}
