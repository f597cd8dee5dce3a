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

/** Random per process, so ids from several API processes never collide. */
const PROCESS_PART = randomBytes(9).toString('base64url');
let sequence = 0;

/**
 * "req_" + 12 random characters naming this process + a sequence number: unique across
 * processes and restarts without drawing random bytes for every request.
 */
export function newRequestId(): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  return `req_${PROCESS_PART}${sequence.toString(36).padStart(8, '0')}`;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A client's X-Request-Id is kept when it is short and plain; anything else is replaced. */
export function acceptRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : newRequestId();
}
