import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { SlurmGatewayOptions } from './config.js';

export const {
  ConfigurableModuleClass: SlurmGatewayConfigurableModule,
  MODULE_OPTIONS_TOKEN: SLURM_GATEWAY_OPTIONS,
  OPTIONS_TYPE: SLURM_GATEWAY_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SLURM_GATEWAY_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<SlurmGatewayOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
