import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** The global pipe: strips nothing silently (unknown fields are errors) and converts types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationError,
  });
}
