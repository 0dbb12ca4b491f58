import { Module } from '@nestjs/common';
import { ImportanceFitter } from './importance-fitter';
import { LeaderboardController } from './leaderboard.controller';
import { LeaderboardRepository } from './leaderboard.repository';
import { LeaderboardService } from './leaderboard.service';

@Module({ controllers: [LeaderboardController], providers: [LeaderboardRepository, LeaderboardService, ImportanceFitter] })
export class LeaderboardModule {}
