import { Controller, Get } from '@nestjs/common';
import { type TArchitectureSummary, ZArchitectureSummary } from '@atelier/domain';
import { z } from 'zod';
import { Contract } from '../common/contract';
import { ArchitecturesService } from './architectures.service';

@Controller('architectures')
export class ArchitecturesController {
  constructor(private readonly architectures: ArchitecturesService) {}

  /** GET /architectures: every architecture, builtins first, with its parameter count. */
  @Get()
  @Contract({
    summary: 'List architectures',
    tags: ['architectures'],
    responses: { 200: { description: 'Every architecture', schema: z.array(ZArchitectureSummary) } },
  })
  list(): Promise<TArchitectureSummary[]> {
    return this.architectures.list();
  }
}
