import { Module } from '@nestjs/common';
import { SlurmGateway } from './slurm-gateway.js';
import { SlurmGatewayConfigurableModule } from './slurm-gateway.module-definition.js';

/**
 * Registers {@link SlurmGateway} for the configured clusters:
 * `SlurmGatewayModule.forRoot({ clusters })` or `forRootAsync({ useFactory, inject })`,
 * with `isGlobal: true` to share it across the application.
 */
@Module({
  providers: [SlurmGateway],
  exports: [SlurmGateway],
})
export class SlurmGatewayModule extends SlurmGatewayConfigurableModule {}
