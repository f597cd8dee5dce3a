import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { httpsOptionsFor, installAuth } from './auth/auth.install.js';
import { jsonBodyParsers } from './common/http/body-parsers.js';
import { notFoundHandler } from './common/http/not-found.handler.js';
import {
  accessLogMiddleware,
  API_PREFIX,
  PREFIX_EXCLUDED_ROUTES,
  requestIdMiddleware,
} from './common/http/index.js';
import { HotReadsRouter } from './hot-reads/hot-reads.router.js';
import { installShutdownHandlers } from './common/lifecycle/graceful-shutdown.js';
import { createLogger } from './common/logging/json-logger.js';
import { processConfigOrExit, type ConfigValues } from './config/index.js';
import { setupOpenApi } from './openapi/index.js';

/** HTTP pipeline: request id → access log → body parsers → /v1 routes, docs. */
export function configureHttp(app: NestExpressApplication, config: ConfigValues): void {
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware);
  for (const parser of jsonBodyParsers(config.http.bodyLimitBytes)) app.use(parser);
  app.setGlobalPrefix(API_PREFIX, { exclude: PREFIX_EXCLUDED_ROUTES });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  installAuth(app);
  setupOpenApi(app);
}

async function bootstrap(): Promise<void> {
  const config = processConfigOrExit();
  const logger = createLogger(config.http.logLevel, config.http.logFormat);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger,
    bodyParser: false,
    httpsOptions: httpsOptionsFor(config.auth.tls),
  });
  configureHttp(app, config);
  installShutdownHandlers(app, logger);
  // Routes are registered by init(); the catch-all must come after them.
  await app.init();
  app.use(notFoundHandler);
  if (config.http.hotReads) app.get(HotReadsRouter).install(app.getHttpServer());
  await app.listen(config.http.port, config.http.host);
  logger.log(`S9S API listening on http://${config.http.host}:${config.http.port}`, 'Bootstrap');
}

void bootstrap();
