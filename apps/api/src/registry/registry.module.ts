import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ProjectsModule } from '../projects/projects.module';
import { RegistryController } from './registry.controller';
import { RegistryRepository } from './registry.repository';
import { RegistryService } from './registry.service';

@Module({
  imports: [ModelsModule, ProjectsModule],
  controllers: [RegistryController],
  providers: [RegistryRepository, RegistryService],
  // experiments resolve a fine-tune's baseModel through it
  exports: [RegistryService],
})
export class RegistryModule {}
