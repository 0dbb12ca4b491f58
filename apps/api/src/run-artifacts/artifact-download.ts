import path from 'node:path';
import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import { ApiException } from '../common/api-exception';
import type { ArtifactDownload } from './run-artifacts.service';

/**
 * Sends an artifact: Content-Type as uploaded, a download named after the artifact (RFC 6266
 * via the content-disposition package), ETag = its SHA-256, so If-None-Match answers 304 and
 * If-Range resumes. Files stream from the store through express's sendFile (the `send`
 * package: Range, HEAD, conditional requests); a model's zip comes from the database.
 * Uploaded HTML or SVG must never run as a page of the API's origin: nosniff and a sandbox CSP.
 */
export async function sendArtifact(request: Request, response: Response, download: ArtifactDownload): Promise<void> {
  response.setHeader('Content-Type', download.contentType);
  response.setHeader('Content-Disposition', contentDisposition(path.posix.basename(download.name), { type: 'attachment' }));
  response.setHeader('ETag', `"${download.sha256}"`);
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  if (download.source === 'database') {
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    const { content } = download;
    response.setHeader('Content-Length', String(content.byteLength));
    response.end(request.method === 'HEAD' ? undefined : Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    // our ETag, Cache-Control and Content-Type stand; send only adds Range and Last-Modified handling
    response.sendFile(
      download.path,
      { etag: false, cacheControl: false, dotfiles: 'allow' },
      (error?: Error & { code?: string; status?: number }) => {
        if (!error || error.code === 'ECONNABORTED' || error.code === 'ECONNRESET') resolve();
        else if (error.code === 'ENOENT' || error.code === 'EISDIR') {
          reject(
            new ApiException(
              500,
              'artifact_missing',
              `The file of artifact '${download.name}' is missing from the artifact store (ATELIER_ARTIFACT_DIR): ${download.path}.`,
            ),
          );
        } else if (error.status && error.status < 500) reject(new ApiException(error.status, 'bad_request', error.message));
        else reject(error);
      },
    );
  });
}
