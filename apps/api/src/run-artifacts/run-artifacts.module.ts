import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ArtifactStore } from './artifact-store';
import { RunArtifactsController } from './run-artifacts.controller';
import { RunArtifactsRepository } from './run-artifacts.repository';
import { RunArtifactsService } from './run-artifacts.service';
import { RunModelService } from './run-model.service';

/** Files and models logged to runs: the artifact store on disk, model uploads from tf.io.http. */
@Module({
  imports: [ModelsModule],
  controllers: [RunArtifactsController],
  providers: [ArtifactStore, RunArtifactsRepository, RunArtifactsService, RunModelService],
  // deleting a run must delete its files too: ArtifactStore.removeRun
  exports: [ArtifactStore],
})
export class RunArtifactsModule {}
