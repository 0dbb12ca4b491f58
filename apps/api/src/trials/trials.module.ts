import { Module } from '@nestjs/common';
import { RefitJobs } from './refit-jobs';
import { TrialOutputsRepository } from './trial-outputs.repository';
import { TrialOutputsService } from './trial-outputs.service';
import { TrialTableController } from './trial-table.controller';
import { TrialTableRepository } from './trial-table.repository';
import { TrialTableService } from './trial-table.service';
import { TrialsController } from './trials.controller';
import { TrialsRepository } from './trials.repository';
import { TrialsService } from './trials.service';

@Module({
  controllers: [TrialsController, TrialTableController],
  providers: [
    TrialsRepository,
    TrialsService,
    TrialTableRepository,
    TrialTableService,
    TrialOutputsRepository,
    TrialOutputsService,
    RefitJobs,
  ],
})
export class TrialsModule {}
