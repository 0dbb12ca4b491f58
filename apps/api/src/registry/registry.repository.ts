import { Inject, Injectable } from '@nestjs/common';
import { projectWhere } from '../common/project-scope.sql';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import { ARTIFACT_META_SELECT } from '../trials/trial-outputs.repository';

/** The name is taken in the project. */
export class RegisteredModelNameTakenError extends Error {
  override readonly name = 'RegisteredModelNameTakenError';
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const ALIAS_SELECT = { alias: true, updatedAt: true, version: { select: { version: true } } } as const;

const SUMMARY_SELECT = {
  id: true,
  name: true,
  project: { select: { slug: true, name: true } },
  description: true,
  lastVersion: true,
  createdAt: true,
  aliases: { orderBy: { alias: 'asc' }, select: ALIAS_SELECT },
  _count: { select: { versions: true } },
} as const;

const VERSION_SELECT = {
  id: true,
  version: true,
  createdAt: true,
  // the bytes, for the card inside the zip
  artifact: { select: { ...ARTIFACT_META_SELECT, content: true } },
  run: {
    select: {
      id: true,
      experimentId: true,
      number: true,
      name: true,
      params: true,
      experiment: { select: { name: true } },
      metricSummaries: { orderBy: { key: 'asc' }, select: { key: true, last: true, lastStep: true, min: true, max: true, count: true } },
    },
  },
  aliases: { orderBy: { alias: 'asc' }, select: { alias: true } },
} as const;

export type RegisteredModelSummaryRow = Prisma.RegisteredModelGetPayload<{ select: typeof SUMMARY_SELECT }>;
export type ModelVersionRow = Prisma.ModelVersionGetPayload<{ select: typeof VERSION_SELECT }>;
export type AliasRow = Prisma.ModelAliasGetPayload<{ select: typeof ALIAS_SELECT }>;

type Tx = Prisma.TransactionClient;

@Injectable()
export class RegistryRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async create(projectId: string, name: string, description: string): Promise<RegisteredModelSummaryRow> {
    try {
      return await this.prisma.registeredModel.create({ data: { projectId, name, description }, select: SUMMARY_SELECT });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RegisteredModelNameTakenError(name);
      throw error;
    }
  }

  list(projectIds: readonly string[] | null): Promise<RegisteredModelSummaryRow[]> {
    return this.prisma.registeredModel.findMany({
      where: projectWhere(projectIds),
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: SUMMARY_SELECT,
    });
  }

  /** The project of a stored model (through its run or its experiment); null: none found. */
  async modelProjectId(artifactId: string): Promise<string | null> {
    const rows = await this.prisma.$queryRaw<{ project_id: string }[]>`
      SELECT e.project_id FROM artifact a LEFT JOIN run r ON r.id = a.trial_id
      JOIN experiment e ON e.id = COALESCE(a.experiment_id, r.experiment_id) WHERE a.id = ${artifactId}::uuid`;
    return rows[0]?.project_id ?? null;
  }

  findSummary(projectId: string, name: string): Promise<RegisteredModelSummaryRow | null> {
    return this.prisma.registeredModel.findUnique({ where: { projectId_name: { projectId, name } }, select: SUMMARY_SELECT });
  }

  findId(projectId: string, name: string): Promise<{ id: string } | null> {
    return this.prisma.registeredModel.findUnique({ where: { projectId_name: { projectId, name } }, select: { id: true } });
  }

  versions(registeredModelId: string): Promise<ModelVersionRow[]> {
    return this.prisma.modelVersion.findMany({ where: { registeredModelId }, orderBy: { version: 'desc' }, select: VERSION_SELECT });
  }

  /** A stored model, without its bytes: what a version needs (and the run it came from). */
  findModel(id: string): Promise<{ id: string; trialId: string | null } | null> {
    return this.prisma.artifact.findFirst({ where: { id, kind: 'model', content: { not: null } }, select: { id: true, trialId: true } });
  }

  /** A run and its stored models, newest first; null when there is no such run. */
  async findRunModels(runId: string): Promise<{ id: string; models: { id: string; name: string | null }[] } | null> {
    const run = await this.prisma.run.findUnique({
      where: { id: runId },
      select: {
        id: true,
        artifacts: {
          where: { kind: 'model', content: { not: null } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          select: { id: true, name: true },
        },
      },
    });
    return run ? { id: run.id, models: run.artifacts } : null;
  }

  /** The next version number under the registered model's row lock, and the version, in one transaction. */
  addVersion(registeredModelId: string, artifactId: string, runId: string | null): Promise<ModelVersionRow> {
    return this.prisma.$transaction(async (tx) => {
      const { lastVersion } = await tx.registeredModel.update({
        where: { id: registeredModelId },
        data: { lastVersion: { increment: 1 } },
        select: { lastVersion: true },
      });
      return tx.modelVersion.create({ data: { registeredModelId, version: lastVersion, artifactId, runId }, select: VERSION_SELECT });
    });
  }

  /** The version with this id, when it belongs to some registered model: its model and number. */
  findVersionById(id: string): Promise<{ id: string; version: number; registeredModelId: string } | null> {
    return this.prisma.modelVersion.findUnique({ where: { id }, select: { id: true, version: true, registeredModelId: true } });
  }

  findVersionByNumber(
    registeredModelId: string,
    version: number,
  ): Promise<{ id: string; version: number; registeredModelId: string; artifactId: string } | null> {
    return this.prisma.modelVersion.findUnique({
      where: { registeredModelId_version: { registeredModelId, version } },
      select: { id: true, version: true, registeredModelId: true, artifactId: true },
    });
  }

  findAlias(registeredModelId: string, alias: string): Promise<AliasRow | null> {
    return this.prisma.modelAlias.findUnique({ where: { registeredModelId_alias: { registeredModelId, alias } }, select: ALIAS_SELECT });
  }

  /** The stored model an alias points at, with the version number. */
  async resolveAlias(registeredModelId: string, alias: string): Promise<{ artifactId: string; version: number } | null> {
    const row = await this.prisma.modelAlias.findUnique({
      where: { registeredModelId_alias: { registeredModelId, alias } },
      select: { version: { select: { version: true, artifactId: true } } },
    });
    return row ? { artifactId: row.version.artifactId, version: row.version.version } : null;
  }

  /**
   * Points the alias at the version and records the move, under the registered model's row lock
   * so that two concurrent moves are recorded in the order they took effect. A move to the version
   * the alias already names changes nothing and records nothing.
   */
  setAlias(registeredModelId: string, alias: string, version: { id: string; version: number }): Promise<AliasRow> {
    return this.prisma.$transaction(async (tx) => {
      await this.lock(tx, registeredModelId);
      const current = await tx.modelAlias.findUnique({
        where: { registeredModelId_alias: { registeredModelId, alias } },
        select: ALIAS_SELECT,
      });
      if (current?.version.version === version.version) return current;
      await tx.modelAliasEvent.create({
        data: { registeredModelId, alias, fromVersion: current?.version.version ?? null, toVersion: version.version },
      });
      return tx.modelAlias.upsert({
        where: { registeredModelId_alias: { registeredModelId, alias } },
        create: { registeredModelId, alias, versionId: version.id },
        update: { versionId: version.id, updatedAt: new Date() },
        select: ALIAS_SELECT,
      });
    });
  }

  /** Removes the alias and records it; false when there was no such alias. */
  deleteAlias(registeredModelId: string, alias: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await this.lock(tx, registeredModelId);
      const current = await tx.modelAlias.findUnique({
        where: { registeredModelId_alias: { registeredModelId, alias } },
        select: ALIAS_SELECT,
      });
      if (!current) return false;
      await tx.modelAlias.delete({ where: { registeredModelId_alias: { registeredModelId, alias } } });
      await tx.modelAliasEvent.create({ data: { registeredModelId, alias, fromVersion: current.version.version, toVersion: null } });
      return true;
    });
  }

  /**
   * Deletes a version under the registered model's row lock (so no alias moves onto it meanwhile).
   * 'aliased' (with the aliases) when an alias points at it: that alias must move first.
   */
  deleteVersion(registeredModelId: string, version: number): Promise<'deleted' | 'missing' | { aliased: string[] }> {
    return this.prisma.$transaction(async (tx) => {
      await this.lock(tx, registeredModelId);
      const row = await tx.modelVersion.findUnique({
        where: { registeredModelId_version: { registeredModelId, version } },
        select: { id: true, aliases: { select: { alias: true }, orderBy: { alias: 'asc' } } },
      });
      if (!row) return 'missing';
      if (row.aliases.length > 0) return { aliased: row.aliases.map((a) => a.alias) };
      await tx.modelVersion.delete({ where: { id: row.id } });
      return 'deleted';
    });
  }

  aliasHistory(registeredModelId: string, alias: string) {
    return this.prisma.modelAliasEvent.findMany({
      where: { registeredModelId, alias },
      // ids are taken under the row lock, so they order moves even within one millisecond
      orderBy: { id: 'asc' },
      select: { alias: true, fromVersion: true, toVersion: true, at: true },
    });
  }

  private async lock(tx: Tx, registeredModelId: string): Promise<void> {
    await tx.$queryRaw`SELECT 1 FROM "registered_model" WHERE "id" = ${registeredModelId}::uuid FOR UPDATE`;
  }
}
