import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { LoggerModule, type Params } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { ArchitecturesModule } from './architectures/architectures.module';
import { CompareModule } from './compare/compare.module';
import { ApiErrorFilter } from './common/api-error.filter';
import type { TApiConfig } from './config';
import { DatasetsModule } from './datasets/datasets.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { HealthModule } from './health/health.module';
import { InfraModule } from './infra/infra.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { LeaderboardModule } from './leaderboard/leaderboard.module';
import { MetricsModule } from './metrics/metrics.module';
import { ModelsModule } from './models/models.module';
import { ProgressModule } from './progress/progress.module';
import { ProjectsModule } from './projects/projects.module';
import { RegistryModule } from './registry/registry.module';
import { RunsModule } from './runs/runs.module';
import { RunArtifactsModule } from './run-artifacts/run-artifacts.module';
import { TrialsModule } from './trials/trials.module';

@Module({})
export class AppModule {
  static forRoot(config: TApiConfig, logging: Params): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(config),
        LoggerModule.forRoot(logging),
        MetricsModule,
        DiscoveryModule,
        ProjectsModule,
        AuthModule,
        DatasetsModule,
        ArchitecturesModule,
        ExperimentsModule,
        TrialsModule,
        RunsModule,
        LeaderboardModule,
        CompareModule,
        ModelsModule,
        RegistryModule,
        RunArtifactsModule,
        LifecycleModule,
        ProgressModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }],
    };
  }
}
