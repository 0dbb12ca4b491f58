import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';

export const DEFAULT_PROJECT_SLUG = 'default';

@Injectable()
export class ProjectsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The default project, created on first use; safe when two API processes start at once. */
  async ensureDefault(): Promise<{ id: string }> {
    return this.prisma.project.upsert({
      where: { slug: DEFAULT_PROJECT_SLUG },
      create: { slug: DEFAULT_PROJECT_SLUG, name: 'Default project' },
      update: {},
      select: { id: true },
    });
  }
}
