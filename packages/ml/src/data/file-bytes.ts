import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DatasetFormatError } from './dataset-errors';

const gunzipAsync = promisify(gunzip);

/** The first two bytes of every gzip member (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Refuse to inflate beyond this by default: the largest dataset we expect (Fashion-MNIST's
 * train CSV) is 133 MB raw, so a gzip that claims gigabytes is damage or a zip bomb, not data.
 */
export const MAX_DECOMPRESSED_BYTES = 1 << 30;

export interface InflateLimits {
  /** The content (after gunzip) may not exceed this many bytes; default MAX_DECOMPRESSED_BYTES. */
  maxInflatedBytes?: number;
}

/**
 * Decompresses when the bytes are gzip (by magic number, not by file name: users rename
 * files, and Debian ships the same content with other gzip headers), otherwise returns
 * them as they are.
 */
export async function decompressIfGzip(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const out = await gunzipAsync(bytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(file, 'corrupt-gzip', `truncated or corrupt gzip data (${detail})`);
  }
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;
}

export function tooLargeError(file: string, limit: number): DatasetFormatError {
  return new DatasetFormatError(
    file,
    'too-large',
    `content is larger than ${mib(limit)} once decompressed, the largest this server imports: a damaged file or a gzip bomb, or a dataset to split`,
  );
}

/**
 * The content of a dataset file (gunzipped when it is gzip, by magic number), chunk by chunk:
 * an upload is never held whole, and inflation stops at `maxInflatedBytes` (a 1 MB gzip can
 * hold gigabytes). Empty, unreadable, corrupt and oversized files are DatasetFormatErrors.
 */
export async function* datasetFileChunks(file: string, limits: InflateLimits = {}): AsyncGenerator<Uint8Array> {
  const limit = limits.maxInflatedBytes ?? MAX_DECOMPRESSED_BYTES;
  const unreadable = (error: unknown) =>
    new DatasetFormatError(file, 'unreadable', `cannot read file (${error instanceof Error ? error.message : String(error)})`);
  let magic: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(new Uint8Array(2), 0, 2, 0);
      magic = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(error);
  }
  if (magic.length === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty');
  const gzip = isGzip(magic);
  const source = createReadStream(file);
  const inflater = gzip ? createGunzip() : null;
  let sourceError: unknown = null;
  source.on('error', (error) => {
    sourceError = error;
    inflater?.destroy(error);
  });
  const stream = inflater ? source.pipe(inflater) : source;
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw tooLargeError(file, limit);
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (error) {
    if (error instanceof DatasetFormatError) throw error;
    if (sourceError !== null || !gzip) throw unreadable(sourceError ?? error);
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(file, 'corrupt-gzip', `truncated or corrupt gzip data (${detail})`);
  } finally {
    // stops reading and inflating at once when the consumer gives up (an error on line 3)
    source.destroy();
    inflater?.destroy();
  }
  if (total === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty after gzip decompression');
}

/**
 * Reads a whole file's content (gzip or raw) into one buffer, at most `maxInflatedBytes`, and
 * rejects empty ones before any parser sees them. For formats whose parser needs every byte
 * (IDX); CSV is parsed as it streams. With `size` (measured by an earlier pass) the buffer is
 * allocated once at that size, rather than collected in chunks and copied.
 */
export async function readDatasetFile(file: string, limits: InflateLimits & { size?: number } = {}): Promise<Uint8Array> {
  if (limits.size !== undefined) {
    const out = new Uint8Array(limits.size);
    let offset = 0;
    for await (const chunk of datasetFileChunks(file, {
      maxInflatedBytes: Math.min(limits.size, limits.maxInflatedBytes ?? limits.size),
    })) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    if (offset !== limits.size) throw new DatasetFormatError(file, 'unreadable', 'the file changed while it was being read');
    return out;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of datasetFileChunks(file, limits)) {
    // fs and zlib hand out a fresh buffer per chunk: keeping it is safe
    chunks.push(chunk);
    total += chunk.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
