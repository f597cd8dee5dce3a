import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Injectable, Logger, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, HttpAdapterHost, Reflector } from '@nestjs/core';
import { AuthMiddleware } from '../auth/auth.middleware.js';
import { routeNeeds, satisfies, type RouteNeeds } from '../auth/authorization.guard.js';
import { GatewayValidationPipe } from '../common/errors/validation.js';
import { logWhenFinished } from '../common/http/access-log.middleware.js';
import { API_PREFIX } from '../common/http/global-prefix.js';
import { notModified, type HeaderSink, type JsonBody } from '../common/http/json-body.js';
import { acceptRequestId, requestContext } from '../common/http/request-context.js';
import { REQUEST_ID_HEADER } from '../common/http/request-id.middleware.js';
import { HttpMetricsMiddleware } from '../metrics/prometheus/http-metrics.middleware.js';
import { PrometheusMetrics } from '../metrics/prometheus/prometheus-metrics.js';
import { HOT_READ_KEY } from './hot-read.decorator.js';

type HotHandler = (query: unknown, res: HeaderSink) => Promise<string>;

interface HotRoute {
  path: string;
  /** This route's s9s_http_hot_reads_total series. */
  served: { inc(): void };
  needs: RouteNeeds;
  queryType: Type;
  handler: HotHandler;
}

/** Headers (and the serialized body) a hot handler gives, kept aside until the answer is certain. */
class Headers implements HeaderSink {
  readonly values = new Map<string, string>();
  body: JsonBody | undefined;

  setHeader(name: string, value: string): void {
    this.values.set(name, value);
  }

  takeJsonBody(body: JsonBody): void {
    this.body = body;
  }
}

/**
 * Answers `@HotRead()` routes (the busiest reads: cached list pages) straight from Node's
 * request event, without Express's and Nest's per-request machinery, which costs several times
 * the serving of a cached page. It performs the same steps in the same order with the same
 * code: request id, authentication and rate limit (AuthMiddleware, counted once), the route's
 * role and scopes (the guard's rule), query validation (the global pipe's class), the
 * controller method itself, access log, HTTP metrics, ETag / 304. Anything else — another
 * route or method, missing or failing credentials, 403, 429, an invalid query, an error — is
 * handed to Express, which answers it as always (an admission made here is not counted again).
 */
@Injectable()
export class HotReadsRouter {
  private readonly logger = new Logger(HotReadsRouter.name);
  private readonly routes = new Map<string, HotRoute>();
  private readonly pipe = new GatewayValidationPipe();
  private readonly httpMetrics: HttpMetricsMiddleware;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthMiddleware,
    private readonly metrics: PrometheusMetrics,
  ) {
    this.httpMetrics = new HttpMetricsMiddleware(metrics);
  }

  get paths(): string[] {
    return [...this.routes.keys()];
  }

  /** Puts the router in front of the Express app on `server` (after `app.init()`). */
  install(server: Server): void {
    this.discover();
    const listeners = server.listeners('request') as RequestListener[];
    if (listeners.length !== 1) {
      throw new Error(`expected one request listener (Express), found ${listeners.length}`);
    }
    const [express] = listeners;
    const parseQuery = this.adapterHost.httpAdapter
      .getInstance<{
        get(setting: string): ((raw: string) => unknown) | undefined;
      }>()
      .get('query parser fn');
    server.removeListener('request', express);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '';
      const mark = url.indexOf('?');
      const route =
        req.method === 'GET' ? this.routes.get(mark < 0 ? url : url.slice(0, mark)) : undefined;
      if (route === undefined || parseQuery === undefined) {
        express(req, res);
        return;
      }
      const query = parseQuery(mark < 0 ? '' : url.slice(mark + 1));
      void this.serve(route, query, req, res).then(
        (served) => served || express(req, res),
        () => express(req, res),
      );
    });
    this.logger.log(`hot reads: ${this.paths.join(', ') || 'none'}`);
  }

  private async serve(
    route: HotRoute,
    rawQuery: unknown,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    const requestId = acceptRequestId(req.headers['x-request-id']);
    (req as IncomingMessage & { requestId?: string }).requestId = requestId;
    const admission = await this.auth.admitAuthenticated(req);
    if (admission === undefined) return false;
    AuthMiddleware.admitted(req, admission);
    const { outcome, decision } = admission;
    if (!decision.allowed || outcome.kind !== 'authenticated') return false;
    if (!satisfies(outcome.principal, route.needs)) return false;
    const query = await this.pipe
      .transform(rawQuery, { type: 'query', metatype: route.queryType })
      .catch(() => undefined);
    if (query === undefined) return false;
    const headers = new Headers();
    const body = await requestContext.run({ requestId }, () => route.handler(query, headers));
    if (res.headersSent) return true;

    route.served.inc();
    logWhenFinished(res, 'GET', route.path, requestId);
    this.httpMetrics.observeWhenFinished(res, 'GET', () => route.path);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    AuthMiddleware.rateLimitHeaders(res, admission);
    for (const [name, value] of headers.values) res.setHeader(name, value);
    const etag = headers.values.get('ETag');
    if (etag !== undefined && notModified(req.headers, etag)) {
      res.removeHeader('Content-Type');
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.statusCode = 200;
    // The body's encoded bytes when the handler handed them over (sendJsonBody), else the text.
    const bytes = headers.body?.text === body ? headers.body.encoded : body;
    res.setHeader('Content-Length', Buffer.byteLength(bytes));
    res.end(bytes);
    return true;
  }

  /** Finds the `@HotRead()` handlers of every controller. */
  private discover(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      const metatype = wrapper.metatype as Type | null;
      if (!instance || !metatype) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const method = proto[name];
        if (typeof method !== 'function' || !this.reflector.get(HOT_READ_KEY, method)) continue;
        this.add(instance, metatype, name, method as HotHandler);
      }
    }
  }

  private add(instance: object, controller: Type, name: string, handler: HotHandler): void {
    const where = `${controller.name}.${name}`;
    const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    const own = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    const params = Reflect.getMetadata('design:paramtypes', instance, name) as Type[] | undefined;
    if (verb !== RequestMethod.GET || (own !== undefined && own !== '/') || !params?.[0]) {
      throw new Error(`@HotRead() needs a @Get() route without its own path: ${where}`);
    }
    const path = `/${API_PREFIX}/${(base ?? '').replace(/^\/+|\/+$/g, '')}`;
    this.routes.set(path, {
      path,
      served: this.metrics.httpHotReads.labels({ route: path }),
      needs: routeNeeds(this.reflector, handler, controller),
      queryType: params[0],
      handler: (query, res) => handler.call(instance, query, res),
    });
  }
}
