import 'reflect-metadata';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  type ArgumentsHost,
} from '@nestjs/common';
import { SlurmError } from '@app/slurm-gateway';
import { plainToInstance } from 'class-transformer';
import { IsInt, Max, ValidateNested, validateSync } from 'class-validator';
import { Type } from 'class-transformer';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { ApiError } from './api-error.js';
import { ErrorCode } from './error-code.js';
import type { ErrorEnvelope } from './error-envelope.js';
import { slurmErrorToApi } from './slurm-error.mapper.js';
import { validationError } from './validation.js';

interface Captured {
  status?: number;
  body: ErrorEnvelope;
  headers: Record<string, string>;
}

function run(exception: unknown): Captured {
  const captured = { headers: {} } as Captured;
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (captured.headers[name] = value),
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: ErrorEnvelope) {
      captured.body = body;
      return this;
    },
    end: () => undefined,
  };
  const req = { method: 'GET', originalUrl: '/v1/jobs/1?x=y', requestId: 'req_test' };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return captured;
}

const slurm = (kind: SlurmError['kind'], httpStatus: number | null = null) =>
  new SlurmError({
    kind,
    message: 'Invalid job id specified',
    cluster: 'main',
    errorNumber: 2017,
    httpStatus,
  });

class Inner {
  @IsInt()
  @Max(10)
  n!: number;
}
class Outer {
  @IsInt()
  limit!: number;

  @ValidateNested()
  @Type(() => Inner)
  options!: Inner;
}

describe('AllExceptionsFilter', () => {
  it('renders an ApiError as the envelope with request id and timestamp', () => {
    const out = run(ApiError.notFound('job', '99999'));
    expect(out.status).toBe(404);
    expect(out.headers['X-Request-Id']).toBe('req_test');
    expect(out.body).toEqual({
      error: {
        code: 'RESOURCE_NOT_FOUND',
        message: 'Job 99999 not found',
        details: { resource_type: 'job', resource_id: '99999' },
        request_id: 'req_test',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    });
  });

  it('turns an unknown route into RESOURCE_NOT_FOUND', () => {
    const out = run(new NotFoundException('Cannot GET /v1/jobs/1'));
    expect(out.status).toBe(404);
    expect(out.body.error).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
      message: 'No route for GET /v1/jobs/1',
    });
  });

  it.each([
    [new BadRequestException('bad'), 400, 'INVALID_REQUEST'],
    [new ForbiddenException(), 403, 'PERMISSION_DENIED'],
    [new HttpException('slow down', 429), 429, 'RATE_LIMIT_EXCEEDED'],
    [new HttpException('nope', 401), 401, 'AUTHENTICATION_FAILED'],
  ])('maps Nest HttpException %#', (exception, status, code) => {
    const out = run(exception);
    expect(out.status).toBe(status);
    expect(out.body.error.code).toBe(code);
  });

  it('answers malformed JSON with INVALID_REQUEST', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token b in JSON'), {
      status: 400,
      expose: true,
      type: 'entity.parse.failed',
    });
    const out = run(parseError);
    expect(out.status).toBe(400);
    expect(out.body.error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'Malformed JSON in request body',
    });
  });

  it('hides the internals of unexpected errors', () => {
    const out = run(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(out.status).toBe(500);
    expect(out.body.error).toMatchObject({
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
      details: {},
      request_id: 'req_test',
    });
    expect(JSON.stringify(out.body)).not.toContain('secret');
    expect(JSON.stringify(out.body)).not.toContain('TypeError');
  });

  it.each([
    ['not_found', null, 404],
    ['invalid', 400, 400],
    ['conflict', 409, 409],
    ['unavailable', null, 503],
    ['unavailable', 500, 502],
    ['unauthorized', 401, 502],
    ['internal', 500, 502],
  ] as const)('maps SlurmError %s (HTTP %s) to SLURM_ERROR %s', (kind, httpStatus, status) => {
    const out = run(slurm(kind, httpStatus));
    expect(out.status).toBe(status);
    expect(out.body.error).toMatchObject({
      code: 'SLURM_ERROR',
      message: 'Slurm cluster main: Invalid job id specified',
      details: { cluster: 'main', slurm_error: kind, slurm_error_number: 2017 },
    });
  });

  it('renders validation failures with every failing field', () => {
    const dto = plainToInstance(Outer, { limit: 'x', options: { n: 50 } });
    const out = run(validationError(validateSync(dto)));
    expect(out.status).toBe(400);
    expect(out.body.error.code).toBe('VALIDATION_ERROR');
    expect(out.body.error.details.fields).toEqual([
      { field: 'limit', messages: ['limit must be an integer number'] },
      { field: 'options.n', messages: ['n must not be greater than 10'] },
    ]);
  });

  it('keeps an ApiError status override and headers', () => {
    const error = new ApiError(
      ErrorCode.RATE_LIMIT_EXCEEDED,
      'Too many',
      {},
      {
        headers: { 'Retry-After': '30' },
      },
    );
    const out = run(error);
    expect(out.status).toBe(429);
    expect(out.headers['Retry-After']).toBe('30');
  });
});

describe('slurmErrorToApi', () => {
  it('turns not_found into RESOURCE_NOT_FOUND when the resource is known', () => {
    const error = slurmErrorToApi(slurm('not_found'), { resourceType: 'job', resourceId: '42' });
    expect(error.status).toBe(404);
    expect(error.code).toBe(ErrorCode.RESOURCE_NOT_FOUND);
    expect(error.message).toBe('Job 42 not found');
    expect(error.details).toEqual({ resource_type: 'job', resource_id: '42', cluster: 'main' });
  });

  it('keeps other kinds as SLURM_ERROR even with a context', () => {
    const error = slurmErrorToApi(slurm('conflict'), { resourceType: 'job', resourceId: '42' });
    expect(error.code).toBe(ErrorCode.SLURM_ERROR);
    expect(error.status).toBe(409);
  });
});
