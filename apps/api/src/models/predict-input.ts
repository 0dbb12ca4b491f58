import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ZPredictRequest, type TPredictRequest } from '@atelier/domain';
import { badRequest } from '../common/api-exception';
import { validatePart } from '../common/contract';

/** What POST /models/:id/predict was given: a PNG upload (multipart `image`) or JSON pixels. */
export type PredictInput = { kind: 'png'; bytes: Uint8Array } | ({ kind: 'pixels' } & TPredictRequest);

type UploadRequest = Request & { file?: { buffer: Buffer; fieldname: string } };

export function readPredictInput(request: UploadRequest): PredictInput {
  if (request.file)
    return {
      kind: 'png',
      bytes: new Uint8Array(request.file.buffer.buffer, request.file.buffer.byteOffset, request.file.buffer.byteLength),
    };
  if (request.is('multipart/form-data')) {
    throw badRequest(
      "The multipart request has no 'image' file: send the 28×28 PNG in a field named 'image', or JSON { pixels: number[784] }.",
    );
  }
  const parsed = validatePart({ summary: '', responses: {}, body: ZPredictRequest }, 'body', request.body) as TPredictRequest;
  return { kind: 'pixels', ...parsed };
}

/** The prediction's input, read after the upload interceptor has run. */
export const ValidPredictInput = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  readPredictInput(context.switchToHttp().getRequest<UploadRequest>()),
);
