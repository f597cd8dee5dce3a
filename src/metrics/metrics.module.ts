import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountingReader } from './accounting.reader.js';
import { ClusterMetricsService } from './cluster-metrics.service.js';
import { EfficiencyService } from './efficiency.service.js';
import { MetricSample } from './metric-sample.entity.js';
import { MetricsController } from './metrics.controller.js';
import { PerformanceService } from './performance.service.js';
import { HttpMetricsMiddleware } from './prometheus/http-metrics.middleware.js';
import { PrometheusCollector } from './prometheus/prometheus.collector.js';
import { PrometheusController } from './prometheus/prometheus.controller.js';
import { PrometheusCoreModule } from './prometheus/prometheus-core.module.js';
import { MetricsSampler } from './sampler/metrics-sampler.service.js';

/**
 * Metrics: cluster statistics, the sampled time series, seff efficiency (/v1/metrics/*) and
 * the Prometheus exposition (/metrics). PrometheusMetrics (from PrometheusCoreModule) is
 * exported for modules that own a series (e.g. the WebSocket gateway's connection gauge).
 */
@Module({
  imports: [TypeOrmModule.forFeature([MetricSample]), PrometheusCoreModule],
  controllers: [MetricsController, PrometheusController],
  providers: [
    AccountingReader,
    ClusterMetricsService,
    PerformanceService,
    EfficiencyService,
    MetricsSampler,
    PrometheusCollector,
  ],
  exports: [PrometheusCoreModule],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
