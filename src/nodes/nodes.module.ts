import { Module } from '@nestjs/common';
import { NodeAdminService } from './node-admin.service.js';
import { NodeResumeModule } from './node-resume.module.js';
import { NodesController } from './nodes.controller.js';
import { NodesService } from './nodes.service.js';

@Module({
  imports: [NodeResumeModule],
  controllers: [NodesController],
  providers: [NodesService, NodeAdminService],
})
export class NodesModule {}
