import { Module } from '@nestjs/common';
import { ModelCache } from './model-cache';
import { ModelsController } from './models.controller';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';
import { TfRuntime } from './tf-runtime';

@Module({
  controllers: [ModelsController],
  providers: [ModelsRepository, ModelsService, ModelCache, TfRuntime],
  exports: [TfRuntime, ModelCache, ModelsService],
})
export class ModelsModule {}
