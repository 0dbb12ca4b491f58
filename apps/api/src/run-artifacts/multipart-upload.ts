import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { ApiException, badRequest } from '../common/api-exception';

/** What one multipart request may hold; busboy enforces these while it reads. */
export interface MultipartLimits {
  /** Bytes of one file part; the part is refused (413) above it. */
  fileBytes: number;
  files: number;
  fields: number;
  /** Bytes of one text field. */
  fieldBytes: number;
}

export interface FilePart {
  /** The form field the part came in. */
  field: string;
  /** The part's file name (directories stripped, as browsers send it), or undefined. */
  filename: string | undefined;
  mimeType: string;
  /** The part's bytes. The handler must read it to its end or let it error. */
  stream: Readable & { truncated?: boolean };
}

export interface MultipartHandlers<T> {
  /** A text field, in body order (a field before a file part is seen before it). Throw to refuse. */
  field(name: string, value: string): void;
  /**
   * A file part, in body order; resolves once its bytes are stored somewhere. Throw to refuse.
   * Called synchronously from busboy's 'file' event.
   */
  file(part: FilePart): Promise<T>;
  /** Undoes one handled file when the request fails afterwards (e.g. removes its temporary file). */
  discard(result: T): Promise<void>;
  /** The 413 for a file part over `limits.fileBytes`. */
  tooLarge(part: FilePart): ApiException;
}

/** The client went away before the body ended; nobody is left to read an answer. */
export class UploadAbortedError extends ApiException {
  constructor() {
    super(400, 'upload_aborted', 'The upload was aborted before the request body ended; nothing was stored.');
  }
}

/**
 * Reads a multipart/form-data body as a stream of parts (busboy), handing each file part to
 * `handlers.file` as it arrives, so no file is ever held in memory whole. Backpressure is the
 * pipe's: busboy stops reading the socket while a handler has not read a part's bytes.
 *
 * All or nothing: on the first problem (a part too large, a refused field or file, a malformed
 * body, the client aborting) reading stops at once, every file already handled is discarded,
 * and the promise rejects with an ApiException. The rest of the body is not read: the answer
 * says `Connection: close`, so the client gets the 413 now instead of after sending gigabytes.
 */
export function readMultipart<T>(request: Request, limits: MultipartLimits, handlers: MultipartHandlers<T>): Promise<T[]> {
  return new Promise<T[]>((resolve, reject: (reason: Error) => void) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // busboy flags a part as over the limit once it *reaches* fileSize: one byte more lets a
        // file of exactly fileBytes through
        limits: { fileSize: limits.fileBytes + 1, files: limits.files, fields: limits.fields, fieldSize: limits.fieldBytes },
        // browsers send UTF-8 file names; busboy's default (latin1) would garble "données.csv"
        defParamCharset: 'utf8',
      });
    } catch (error) {
      reject(badRequest(`Send multipart/form-data (${(error as Error).message}).`));
      return;
    }
    const handled: Promise<T>[] = [];
    let failure: unknown = null;

    const fail = (error: unknown) => {
      if (failure !== null) return;
      failure = error;
      if (!request.complete) {
        request.unpipe(parser);
        if (!request.res?.headersSent) request.res?.setHeader('Connection', 'close');
      }
      // Destroying the parser errors the file part being read, which removes its temporary file.
      parser.destroy();
      void Promise.allSettled(handled).then(async (results) => {
        for (const result of results) if (result.status === 'fulfilled') await handlers.discard(result.value).catch(() => undefined);
        // What a handler threw or refused with: ApiExceptions and other Errors.
        reject(error as Error);
      });
    };

    parser.on('file', (field, stream: FilePart['stream'], info) => {
      if (failure !== null) {
        stream.resume();
        return;
      }
      // The handler's pipeline reports the part's errors; this keeps an error on a part no handler
      // reads (refused before piping) from crashing the process as an unhandled 'error' event.
      stream.on('error', () => undefined);
      const part: FilePart = { field, filename: info.filename || undefined, mimeType: info.mimeType, stream };
      stream.once('limit', () => fail(handlers.tooLarge(part)));
      // Called at once (not on a later tick): the handler names the part before any 'limit' can fire.
      // The executor runs at once, and a handler that throws rejects the promise.
      const started = new Promise<T>((resolve) => {
        resolve(handlers.file(part));
      });
      const result = started.then((value) => {
        // busboy cuts a part at the limit and ends it normally: the 'limit' event said so.
        if (stream.truncated) throw handlers.tooLarge(part);
        return value;
      });
      handled.push(result);
      result.catch((error: unknown) => {
        stream.resume();
        fail(error);
      });
    });
    parser.on('field', (name, value, info) => {
      if (failure !== null) return;
      if (info.nameTruncated || info.valueTruncated) {
        fail(badRequest(`The form field '${name}' is longer than ${limits.fieldBytes} bytes.`));
        return;
      }
      try {
        handlers.field(name, value);
      } catch (error) {
        fail(error);
      }
    });
    parser.on('filesLimit', () => fail(badRequest(`At most ${limits.files} files per request: send the others in another request.`)));
    parser.on('fieldsLimit', () => fail(badRequest(`At most ${limits.fields} form fields per request.`)));
    parser.on('error', (error: Error) => fail(badRequest(`The multipart body could not be read: ${error.message}.`)));
    parser.on('close', () => {
      if (failure !== null) return;
      void Promise.allSettled(handled).then((results) => {
        if (failure !== null) return;
        const rejected = results.find((r) => r.status === 'rejected');
        if (rejected) fail(rejected.reason);
        else resolve(results.map((r) => (r as PromiseFulfilledResult<T>).value));
      });
    });
    // 'close' without 'end': the client hung up mid-body.
    request.on('close', () => {
      if (!request.complete) fail(new UploadAbortedError());
    });
    request.pipe(parser);
  });
}
