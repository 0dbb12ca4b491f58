import { Inject, Injectable } from '@nestjs/common';
import { projectOrBuiltinWhere } from '../common/project-scope.sql';
import type { TDatasetWarning } from '@atelier/domain';
import type { PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import type { BuiltinDatasetInfo } from '@atelier/ml/data/builtin-datasets';

@Injectable()
export class DatasetsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Inserts or refreshes a builtin dataset row; idempotent, keyed on the dataset key. */
  async upsertBuiltin(seed: BuiltinDatasetInfo): Promise<void> {
    const data = {
      name: seed.name,
      kind: 'builtin',
      format: 'idx',
      classNames: [...seed.classNames],
      trainSize: seed.trainSize,
      testSize: seed.testSize,
      imageShape: [...seed.imageShape],
      // builtins are looked up at run time (dataset directories, system copy, download cache)
      storagePath: null,
      checksums: Object.fromEntries(seed.files.map((file) => [file.name, { md5: file.gzipMd5, contentMd5: file.contentMd5 }])),
    };
    await this.prisma.dataset.upsert({ where: { key: seed.key }, create: { key: seed.key, ...data }, update: data });
  }

  findByKey(key: string) {
    return this.prisma.dataset.findUnique({ where: { key } });
  }

  /** Inserts an imported dataset's row; its files are already in place (see DatasetImportService). */
  createImported(data: {
    key: string;
    name: string;
    format: 'idx' | 'csv';
    classNames: string[];
    trainSize: number;
    testSize: number;
    imageShape: [number, number, number];
    storagePath: string;
    checksums: Record<string, { md5: string; bytes: number }>;
    warnings: TDatasetWarning[];
    projectId: string;
  }) {
    return this.prisma.dataset.create({ data: { ...data, kind: 'imported' } });
  }

  /** The builtins and the imports of these projects (null: every project). */
  findAll(projectIds: readonly string[] | null = null) {
    return this.prisma.dataset.findMany({ where: projectOrBuiltinWhere(projectIds), orderBy: [{ kind: 'asc' }, { key: 'asc' }] });
  }
}

export type DatasetRow = Awaited<ReturnType<DatasetsRepository['findAll']>>[number];
