import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DatasetFormatError } from './dataset-errors';

const gunzipAsync = promisify(gunzip);

/** The first two bytes of every gzip member (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Refuse to inflate beyond this: the largest dataset we expect (Fashion-MNIST train) is 47 MB
 * raw, so a gzip that claims gigabytes is damage or a zip bomb, not data.
 */
export const MAX_DECOMPRESSED_BYTES = 1 << 30;

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

/** Reads a whole file (gzip or raw) and rejects empty ones before any parser sees them. */
export async function readDatasetFile(file: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(file, 'unreadable', `cannot read file (${detail})`);
  }
  if (raw.length === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty');
  const bytes = await decompressIfGzip(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), file);
  if (bytes.length === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty after gzip decompression');
  return bytes;
}
