import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ProjectsModule } from '../projects/projects.module';
import { RegistryController } from './registry.controller';
import { RegistryRepository } from './registry.repository';
import { RegistryService } from './registry.service';

@Module({ imports: [ModelsModule, ProjectsModule], controllers: [RegistryController], providers: [RegistryRepository, RegistryService] })
export class RegistryModule {}
