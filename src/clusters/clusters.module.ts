import { Global, Module } from '@nestjs/common';
import { ClustersController } from './clusters.controller.js';
import { ClustersService } from './clusters.service.js';

/** Global: every domain resolves `?cluster=` through ClustersService. */
@Global()
@Module({
  controllers: [ClustersController],
  providers: [ClustersService],
  exports: [ClustersService],
})
export class ClustersModule {}
