import { Inject, Injectable } from '@nestjs/common';
import { projectOrBuiltinWhere } from '../common/project-scope.sql';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import type { TArchitectureSpec } from '@atelier/domain';
import { PRISMA } from '../infra/tokens';

export interface BuiltinArchitectureRow {
  key: string;
  name: string;
  description: string;
  spec: TArchitectureSpec;
  parameterCount: number | null;
}

@Injectable()
export class ArchitecturesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Inserts or refreshes a builtin architecture; idempotent, keyed on the architecture key. */
  async upsertBuiltin(row: BuiltinArchitectureRow): Promise<void> {
    const data = { name: row.name, description: row.description, builtin: true, spec: row.spec, parameterCount: row.parameterCount };
    await this.prisma.architecture.upsert({ where: { key: row.key }, create: { key: row.key, ...data }, update: data });
  }

  /** Inserts a user's architecture; null when the key is taken (the unique index decides, so two racing requests cannot both win). */
  async createCustom(row: Omit<BuiltinArchitectureRow, 'parameterCount'> & { parameterCount: number; projectId: string }) {
    try {
      return await this.prisma.architecture.create({ data: { ...row, builtin: false } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
      throw error;
    }
  }

  /** The builtins and the custom architectures of these projects (null: every project). */
  findAll(projectIds: readonly string[] | null = null) {
    return this.prisma.architecture.findMany({ where: projectOrBuiltinWhere(projectIds), orderBy: [{ builtin: 'desc' }, { key: 'asc' }] });
  }
}

export type ArchitectureRow = Awaited<ReturnType<ArchitecturesRepository['findAll']>>[number];
