import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { installShutdownHandlers } from './common/lifecycle/graceful-shutdown.js';
import { createLogger } from './common/logging/json-logger.js';
import { processConfigOrExit } from './config/index.js';
import { WorkerModule } from './worker.module.js';

/** Worker entry point: the BullMQ processors, no HTTP server. */
async function bootstrap(): Promise<void> {
  const config = processConfigOrExit();
  const logger = createLogger(config.http.logLevel, config.http.logFormat);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  installShutdownHandlers(app, logger);
  await app.init();
  logger.log('S9S worker started', 'Bootstrap');
}

void bootstrap();
