import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Contract } from '../common/contract';
import { type THealth, ZHealth } from '../common/schemas';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** GET /health: PostgreSQL and Redis round trips; 503 when either fails. */
  @Get()
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
}
