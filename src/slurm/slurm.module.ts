import { Global, Module } from '@nestjs/common';
import { SlurmGatewayModule } from '@app/slurm-gateway';
import { AppConfig } from '../config/index.js';

/** The Slurm gateway for the configured clusters, injectable everywhere as `SlurmGateway`. */
@Global()
@Module({
  imports: [
    SlurmGatewayModule.forRootAsync({
      isGlobal: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ clusters: config.clusters }),
    }),
  ],
  exports: [SlurmGatewayModule],
})
export class SlurmModule {}
