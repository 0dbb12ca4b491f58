import { Module } from '@nestjs/common';
import { ProgressHub } from './progress-hub';
import { ProgressPublisher } from './progress-publisher';

@Module({ providers: [ProgressHub, ProgressPublisher], exports: [ProgressHub, ProgressPublisher] })
export class ProgressModule {}
