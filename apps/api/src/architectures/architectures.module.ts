import { Module } from '@nestjs/common';
import { ArchitecturesController } from './architectures.controller';
import { ArchitecturesRepository } from './architectures.repository';
import { ArchitecturesService } from './architectures.service';

@Module({
  controllers: [ArchitecturesController],
  providers: [ArchitecturesRepository, ArchitecturesService],
  exports: [ArchitecturesService],
})
export class ArchitecturesModule {}
