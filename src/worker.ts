import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { installShutdownHandlers } from './common/lifecycle/graceful-shutdown.js';
import { createLogger } from './common/logging/json-logger.js';
import { processConfigOrExit } from './config/index.js';
import { WorkerModule } from './worker.module.js';

/**
 * Worker entry point: the BullMQ processors and, when elected, the cluster-state poller; no
 * HTTP server besides the optional metrics listener (WORKER_METRICS_PORT).
 */
async function bootstrap(): Promise<void> {
  const config = processConfigOrExit();
  const logger = createLogger(config.http.logLevel, config.http.logFormat);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  installShutdownHandlers(app, logger);
  try {
    await app.init();
  } catch (error) {
    // E.g. the metrics port is taken: say so in one line, resign whatever was started, exit 1.
    logger.error(`S9S worker failed to start: ${String(error)}`, undefined, 'Bootstrap');
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  logger.log('S9S worker started', 'Bootstrap');
}

void bootstrap();
