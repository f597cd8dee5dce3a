import { SetMetadata } from '@nestjs/common';

export const HOT_READ_KEY = 's9s:hot-read';

/**
 * Marks a `@Get()` route without path parameters as a hot read: the hot-read router
 * (HotReadsRouter) answers it before Express and Nest see the request, after the same
 * authentication, rate limit, authorization and query validation. The handler's contract:
 * its parameters are `(query: QueryDto, res)`, it only calls `res.setHeader`, and it resolves
 * to the response body as a JSON string (sendJsonBody) with an `ETag` header. Whatever the
 * router cannot answer itself (a failure, a 401/403/429, a query seen for the first time that
 * fails validation) continues through Express as usual.
 */
export const HotRead = (): MethodDecorator => SetMetadata(HOT_READ_KEY, true);
