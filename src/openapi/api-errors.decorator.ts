import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode, httpStatusOf } from '../common/errors/index.js';
import { ErrorEnvelopeDto } from './error-envelope.schema.js';

const MEANING: Record<ErrorCode, string> = {
  [ErrorCode.INVALID_REQUEST]: 'Malformed request (e.g. unparsable JSON)',
  [ErrorCode.AUTHENTICATION_FAILED]: 'Missing or invalid credentials',
  [ErrorCode.PERMISSION_DENIED]: 'Insufficient permissions',
  [ErrorCode.RESOURCE_NOT_FOUND]: "Resource doesn't exist",
  [ErrorCode.RESOURCE_CONFLICT]: 'Resource state conflict',
  [ErrorCode.RATE_LIMIT_EXCEEDED]: 'Too many requests',
  [ErrorCode.VALIDATION_ERROR]: 'Request validation failed',
  [ErrorCode.SLURM_ERROR]: 'Slurm backend error (400/404/409 from Slurm, 502/503/504 upstream)',
  [ErrorCode.INTERNAL_ERROR]: 'Server error',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'Service unavailable',
};

const EXAMPLE: Record<ErrorCode, { message: string; details: Record<string, unknown> }> = {
  [ErrorCode.INVALID_REQUEST]: { message: 'Malformed JSON in request body', details: {} },
  [ErrorCode.AUTHENTICATION_FAILED]: { message: 'Invalid API key', details: {} },
  [ErrorCode.PERMISSION_DENIED]: {
    message: 'Missing scope jobs:write',
    details: { required_scopes: ['jobs:write'] },
  },
  [ErrorCode.RESOURCE_NOT_FOUND]: {
    message: 'Job 99999 not found',
    details: { resource_type: 'job', resource_id: '99999' },
  },
  [ErrorCode.RESOURCE_CONFLICT]: { message: 'Job 12345 is already completed', details: {} },
  [ErrorCode.RATE_LIMIT_EXCEEDED]: { message: 'Rate limit exceeded', details: {} },
  [ErrorCode.VALIDATION_ERROR]: {
    message: 'Request validation failed: limit must not be greater than 1000',
    details: { fields: [{ field: 'limit', messages: ['limit must not be greater than 1000'] }] },
  },
  [ErrorCode.SLURM_ERROR]: {
    message: 'Slurm cluster main: Unable to contact slurmrestd',
    details: { cluster: 'main', slurm_error: 'unavailable', slurm_error_number: null },
  },
  [ErrorCode.INTERNAL_ERROR]: { message: 'Internal server error', details: {} },
  [ErrorCode.SERVICE_UNAVAILABLE]: { message: 'Database unavailable', details: {} },
};

function example(code: ErrorCode) {
  return {
    summary: code,
    value: {
      error: {
        code,
        ...EXAMPLE[code],
        request_id: 'req_abc123',
        timestamp: '2023-12-15T14:30:00Z',
      },
    },
  };
}

/**
 * Documents the error responses of a route with the envelope schema and one example per
 * code: `@ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.RESOURCE_NOT_FOUND)`.
 * SLURM_ERROR is listed under 502 and 503 (its usual statuses).
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const statuses = code === ErrorCode.SLURM_ERROR ? [502, 503] : [httpStatusOf(code)];
    for (const status of statuses) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = [...byStatus.entries()].map(([status, group]) =>
    ApiResponse({
      status,
      description: group.map((code) => `${code}: ${MEANING[code]}`).join('; '),
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(ErrorEnvelopeDto) },
          examples: Object.fromEntries(group.map((code) => [code, example(code)])),
        },
      },
    }),
  );
  return applyDecorators(ApiExtraModels(ErrorEnvelopeDto), ...responses);
}
