import { Module } from '@nestjs/common';
import { PartitionsController } from './partitions.controller.js';
import { PartitionsService } from './partitions.service.js';

@Module({
  controllers: [PartitionsController],
  providers: [PartitionsService],
  exports: [PartitionsService],
})
export class PartitionsModule {}
