export { AllExceptionsFilter, envelopeOf, sendError } from './all-exceptions.filter.js';
export { ApiError, type ApiErrorOptions, type ErrorDetails } from './api-error.js';
export { assertUnreachable, ErrorCode, errorCodeOfStatus, httpStatusOf } from './error-code.js';
export type { ErrorEnvelope } from './error-envelope.js';
export { slurmErrorToApi, type SlurmErrorContext } from './slurm-error.mapper.js';
export { routeNotFound, toApiError } from './to-api-error.js';
export {
  createValidationPipe,
  flattenValidationErrors,
  validationError,
  type FieldError,
} from './validation.js';
