import path from 'node:path';
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { DATASET_UPLOAD_FIELDS } from '@atelier/domain';
import type { Response } from 'express';
import { finalize, type Observable } from 'rxjs';
import { ApiException, badRequest } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { storedDatasetsRoot } from './dataset-loader';
import { ImportSlots, TooManyImportsException } from './import-slots';

/** The multer fields of POST /datasets/import: each file at most once. */
const FIELDS = DATASET_UPLOAD_FIELDS.map((name) => ({ name, maxCount: 1 }));

/** Nest exports the options type only from a deep path; this is the same type. */
type MulterOptions = NonNullable<Parameters<typeof FileFieldsInterceptor>[1]>;

const EXPECTED = `send trainCsv (and optionally testCsv), or trainImages and trainLabels (and optionally testImages and testLabels)`;

/** multer's error codes, kept by Nest as the exception's cause. */
interface MulterCause {
  code?: string;
  field?: string;
}

/**
 * Uploads land on disk (a CSV of Fashion-MNIST's train split is 130 MB), in a directory beside
 * the stored datasets so the importer works on files, not on memory.
 */
export function uploadDirectory(config: TApiConfig): string {
  return path.join(storedDatasetsRoot(config), '.uploads');
}

export function uploadOptions(config: TApiConfig): MulterOptions {
  return {
    dest: uploadDirectory(config),
    limits: { fileSize: config.DATASET_UPLOAD_MAX_MB * 1024 * 1024, files: FIELDS.length, fields: 20, fieldSize: 64 * 1024 },
    // browsers send UTF-8 file names; multer's default (latin1) would garble "données.csv"
    defParamCharset: 'utf8',
  };
}

/**
 * Nest's FileFieldsInterceptor (multer) with errors a user can act on: multer says "File too
 * large" and "Unexpected field"; we say which field, what the limit is, and what to send.
 * An import slot (ATELIER_MAX_CONCURRENT_IMPORTS) is taken before multer reads a byte and held
 * until the import has answered: beyond the limit the answer is a 429 with Retry-After.
 */
@Injectable()
export class DatasetUploadInterceptor extends FileFieldsInterceptor(FIELDS) implements NestInterceptor {
  constructor(
    @Inject(CONFIG) private readonly config: TApiConfig,
    private readonly slots: ImportSlots,
  ) {
    super(uploadOptions(config));
  }

  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    let release: () => void;
    try {
      release = this.slots.acquire();
    } catch (error) {
      if (error instanceof TooManyImportsException) {
        context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    try {
      return (await super.intercept(context, next)).pipe(finalize(release));
    } catch (error) {
      release();
      throw explainUploadError(error, this.config.DATASET_UPLOAD_MAX_MB);
    }
  }
}

export function explainUploadError(error: unknown, limitMb: number): unknown {
  if (!(error instanceof HttpException) || error instanceof ApiException) return error;
  const cause = (error.cause ?? {}) as MulterCause;
  if (error instanceof PayloadTooLargeException || cause.code === 'LIMIT_FILE_SIZE') {
    return new ApiException(
      413,
      'payload_too_large',
      `The file in '${cause.field ?? 'upload'}' is larger than the ${limitMb} MiB limit for dataset uploads (DATASET_UPLOAD_MAX_MB). ` +
        'Compress it with gzip: the importer reads .gz files.',
    );
  }
  if (cause.code === 'LIMIT_UNEXPECTED_FILE') {
    return badRequest(`Unexpected file field '${cause.field ?? '?'}' (or the same field twice): ${EXPECTED}.`);
  }
  if (error.getStatus() === 400) return badRequest(`The upload could not be read: ${error.message}`);
  return error;
}
