import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { ApiException, badRequest } from '../common/api-exception';

/** A 28×28 PNG is well under a kilobyte; a megabyte leaves room for odd encoders, not for abuse. */
export const PREDICT_IMAGE_MAX_BYTES = 1024 * 1024;

/**
 * multer (memory storage) for the `image` field of a prediction, with errors a user can act
 * on. JSON requests pass through untouched: multer only reads multipart bodies.
 */
@Injectable()
export class PredictUploadInterceptor
  extends FileInterceptor('image', { limits: { fileSize: PREDICT_IMAGE_MAX_BYTES, files: 1, fields: 5 } })
  implements NestInterceptor
{
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      throw explainPredictUploadError(error);
    }
  }
}

export function explainPredictUploadError(error: unknown): unknown {
  if (!(error instanceof HttpException) || error instanceof ApiException) return error;
  const cause = (error.cause ?? {}) as { code?: string; field?: string };
  if (error instanceof PayloadTooLargeException || cause.code === 'LIMIT_FILE_SIZE') {
    return new ApiException(
      413,
      'payload_too_large',
      `The image is larger than ${PREDICT_IMAGE_MAX_BYTES / 1024} KiB: send a 28×28 grayscale PNG.`,
    );
  }
  if (cause.code === 'LIMIT_UNEXPECTED_FILE' || cause.code === 'LIMIT_FILE_COUNT') {
    return badRequest(`Unexpected file field '${cause.field ?? '?'}': send one PNG in the field 'image'.`);
  }
  if (error.getStatus() === 400) return badRequest(`The upload could not be read: ${error.message}`);
  return error;
}
