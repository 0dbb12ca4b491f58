import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { ProjectsModule } from '../projects/projects.module';
import { PointAppender } from './point-appender';
import { RunEvaluationsRepository } from './run-evaluations.repository';
import { RunEvaluationsService } from './run-evaluations.service';
import { RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';

@Module({
  imports: [ProjectsModule, ProgressModule],
  controllers: [RunsController],
  providers: [RunsRepository, PointAppender, RunsService, RunEvaluationsRepository, RunEvaluationsService],
})
export class RunsModule {}
