import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error.js';
import { ErrorCode } from './error-code.js';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Nested class-validator errors → a flat list, with dotted paths ("options.force"). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationError(errors: ValidationError[]): ApiError {
  const fields = flattenValidationErrors(errors);
  const summary = fields
    .slice(0, 3)
    .map((f) => f.messages[0])
    .join('; ');
  return new ApiError(ErrorCode.VALIDATION_ERROR, `Request validation failed: ${summary}`, {
    fields,
  });
}

/** Distinct query strings remembered per query DTO class. */
const QUERY_CACHE_SIZE = 500;

/**
 * The global pipe: strips nothing silently (unknown fields are errors) and converts types.
 * A query string that passed once is not validated again: the same dashboards and scripts
 * send the same few queries over and over, and validating one costs more than serving a
 * cached page. The remembered DTO is frozen, so no handler can change it for the next
 * request; failures are never remembered.
 */
export class GatewayValidationPipe extends ValidationPipe {
  private readonly queries = new WeakMap<object, Map<string, unknown>>();

  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationError,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type !== 'query' || typeof metatype !== 'function' || !isPlainObject(value)) {
      return super.transform(value, metadata);
    }
    let cache = this.queries.get(metatype);
    if (!cache) {
      cache = new Map();
      this.queries.set(metatype, cache);
    }
    const key = JSON.stringify(value);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const dto: unknown = await super.transform(value, metadata);
    if (dto !== null && typeof dto === 'object') Object.freeze(dto);
    if (cache.size >= QUERY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, dto);
    return dto;
  }
}

/** Query objects as Express parses them: string values (or arrays of strings) only. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe();
}
