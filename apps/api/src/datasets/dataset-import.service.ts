import { Inject, Injectable, Logger } from '@nestjs/common';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  DATASET_UPLOAD_FIELDS,
  type TDatasetSummary,
  type TDatasetUploadField,
  type TDatasetWarning,
  type TImportDatasetFields,
  ZImportDatasetFields,
} from '@atelier/domain';
import { Prisma } from '@atelier/db/client';
import { DatasetFormatError } from '@atelier/ml/data/dataset-errors';
import { importDataset, type ImportDatasetOptions } from '@atelier/ml/data/import-dataset';
import { datasetWarnings } from '@atelier/ml/data/insight';
import { removeStoredDataset, saveStoredDataset, StoredDatasetExistsError } from '@atelier/ml/data/stored-dataset';
import { ApiException, badRequest, conflict } from '../common/api-exception';
import { strictRequestSchema } from '../common/strict-schema';
import { summarizeIssues, zodIssues } from '../common/zod-issues';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { storedDatasetsRoot } from './dataset-loader';
import { DatasetsRepository } from './datasets.repository';
import { DatasetsService } from './datasets.service';

/** The parts of a multer file the importer reads. */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  path: string;
  size: number;
}

export type UploadedFiles = Partial<Record<string, UploadedFile[]>>;

/** A directory left by an import that crashed between rename and insert is reclaimed after this. */
const ORPHAN_AGE_MS = 10 * 60 * 1000;

const FIELD_LABELS: Record<TDatasetUploadField, string> = {
  trainCsv: 'train CSV',
  testCsv: 'test CSV',
  trainImages: 'train images',
  trainLabels: 'train labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

/**
 * POST /datasets/import: reads the uploaded files through the same strict readers as the
 * builtin datasets, stores them as IDX under ATELIER_DATA_DIR/datasets/<key>/ (written aside
 * and renamed into place), and only then inserts the row, so a failure at any step leaves
 * neither files nor a row behind.
 */
@Injectable()
export class DatasetImportService {
  private readonly logger = new Logger('DatasetImport');
  /** Keys being imported by this process: the second of two identical submissions waits for nothing. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly repository: DatasetsRepository,
    private readonly datasets: DatasetsService,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async import(body: unknown, files: UploadedFiles | undefined, projectId: string): Promise<TDatasetSummary> {
    try {
      return await this.run(body, files ?? {}, projectId);
    } finally {
      // the uploads are temp files whatever happened; the stored copy is the normalised one
      await Promise.all(Object.values(files ?? {}).flatMap((list) => (list ?? []).map((file) => rm(file.path, { force: true }))));
    }
  }

  private async run(body: unknown, files: UploadedFiles, projectId: string): Promise<TDatasetSummary> {
    const fields = parseFields(body);
    const options = importOptions(fields, files);
    if (await this.repository.findByKey(fields.key)) {
      throw conflict(`A dataset with key '${fields.key}' already exists: choose another key.`);
    }
    if (this.inFlight.has(fields.key)) throw conflict(`Dataset '${fields.key}' is being imported right now.`);
    this.inFlight.add(fields.key);
    try {
      const started = performance.now();
      const dataset = await importDataset({ ...options, maxInflatedBytes: this.config.ATELIER_MAX_IMPORT_INFLATED_BYTES }).catch(
        (error: unknown) => {
          if (error instanceof DatasetFormatError) throw badRequest(describeFormatError(error, files));
          throw error;
        },
      );
      // Checked before anything is written: unacknowledged warnings store nothing.
      const warnings = datasetWarnings(dataset, { implicitClassNames: fields.classNames === undefined });
      if (warnings.length > 0 && !fields.acknowledgeWarnings) throw needsConfirmation(warnings);
      const root = storedDatasetsRoot(this.config);
      const uploadedName = (tempPath: string) =>
        Object.values(files)
          .flatMap((list) => list ?? [])
          .find((file) => file.path === tempPath)?.originalname ?? path.basename(tempPath);
      const source = {
        format: options.format,
        files: Object.values(files).flatMap((list) => (list ?? []).map((file) => file.originalname)),
        testFraction: hasTestFile(files) ? null : (fields.testFraction ?? 1 / 7),
        // the user knows the files by the names they uploaded, not by our temp paths
        origins: {
          train: { ...dataset.origins.train, file: uploadedName(dataset.origins.train.file) },
          test: { ...dataset.origins.test, file: uploadedName(dataset.origins.test.file) },
        },
      };
      const { directory, manifest } = await this.store(root, dataset, source);
      let row;
      try {
        row = await this.repository.createImported({
          key: manifest.key,
          name: manifest.name,
          format: options.format,
          classNames: manifest.classNames,
          trainSize: manifest.trainSize,
          testSize: manifest.testSize,
          imageShape: manifest.imageShape,
          // relative to ATELIER_DATA_DIR: machines sharing the directory may mount it elsewhere
          storagePath: path.relative(path.resolve(this.config.ATELIER_DATA_DIR), directory),
          checksums: Object.fromEntries(Object.values(manifest.files).map((f) => [f.name, { md5: f.md5, bytes: f.bytes }])),
          warnings,
          projectId,
        });
      } catch (error) {
        // the directory is ours (the rename succeeded): take it back so the key stays free
        await removeStoredDataset(directory);
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw conflict(`A dataset with key '${fields.key}' already exists: choose another key.`);
        }
        throw error;
      }
      this.logger.log(
        `imported '${manifest.key}' (${manifest.trainSize} train, ${manifest.testSize} test) in ${Math.round(performance.now() - started)} ms`,
      );
      return await this.datasets.summarize(row);
    } finally {
      this.inFlight.delete(fields.key);
    }
  }

  private async store(
    root: string,
    dataset: Parameters<typeof saveStoredDataset>[0]['dataset'],
    source: Parameters<typeof saveStoredDataset>[0]['source'],
  ) {
    try {
      return await saveStoredDataset({ root, dataset, source });
    } catch (error) {
      if (!(error instanceof StoredDatasetExistsError)) throw error;
      // No row has this key (checked above), so the directory is an orphan of a crashed
      // import, or another API process is between its rename and its insert right now.
      const age = Date.now() - (await stat(error.directory)).mtimeMs;
      if (age < ORPHAN_AGE_MS) throw conflict(`Dataset '${dataset.key}' is being imported right now (its directory exists).`);
      this.logger.warn(`removing ${error.directory}, left by an interrupted import`);
      await removeStoredDataset(error.directory);
      return saveStoredDataset({ root, dataset, source });
    }
  }
}

/** 422 with the warnings: the files are fine, the data is suspect, and only the user can decide. */
export function needsConfirmation(warnings: readonly TDatasetWarning[]): ApiException {
  const message =
    `The dataset was not imported: ${warnings.length === 1 ? 'one warning needs' : `${warnings.length} warnings need`} your confirmation. ` +
    `${warnings.map((w) => w.message).join(' ')} Send the same request with acknowledgeWarnings=true to import it anyway.`;
  return new ApiException(422, 'unconfirmed_warnings', message, undefined, { warnings: [...warnings] });
}

function parseFields(body: unknown): TImportDatasetFields {
  const result = strictRequestSchema(ZImportDatasetFields).safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  throw badRequest(`Invalid request: ${summarizeIssues(issues)}`, issues);
}

function single(files: UploadedFiles, field: TDatasetUploadField): UploadedFile | undefined {
  return files[field]?.[0];
}

function hasTestFile(files: UploadedFiles): boolean {
  return Boolean(single(files, 'testCsv') ?? single(files, 'testImages'));
}

/** Decides the format from the file fields present; mixing or missing files is a 400 that says what to send. */
export function importOptions(fields: TImportDatasetFields, files: UploadedFiles): ImportDatasetOptions {
  const present = DATASET_UPLOAD_FIELDS.filter((field) => single(files, field));
  const common = {
    key: fields.key,
    name: fields.name,
    classNames: fields.classNames,
    testFraction: fields.testFraction,
    seed: fields.seed,
  };
  const csv = present.filter((f) => f === 'trainCsv' || f === 'testCsv');
  const idx = present.filter((f) => f !== 'trainCsv' && f !== 'testCsv');
  if (present.length === 0) {
    throw badRequest(
      'No dataset file was uploaded: send multipart/form-data with trainCsv (label then pixel columns, header optional) ' +
        'and optionally testCsv, or with trainImages and trainLabels (IDX, gzip or raw) and optionally testImages and testLabels.',
    );
  }
  if (csv.length > 0 && idx.length > 0) {
    throw badRequest(
      `Send either CSV files (trainCsv, testCsv) or IDX files (trainImages, trainLabels, …), not both: got ${present.join(', ')}.`,
    );
  }
  for (const file of present.flatMap((field) => single(files, field) ?? [])) {
    if (file.size === 0) throw badRequest(`${file.originalname} (${FIELD_LABELS[file.fieldname as TDatasetUploadField]}): file is empty`);
  }
  if (csv.length > 0) {
    const trainCsv = single(files, 'trainCsv');
    if (!trainCsv) throw badRequest('A test CSV needs a train CSV (trainCsv).');
    return { format: 'csv', ...common, trainCsv: trainCsv.path, testCsv: single(files, 'testCsv')?.path };
  }
  const trainImages = single(files, 'trainImages');
  const trainLabels = single(files, 'trainLabels');
  if (!trainImages || !trainLabels) throw badRequest('IDX imports need both trainImages and trainLabels.');
  const testImages = single(files, 'testImages');
  const testLabels = single(files, 'testLabels');
  if (Boolean(testImages) !== Boolean(testLabels)) throw badRequest('A test split needs both testImages and testLabels, or neither.');
  return {
    format: 'idx',
    ...common,
    trainImages: trainImages.path,
    trainLabels: trainLabels.path,
    testImages: testImages?.path,
    testLabels: testLabels?.path,
  };
}

/**
 * The readers name files by path; the user knows them by the name they uploaded. Every temp
 * path in the message becomes "<original name> (<role>)".
 */
export function describeFormatError(error: DatasetFormatError, files: UploadedFiles): string {
  // the operator's knob, named where the user would otherwise only see a number
  let message = error.code === 'too-large' ? `${error.message} (ATELIER_MAX_IMPORT_INFLATED_BYTES)` : error.message;
  for (const file of Object.values(files).flatMap((list) => list ?? [])) {
    const label = `${file.originalname} (${(FIELD_LABELS as Partial<Record<string, string>>)[file.fieldname] ?? file.fieldname})`;
    message = message.split(file.path).join(label);
  }
  return message;
}
