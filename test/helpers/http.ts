/** A small HTTP client for e2e specs (global fetch), and the error envelope assertion. */
import { expect } from '@jest/globals';

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read arbitrary JSON
  body: any;
  text: string;
}

export interface Auth {
  apiKey?: string;
  bearer?: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as is (e.g. malformed JSON); `body` is ignored then. */
  raw?: string;
}

export interface HttpClient {
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<HttpResponse>;
  get(path: string, options?: RequestOptions): Promise<HttpResponse>;
  post(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResponse>;
  put(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResponse>;
  patch(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResponse>;
  del(path: string, options?: RequestOptions): Promise<HttpResponse>;
}

export function client(baseUrl: string, auth: Auth = {}): HttpClient {
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<HttpResponse> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth.apiKey) headers['x-api-key'] = auth.apiKey;
    if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
    let payload: string | undefined = options.raw;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    let parsed: unknown = text;
    if (isJson && text !== '') parsed = JSON.parse(text);
    return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, text };
  };
  return {
    request,
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body, options) => request('POST', path, body, options),
    put: (path, body, options) => request('PUT', path, body, options),
    patch: (path, body, options) => request('PATCH', path, body, options),
    del: (path, options) => request('DELETE', path, undefined, options),
  };
}

/** The response is the spec's error envelope with this status and code. */
export function expectEnvelope(res: HttpResponse, status: number, code: string): void {
  // Compared together so a failure shows the whole body.
  expect({ status: res.status, code: res.body?.error?.code, body: res.body }).toEqual({
    status,
    code,
    body: res.body,
  });
  const error = res.body.error;
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(typeof error.details).toBe('object');
  expect(error.details).not.toBeNull();
  expect(error.request_id).toBe(res.headers['x-request-id']);
  expect(error.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
}
