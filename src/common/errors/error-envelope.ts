import type { ErrorCode } from './error-code.js';
import type { ErrorDetails } from './api-error.js';

/** The body of every error response (spec: "Error Response Format"). */
export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: string;
    details: ErrorDetails;
    request_id: string;
    timestamp: string;
  };
}
