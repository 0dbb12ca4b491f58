import { Controller, Get, Header } from '@nestjs/common';
import { Contract } from '../common/contract';
import { MetricsService } from './metrics.service';
import { Access } from '../auth/access.decorator';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** GET /metrics: Prometheus text exposition of the API's metrics (see README, Deploy). */
  @Get()
  @Access('admin')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Contract({
    summary: 'Prometheus metrics',
    description: 'Request durations by route and status, the training queue by state, SSE clients, process metrics.',
    tags: ['operations'],
    responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain; version=0.0.4' } },
  })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
