import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobActionsService } from './actions/job-actions.service.js';
import { JobsBulkService } from './bulk/jobs-bulk.service.js';
import { JobHistoryReader } from './history/job-history.reader.js';
import { JobLocator } from './job-locator.js';
import { JobOutputController } from './job-output.controller.js';
import { JobsBulkController } from './jobs-bulk.controller.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { JobOutputService } from './output/job-output.service.js';
import { JobSubmissionEntity } from './submit/job-submission.entity.js';
import { JobSubmissionsService } from './submit/job-submissions.service.js';
import { JobSubmitService } from './submit/job-submit.service.js';
import { SubmitOutcomeResolver } from './submit/submit-outcome.resolver.js';

/** The Jobs API: reads from the cluster snapshot and accounting, submissions, actions, output. */
@Module({
  imports: [TypeOrmModule.forFeature([JobSubmissionEntity])],
  // Bulk first: its static path must not be taken for a job id.
  controllers: [JobsBulkController, JobsController, JobOutputController],
  providers: [
    JobLocator,
    JobHistoryReader,
    JobsService,
    JobSubmissionsService,
    JobSubmitService,
    SubmitOutcomeResolver,
    JobActionsService,
    JobsBulkService,
    JobOutputService,
  ],
  exports: [JobLocator, JobActionsService, JobOutputService],
})
export class JobsModule {}
