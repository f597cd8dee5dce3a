import type { IncomingMessage } from 'node:http';
import {
  failureFromResponse,
  isFailure,
  upstreamErrors,
  upstreamWarnings,
} from '../errors/upstream.js';
import { SlurmError } from '../slurm.error.js';
import { JsonArraySplitter } from '../stream/json-array-splitter.js';
import { HttpTransport, type HttpMethod, type TransportRequest } from './http-transport.js';

export type Json = Record<string, unknown>;

export interface CallOptions {
  method?: HttpMethod;
  query?: TransportRequest['query'];
  body?: unknown;
  /** Longer deadline for list calls. */
  list?: boolean;
  /**
   * Accept a 2xx answer despite errors[] when this returns true (e.g. a submit that
   * returned a job id); the error items are then reported as warnings.
   */
  tolerate?: (body: Json) => boolean;
  /** Never send twice, not even after a connection reset (see TransportRequest.sendOnce). */
  sendOnce?: boolean;
}

export interface JsonResult {
  status: number;
  /** Parsed body; null for 304 or an empty body. */
  body: Json | null;
  warnings: string[];
}

export interface StreamResult {
  status: number;
  /** The object without the streamed array (meta, errors, warnings, last_update ...). */
  rest: Json | null;
  warnings: string[];
  count: number;
}

export interface SlurmHttpOptions {
  timeoutMs: number;
  listTimeoutMs: number;
}

/** Longest stretch of list parsing between two turns of the event loop. */
const SLICE_MS = 10;

function parseBody(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isJsonObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * slurmrestd calls for one cluster and one acting user: JSON in and out, every failure
 * (HTTP status, errors[] inside a 200, bodies that are not JSON) turned into a SlurmError.
 */
export class SlurmHttp {
  constructor(
    private readonly transport: HttpTransport,
    private readonly actAs: string,
    private readonly options: SlurmHttpOptions,
  ) {}

  get cluster(): string {
    return this.transport.cluster;
  }

  /** Same connection, another acting user. */
  as(actAs: string): SlurmHttp {
    return new SlurmHttp(this.transport, actAs, this.options);
  }

  /** Call and parse; throws on failure. 304 (22.05 "unchanged") yields status 304, body null. */
  async json(path: string, options: CallOptions = {}): Promise<JsonResult> {
    const response = await this.transport.send(this.request(path, options), (res) =>
      HttpTransport.readText(res),
    );
    const { status } = response;
    if (status === 304) return { status, body: null, warnings: [] };
    const parsed = parseBody(response.value);
    if (status < 300 && isJsonObject(parsed) && options.tolerate?.(parsed)) {
      const notes = upstreamErrors(parsed).map((e) => e.error);
      return { status, body: parsed, warnings: [...upstreamWarnings(parsed), ...notes] };
    }
    if (isFailure(status, parsed) || (parsed !== null && !isJsonObject(parsed))) {
      throw failureFromResponse({
        cluster: this.cluster,
        httpStatus: status,
        body: parsed,
        text: response.value,
      });
    }
    const body = parsed;
    return { status, body, warnings: upstreamWarnings(body) };
  }

  /** Like json(), but hands each item of the array under `key` to `onItem` as it arrives. */
  async stream(
    path: string,
    key: string,
    onItem: (item: unknown) => void,
    options: CallOptions = {},
  ): Promise<StreamResult> {
    const request = this.request(path, { ...options, list: true });
    const response = await this.transport.send(request, (res) => this.consume(res, key, onItem));
    const { status } = response;
    if (status === 304) return { status, rest: null, warnings: [], count: 0 };
    const { rest, count, text } = response.value;
    if (isFailure(status, rest) || rest === undefined) {
      throw failureFromResponse({ cluster: this.cluster, httpStatus: status, body: rest, text });
    }
    return { status, rest, warnings: upstreamWarnings(rest), count };
  }

  private async consume(
    res: IncomingMessage,
    key: string,
    onItem: (item: unknown) => void,
  ): Promise<{ rest: Json | null | undefined; count: number; text?: string }> {
    const status = res.statusCode ?? 0;
    const type = String(res.headers['content-type'] ?? '');
    if (status === 304 || status >= 400 || !type.includes('json')) {
      const text = await HttpTransport.readText(res);
      const parsed = parseBody(text);
      return { rest: isJsonObject(parsed) || parsed === null ? parsed : undefined, count: 0, text };
    }
    const splitter = new JsonArraySplitter(key, onItem);
    try {
      // Buffered chunks are handed out in microtasks, which never let timers or other
      // requests run: give the event loop a turn every few milliseconds of work.
      let sliceStart = performance.now();
      for await (const chunk of res) {
        splitter.write(chunk as Buffer);
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      return { rest: splitter.end(), count: splitter.items };
    } catch (err) {
      // Socket errors stay as they are (the transport reports them as 'unavailable').
      if (err instanceof SlurmError || (err as NodeJS.ErrnoException).code !== undefined) {
        throw err;
      }
      throw new SlurmError({
        kind: 'internal',
        message: `Unreadable slurmrestd answer: ${(err as Error).message}`,
        cluster: this.cluster,
        httpStatus: status,
        cause: err,
      });
    }
  }

  private request(path: string, options: CallOptions): TransportRequest {
    return {
      method: options.method ?? 'GET',
      path,
      query: options.query,
      body: options.body,
      actAs: this.actAs,
      timeoutMs: options.list ? this.options.listTimeoutMs : this.options.timeoutMs,
      sendOnce: options.sendOnce,
    };
  }
}
