import type { INestApplicationContext, LoggerService } from '@nestjs/common';

const FORCE_EXIT_AFTER_MS = 15_000;

/**
 * SIGTERM/SIGINT → close the application (HTTP server, queues, connections; lifecycle hooks
 * run) and exit 0; exit 1 if closing fails or takes longer than 15 s.
 * Used instead of `enableShutdownHooks()`, which re-raises the signal and so never exits 0.
 */
export function installShutdownHandlers(app: INestApplicationContext, logger: LoggerService): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`, 'Shutdown');
    const force = setTimeout(() => {
      logger.error('Shutdown took too long: exiting', undefined, 'Shutdown');
      process.exit(1);
    }, FORCE_EXIT_AFTER_MS);
    force.unref();
    app.close().then(
      () => {
        logger.log('Shutdown complete', 'Shutdown');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`, undefined, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
