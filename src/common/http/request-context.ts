import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the request id middleware before anything else runs. */
    requestId: string;
  }
}

/** Carries the request id through async calls, so every log line can name it. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** "req_" + 20 random base32-ish characters. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('base64url')}`;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A client's X-Request-Id is kept when it is short and plain; anything else is replaced. */
export function acceptRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : newRequestId();
}
