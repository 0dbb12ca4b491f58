import { Module } from '@nestjs/common';
import { ArchitecturesModule } from '../architectures/architectures.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { ModelsModule } from '../models/models.module';
import { RegistryModule } from '../registry/registry.module';
import { ProgressModule } from '../progress/progress.module';
import { ProjectsModule } from '../projects/projects.module';
import { ExperimentListRepository } from './experiment-list.repository';
import { ExperimentListService } from './experiment-list.service';
import { ExperimentStatusSql } from './experiment-status.sql';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';
import { QueueReconciler } from './queue-reconciler';
import { QueuedFoldsRepository } from './queued-folds.repository';
import { TrainingJobs } from './training-jobs';
import { LeaderboardRepository } from '../leaderboard/leaderboard.repository';
import { RefitJobs } from '../trials/refit-jobs';

@Module({
  imports: [DatasetsModule, ArchitecturesModule, ProjectsModule, ProgressModule, ModelsModule, RegistryModule],
  controllers: [ExperimentsController],
  providers: [
    ExperimentStatusSql,
    ExperimentsRepository,
    ExperimentsService,
    ExperimentListRepository,
    ExperimentListService,
    TrainingJobs,
    QueuedFoldsRepository,
    QueueReconciler,
    RefitJobs,
    LeaderboardRepository,
  ],
  // the lifecycle cancels a search through it before trashing it
  exports: [ExperimentsService],
})
export class ExperimentsModule {}
