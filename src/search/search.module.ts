import { Module } from '@nestjs/common';
import { PartitionsModule } from '../partitions/partitions.module.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';

@Module({
  imports: [PartitionsModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
