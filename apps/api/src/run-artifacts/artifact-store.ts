import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { artifactDir, type TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';

/** A file written to the store's temporary folder, hashed, not yet under its key. */
export interface StagedFile {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
}

export class ArtifactTooLargeError extends Error {
  override readonly name = 'ArtifactTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`more than ${limitBytes} bytes`);
  }
}

/** Temporary files untouched for this long belong to no live upload (an upload writes as it reads). */
export const STALE_TEMP_MS = 60 * 60 * 1000;

const TEMP_DIR = '.tmp';
const TEMP_SUFFIX = '.part';
/** Keys are made by the store (`runs/<run>/<artifact>`); anything else read back is refused. */
const KEY = /^runs\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/**
 * The artifact store: a directory (ATELIER_ARTIFACT_DIR) that every API instance mounts, as
 * the compose file and the Kubernetes manifests do. A file is streamed into `.tmp/` while its
 * SHA-256 is computed, then renamed to its key: a rename within one file system is atomic, so a
 * reader sees the whole file or none, and a failed upload leaves only a temporary file, which
 * is removed at once (or, after a crash, by the sweep at start-up).
 */
@Injectable()
export class ArtifactStore implements OnModuleInit {
  private readonly logger = new Logger('ArtifactStore');
  readonly root: string;
  private readonly tempDir: string;

  constructor(@Inject(CONFIG) config: TApiConfig) {
    this.root = artifactDir(config);
    this.tempDir = path.join(this.root, TEMP_DIR);
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.tempDir, { recursive: true });
    const removed = await this.sweepTemporary(STALE_TEMP_MS);
    if (removed > 0) this.logger.log(`removed ${removed} temporary file(s) left by interrupted uploads`);
  }

  /** A key for a new artifact of a run. */
  keyFor(runId: string, artifactId: string): string {
    return `runs/${runId}/${artifactId}`;
  }

  /** Absolute path of a key; throws on a key the store did not make. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not an artifact store key: ${JSON.stringify(key)}`);
    return path.join(this.root, ...key.split('/'));
  }

  /**
   * Streams `source` into a temporary file, counting and hashing the bytes on the way.
   * Rejects with ArtifactTooLargeError past `limitBytes`; on any failure the temporary file
   * is gone before the promise settles.
   */
  async stage(source: Readable, limitBytes: number): Promise<StagedFile> {
    const tempPath = path.join(this.tempDir, `${randomUUID()}${TEMP_SUFFIX}`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > limitBytes) {
          callback(new ArtifactTooLargeError(limitBytes));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      // Piped at once, in this tick: the source may be a multipart part that errors at any time.
      // pipeline settles after every stream has closed, so the file descriptor is shut before rm.
      await pipeline(source, meter, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, sizeBytes, sha256: hash.digest('hex') };
  }

  /** Moves a staged file under its key (atomic: same file system). */
  async commit(staged: StagedFile, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(staged.tempPath, target);
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.tempPath, { force: true });
  }

  /** Removes a stored file; a file already gone is fine. */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Removes every stored file of a run (for whoever deletes runs: rows cascade, files do not). */
  async removeRun(runId: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/.test(runId)) throw new Error(`not a run id: ${JSON.stringify(runId)}`);
    await rm(path.join(this.root, 'runs', runId), { recursive: true, force: true });
  }

  /** Temporary files (names only), for tests and the sweep. */
  async temporaryFiles(): Promise<string[]> {
    try {
      return (await readdir(this.tempDir)).filter((name) => name.endsWith(TEMP_SUFFIX));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /**
   * Removes temporary files not written to for `olderThanMs`: those of uploads cut short by a
   * crash. Several API instances share the folder, so a fresh file may be another's live upload.
   */
  async sweepTemporary(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await this.temporaryFiles()) {
      const file = path.join(this.tempDir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs >= olderThanMs) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
