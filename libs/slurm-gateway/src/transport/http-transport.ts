import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { SlurmError } from '../slurm.error.js';
import type { TokenSource } from './token.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Path below the base URL, e.g. "/slurm/v0.0.42/jobs/". */
  path: string;
  /** Arrays become repeated parameters (`job_id=1&job_id=2`). */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** X-SLURM-USER-NAME. */
  actAs: string;
  timeoutMs: number;
  /**
   * The request must never reach slurmrestd twice (a job submission): never resent, not even
   * after a reset of a reused keep-alive socket, since slurmrestd may have acted on it.
   */
  sendOnce?: boolean;
}

export interface TransportResponse<T> {
  status: number;
  headers: IncomingHttpHeaders;
  value: T;
}

/** Reads a response body; receives the live stream. */
export type BodyConsumer<T> = (res: IncomingMessage) => Promise<T>;

export interface HttpTransportOptions {
  cluster: string;
  baseUrl: string;
  tokens: TokenSource;
  /** Extra attempts for GET after a connection failure or 502/503/504 (default 2). */
  readRetries?: number;
  retryDelayMs?: number;
  maxSockets?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** Failures that must not be retried (a timed-out read would only time out again). */
const NO_RETRY = new WeakSet<object>();

class RetryableStatus extends Error {
  constructor(readonly response: TransportResponse<unknown>) {
    super(`HTTP ${response.status}`);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * HTTP to one slurmrestd: keep-alive pool, JWT headers, a deadline on every call
 * (connect + body), retries for idempotent reads only. Failures without a response become
 * SlurmError kind 'unavailable'; responses are handed to the caller as they are.
 */
export class HttpTransport {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly client: typeof http | typeof https;
  private readonly readRetries: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    this.base = new URL(options.baseUrl);
    this.client = this.base.protocol === 'https:' ? https : http;
    const AgentClass = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    // slurmrestd closes idle connections after 5 s: drop ours a bit earlier.
    this.agent = new AgentClass({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 16,
      timeout: 4000,
    });
    this.readRetries = options.readRetries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 250;
  }

  get cluster(): string {
    return this.options.cluster;
  }

  /** Send a request and let `consume` read the body. Retries GETs on connection failures. */
  async send<T>(
    request: TransportRequest,
    consume: BodyConsumer<T>,
  ): Promise<TransportResponse<T>> {
    const attempts = request.method === 'GET' ? 1 + this.readRetries : 1;
    let authRetried = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.once(request, consume, attempt < attempts);
        if (response.status === 401 && !authRetried) {
          // A cached token may have been rejected (key rotated): mint a fresh one, once.
          authRetried = true;
          this.options.tokens.invalidate();
          attempt--;
          continue;
        }
        return response;
      } catch (err) {
        if (err instanceof RetryableStatus) {
          if (attempt < attempts) {
            await delay(this.retryDelayMs * attempt);
            continue;
          }
          return err.response as TransportResponse<T>;
        }
        const retryable =
          err instanceof SlurmError &&
          err.httpStatus === null &&
          !NO_RETRY.has(err) &&
          request.sendOnce !== true;
        const staleSocket = (err as { staleSocket?: boolean }).staleSocket === true;
        if (retryable && (attempt < attempts || (staleSocket && attempt === 1))) {
          if (!staleSocket) await delay(this.retryDelayMs * attempt);
          continue;
        }
        throw err instanceof SlurmError ? err : this.unavailable(err, request);
      }
    }
  }

  /** Read the whole body as text. */
  static async readText(res: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.agent.destroy();
  }

  private url(request: TransportRequest): URL {
    const url = new URL(request.path, this.base);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        for (const item of value as readonly string[]) url.searchParams.append(key, item);
      } else {
        url.searchParams.set(key, String(value));
      }
    }
    return url;
  }

  private async once<T>(
    request: TransportRequest,
    consume: BodyConsumer<T>,
    canRetry: boolean,
  ): Promise<TransportResponse<T>> {
    const token = await this.options.tokens.token();
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string | number> = {
      Accept: 'application/json',
      'X-SLURM-USER-TOKEN': token,
      'X-SLURM-USER-NAME': request.actAs,
    };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    return new Promise<TransportResponse<T>>((resolve, reject) => {
      let settled = false;
      let gotResponse = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = this.client.request(this.url(request), {
        method: request.method,
        headers,
        agent: this.agent,
      });
      const timer = setTimeout(() => {
        const err = new SlurmError({
          kind: 'unavailable',
          message: `slurmrestd did not answer ${request.method} ${request.path} within ${request.timeoutMs} ms`,
          cluster: this.cluster,
        });
        NO_RETRY.add(err);
        finish(() => reject(err));
        req.destroy(err);
      }, request.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        const failure = this.unavailable(err, request);
        // Node's advice: a reused keep-alive socket closed by the server may be retried.
        if (!gotResponse && req.reusedSocket && err.code === 'ECONNRESET') {
          Object.assign(failure, { staleSocket: true });
        }
        finish(() => reject(failure));
      });
      req.on('response', (res) => {
        gotResponse = true;
        const status = res.statusCode ?? 0;
        if (canRetry && RETRYABLE_STATUS.has(status)) {
          res.resume();
          const response = { status, headers: res.headers, value: undefined };
          finish(() => reject(new RetryableStatus(response)));
          return;
        }
        consume(res).then(
          (value) => finish(() => resolve({ status, headers: res.headers, value })),
          (err: unknown) => {
            res.destroy();
            finish(() =>
              reject(err instanceof SlurmError ? err : this.unavailable(err, request, status)),
            );
          },
        );
      });
      req.end(payload);
    });
  }

  private unavailable(err: unknown, request: TransportRequest, status?: number): SlurmError {
    const code = (err as NodeJS.ErrnoException).code;
    const detail = code ?? (err instanceof Error ? err.message : String(err));
    return new SlurmError({
      kind: 'unavailable',
      message: `slurmrestd ${this.base.host} failed on ${request.method} ${request.path}: ${detail}`,
      cluster: this.cluster,
      httpStatus: status ?? null,
      cause: err,
    });
  }
}
