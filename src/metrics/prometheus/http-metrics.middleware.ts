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

type Labels = { method: string; route: string; status: string };

/** Counts and times every request by method, route template and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  /** The counter and histogram of each label set seen, so a request does not hash labels. */
  private readonly series = new Map<
    string,
    { count: { inc(): void }; duration: { observe(value: number): void } }
  >();

  constructor(private readonly metrics: PrometheusMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.observeWhenFinished(res, req.method, () => routeLabel(req));
    next();
  }

  /** Counts and times `res` once it is finished; `route` is asked then (routing is done). */
  observeWhenFinished(res: ServerResponse, method: string, route: () => string): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const series = this.seriesOf({ method, route: route(), status: String(res.statusCode) });
      series.count.inc();
      series.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    });
  }

  private seriesOf(labels: Labels) {
    const key = `${labels.method} ${labels.status} ${labels.route}`;
    let series = this.series.get(key);
    if (series === undefined) {
      // Label sets are bounded: methods × route templates ("unmatched" for the rest) × statuses.
      series = {
        count: this.metrics.httpRequests.labels(labels),
        duration: this.metrics.httpDuration.labels(labels),
      };
      this.series.set(key, series);
    }
    return series;
  }
}
