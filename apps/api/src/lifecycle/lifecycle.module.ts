import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { ModelsModule } from '../models/models.module';
import { RunArtifactsModule } from '../run-artifacts/run-artifacts.module';
import { DatasetDeleteService } from './dataset-delete.service';
import {
  DatasetLifecycleController,
  ExperimentLifecycleController,
  RunLifecycleController,
  TrashController,
  UsageController,
} from './lifecycle.controller';
import { LifecycleRepository } from './lifecycle.repository';
import { LifecycleService } from './lifecycle.service';
import { TrashSweep } from './trash-sweep';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';
import { ProjectsModule } from '../projects/projects.module';

/** Archive, trash, restore and purge of experiments and runs, and the trash's retention sweep. */
@Module({
  imports: [ExperimentsModule, RunArtifactsModule, ModelsModule, ProjectsModule],
  controllers: [ExperimentLifecycleController, RunLifecycleController, TrashController, DatasetLifecycleController, UsageController],
  providers: [LifecycleRepository, LifecycleService, TrashSweep, DatasetDeleteService, UsageRepository, UsageService],
})
export class LifecycleModule {}
