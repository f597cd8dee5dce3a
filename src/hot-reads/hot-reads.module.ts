import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { HotReadsRouter } from './hot-reads.router.js';

/** The hot-read router (see HotReadsRouter); main.ts installs it on the HTTP server. */
@Module({
  imports: [DiscoveryModule, AuthModule, MetricsModule],
  providers: [HotReadsRouter],
  exports: [HotReadsRouter],
})
export class HotReadsModule {}
