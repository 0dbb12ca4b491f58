import { Module } from '@nestjs/common';
import { AuthCacheModule } from '../auth/auth-cache.module';
import { ProjectsRepository } from './projects.repository';

@Module({ imports: [AuthCacheModule], providers: [ProjectsRepository], exports: [ProjectsRepository] })
export class ProjectsModule {}
