import type { ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PrometheusMetrics } from './prometheus-metrics.js';

/** The route template of a request ("/v1/jobs/:job_id"); "unmatched" when no route matched. */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return path.startsWith('/') ? path : `${req.baseUrl}/${path}`;
}

/** Counts and times every request by method, route template and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: PrometheusMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.observeWhenFinished(res, req.method, () => routeLabel(req));
    next();
  }

  /** Counts and times `res` once it is finished; `route` is asked then (routing is done). */
  observeWhenFinished(res: ServerResponse, method: string, route: () => string): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method, route: route(), status: String(res.statusCode) };
      this.metrics.httpRequests.inc(labels);
      this.metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
  }
}
