/** @app/slurm-gateway: the only code that speaks slurmrestd. */
export * from './model/index.js';
export * from './config.js';
export * from './slurm.error.js';
export type { SlurmClient } from './slurm-client.js';
export { SlurmGateway } from './slurm-gateway.js';
export { SlurmGatewayModule } from './slurm-gateway.module.js';
export { SLURM_GATEWAY_OPTIONS } from './slurm-gateway.module-definition.js';
