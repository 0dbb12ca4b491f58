import { Module } from '@nestjs/common';
import { TrialsController } from './trials.controller';
import { TrialsRepository } from './trials.repository';
import { TrialsService } from './trials.service';

@Module({ controllers: [TrialsController], providers: [TrialsRepository, TrialsService] })
export class TrialsModule {}
