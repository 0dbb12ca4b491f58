import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Contract } from '../common/contract';
import { type THealth, ZHealth } from '../common/schemas';
import { z } from 'zod';
import { HealthService } from './health.service';
import { Public } from '../auth/access.decorator';

const ZLiveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** GET /health: PostgreSQL and Redis round trips; 503 when either fails. */
  @Get()
  @Public()
  @Contract({
    summary: 'Health of the API and its dependencies',
    tags: ['health'],
    responses: {
      200: { description: 'PostgreSQL and Redis answer', schema: ZHealth },
      503: { description: 'PostgreSQL or Redis does not answer', schema: ZHealth },
    },
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<THealth> {
    const health = await this.health.check();
    response.status(health.status === 'ok' ? 200 : 503);
    return health;
  }

  /**
   * GET /health/live: the process answers (liveness). It does not ask PostgreSQL or Redis, so an
   * outage of either takes API replicas out of the load balancer (GET /health, readiness)
   * without restarting them all.
   */
  @Get('live')
  @Public()
  @Contract({
    summary: 'Liveness of the API process',
    tags: ['health'],
    responses: { 200: { description: 'The process serves requests', schema: ZLiveness } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
