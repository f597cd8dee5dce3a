export { accessLogMiddleware } from './access-log.middleware.js';
export { ClusterQueryDto } from './cluster-query.dto.js';
export { API_PREFIX, PREFIX_EXCLUDED_ROUTES } from './global-prefix.js';
export {
  acceptRequestId,
  currentRequestId,
  newRequestId,
  requestContext,
  type RequestContext,
} from './request-context.js';
export { REQUEST_ID_HEADER, requestIdMiddleware } from './request-id.middleware.js';
