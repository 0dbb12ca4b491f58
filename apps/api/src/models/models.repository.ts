import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { LIVE_ARTIFACT } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';
import { ARTIFACT_META_SELECT } from '../trials/trial-outputs.repository';

@Injectable()
export class ModelsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** A model artifact without its bytes, or null. */
  findMeta(id: string) {
    return this.prisma.artifact.findFirst({ where: { id, kind: 'model', ...LIVE_ARTIFACT }, select: ARTIFACT_META_SELECT });
  }

  /**
   * The zip bytes with what names the download (the experiment's name, the trial's number and
   * name) and the trial's architecture spec, whose kind tells a KNN baseline from a network.
   */
  findContent(id: string) {
    return this.prisma.artifact.findFirst({
      where: { id, kind: 'model', ...LIVE_ARTIFACT },
      select: {
        id: true,
        sha256: true,
        content: true,
        experiment: { select: { name: true } },
        trial: { select: { number: true, name: true, architecture: { select: { key: true, spec: true } } } },
      },
    });
  }
}
