export { ApiErrors } from './api-errors.decorator.js';
export { ErrorEnvelopeDto } from './error-envelope.schema.js';
export { buildOpenApiDocument, OAUTH_SCOPES, setupOpenApi } from './openapi.setup.js';
