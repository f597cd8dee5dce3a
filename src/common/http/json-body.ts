import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Where a handler puts response headers: an Express response, or the hot-read router's. */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
  /** Takes the serialized body itself, when the sink can send its encoded bytes as they are. */
  takeJsonBody?(body: JsonBody): void;
}

/** A response body serialized once, with its entity tag, ready to be sent many times. */
export interface JsonBody {
  text: string;
  /** `text` encoded as UTF-8, once. */
  encoded: Buffer;
  etag: string;
  bytes: number;
}

export function toJsonBody(value: unknown): JsonBody {
  const text = JSON.stringify(value);
  const encoded = Buffer.from(text, 'utf8');
  const digest = createHash('sha1').update(encoded).digest('base64url');
  return { text, encoded, etag: `W/"${digest}"`, bytes: encoded.length };
}

/**
 * Prepares `res` to send `body` as JSON (the handler then returns `body.text`): the entity tag
 * is set here, so Express neither hashes the body again nor misses a conditional request
 * (If-None-Match → 304 Not Modified).
 */
export function sendJsonBody(res: HeaderSink, body: JsonBody): string {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', body.etag);
  res.takeJsonBody?.(body);
  return body.text;
}

/**
 * Whether a conditional GET can be answered 304 Not Modified: its If-None-Match names `etag`
 * (weak comparison, RFC 9110 §13.1.2) and it does not ask to bypass caches — the rule Express
 * applies (its `fresh` dependency) for responses without Last-Modified.
 */
export function notModified(headers: IncomingHttpHeaders, etag: string): boolean {
  const condition = headers['if-none-match'];
  if (condition === undefined || condition === '') return false;
  const cacheControl = headers['cache-control'];
  if (cacheControl !== undefined && /(?:^|,)\s*no-cache\s*(?:,|$)/.test(cacheControl)) return false;
  if (condition.trim() === '*') return true;
  const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return condition.split(',').some((tag) => opaque(tag.trim()) === opaque(etag));
}

/** Memory a cached body holds: its text and its encoded bytes. */
function held(body: JsonBody): number {
  return 2 * body.bytes;
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
        this.bytes += held(hit.body);
        return hit.body;
      }
    }
    const body = toJsonBody(build());
    if (held(body) <= this.maxBytes) {
      this.entries.set(key, { stamp, body });
      this.bytes += held(body);
      for (const [oldKey, old] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.remove(oldKey, old);
      }
    }
    return body;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= held(entry.body);
  }
}
