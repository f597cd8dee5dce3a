import { Global, Module } from '@nestjs/common';
import { ClusterStateService } from './cluster-state.service.js';

/** Live job and node snapshots per cluster, for every module (global). */
@Global()
@Module({ providers: [ClusterStateService], exports: [ClusterStateService] })
export class ClusterStateModule {}
