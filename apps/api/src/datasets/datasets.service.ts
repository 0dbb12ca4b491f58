import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { access } from 'node:fs/promises';
import { type TDatasetSummary, ZDatasetFormat, ZDatasetKind, ZDatasetWarning, ZImageShape } from '@atelier/domain';
import { z } from 'zod';
import { datasetDirs, type TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { BUILTIN_DATASETS, isBuiltinDatasetKey, resolveBuiltinDatasetFiles } from '@atelier/ml/data/builtin-datasets';
import { STORED_MANIFEST_FILE } from '@atelier/ml/data/stored-dataset';
import path from 'node:path';
import { notFound } from '../common/api-exception';
import { storedDatasetDirectory, storedDatasetsRoot } from './dataset-loader';
import { type DatasetRow, DatasetsRepository } from './datasets.repository';

// JSON columns are read back through a schema, like any other boundary.
const ZClassNames = z.array(z.string());
const ZWarnings = z.array(ZDatasetWarning);

@Injectable()
export class DatasetsService implements OnModuleInit {
  constructor(
    private readonly datasets: DatasetsRepository,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  /** Seeds the builtin datasets at start-up (idempotent). */
  async onModuleInit(): Promise<void> {
    for (const info of Object.values(BUILTIN_DATASETS)) await this.datasets.upsertBuiltin(info);
  }

  async list(projectIds: readonly string[] | null): Promise<TDatasetSummary[]> {
    const rows = await this.datasets.findAll(projectIds);
    return Promise.all(rows.map((row) => this.summarize(row)));
  }

  /** The row of a dataset key, or a 404 that names the keys there are. */
  async findRow(key: string): Promise<DatasetRow> {
    const row = await this.datasets.findByKey(key);
    if (row) return row;
    const known = (await this.datasets.findAll([])).map((r) => r.key); // the builtins: other projects' keys stay unnamed
    throw notFound(`No dataset with key '${key}'. Known datasets: ${known.join(', ') || 'none'}.`);
  }

  /** The datasets a project may use: the builtins and its own imports. */
  all(projectIds: readonly string[] | null): Promise<DatasetRow[]> {
    return this.datasets.findAll(projectIds);
  }

  /** Looks where the worker looks: the dataset directories, the system copy, the download cache. */
  private async available(row: DatasetRow): Promise<boolean> {
    if (row.kind === 'builtin' && isBuiltinDatasetKey(row.key)) {
      const { found } = await resolveBuiltinDatasetFiles(row.key, {
        directories: datasetDirs(this.config),
        cacheDir: storedDatasetsRoot(this.config),
      });
      return found !== null;
    }
    if (row.storagePath === null) return false;
    try {
      await access(path.join(storedDatasetDirectory(this.config, row.storagePath), STORED_MANIFEST_FILE));
      return true;
    } catch {
      return false;
    }
  }

  async summarize(row: DatasetRow): Promise<TDatasetSummary> {
    return {
      id: row.id,
      key: row.key,
      name: row.name,
      kind: ZDatasetKind.parse(row.kind),
      format: ZDatasetFormat.parse(row.format),
      classNames: ZClassNames.parse(row.classNames),
      trainSize: row.trainSize,
      testSize: row.testSize,
      imageShape: ZImageShape.parse(row.imageShape),
      available: await this.available(row),
      warnings: ZWarnings.parse(row.warnings),
      createdAt: row.createdAt.toISOString(),
    };
  }
}
