import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  type TArchitectureLayout,
  type TArchitectureSummary,
  ZApiError,
  ZArchitectureLayout,
  ZArchitectureSummary,
  ZArchitectureSummaryRequest,
  ZCreateArchitectureRequest,
} from '@atelier/domain';
import { z } from 'zod';
import { Contract, ValidBody } from '../common/contract';
import { ArchitecturesService } from './architectures.service';
import { Access } from '../auth/access.decorator';

@Controller('architectures')
export class ArchitecturesController {
  constructor(private readonly architectures: ArchitecturesService) {}

  /** GET /architectures: every architecture, builtins first, with its parameter count. */
  @Get()
  @Access('read', { project: 'query', list: true })
  @Contract({
    summary: 'List architectures',
    tags: ['architectures'],
    responses: { 200: { description: 'Every architecture', schema: z.array(ZArchitectureSummary) } },
  })
  list(): Promise<TArchitectureSummary[]> {
    return this.architectures.list();
  }

  /** POST /architectures/summary: output shape and parameter count of every layer; writes nothing. */
  @Post('summary')
  @Access('read')
  @HttpCode(200)
  @Contract({
    summary: 'Summarise a layer list before using it',
    description:
      'The softmax classifier the model builder appends is the last row (output: true). 400 names the layer that cannot be built.',
    tags: ['architectures'],
    body: ZArchitectureSummaryRequest,
    responses: {
      200: { description: 'Per-layer output shapes and parameter counts', schema: ZArchitectureLayout },
      400: { description: 'The stack cannot be built (e.g. a pooling that shrinks its input below 1×1)', schema: ZApiError },
    },
  })
  summarize(@ValidBody() request: z.output<typeof ZArchitectureSummaryRequest>): TArchitectureLayout {
    return this.architectures.summarize(request);
  }

  /** POST /architectures: stores a custom layer list under a new key. */
  @Post()
  @Access('write', { project: 'body' })
  @Contract({
    summary: 'Create a custom architecture',
    description: 'Checked like POST /architectures/summary for 28×28×1 images and 10 classes; the key must be new.',
    tags: ['architectures'],
    body: ZCreateArchitectureRequest,
    responses: {
      201: { description: 'The stored architecture', schema: ZArchitectureSummary },
      400: { description: 'Invalid request or a stack that cannot be built', schema: ZApiError },
      409: { description: 'The key is taken', schema: ZApiError },
    },
  })
  create(@ValidBody() request: z.output<typeof ZCreateArchitectureRequest>): Promise<TArchitectureSummary> {
    return this.architectures.create(request);
  }
}
