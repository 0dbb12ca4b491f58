import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseConfig } from '../config';
import { ArtifactStore, ArtifactTooLargeError, STALE_TEMP_MS } from './artifact-store';

/** A stream of `chunks` chunks of `size` bytes, each filled with its index. */
function chunked(chunks: number, size: number, failAfter?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && sent === failAfter) {
        this.destroy(new Error('connection reset'));
        return;
      }
      if (sent === chunks) this.push(null);
      else this.push(Buffer.alloc(size, sent++ % 256));
    },
  });
}

describe('ArtifactStore', () => {
  let dir: string;
  let store: ArtifactStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atelier-store-'));
    store = new ArtifactStore(parseConfig({ ATELIER_ARTIFACT_DIR: dir }));
    await store.onModuleInit();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stages a stream with its size and SHA-256, then commits it under its key', async () => {
    const expected = Buffer.concat(Array.from({ length: 40 }, (_, i) => Buffer.alloc(16 * 1024, i)));
    const staged = await store.stage(chunked(40, 16 * 1024), 10 * 1024 * 1024);
    expect(staged.sizeBytes).toBe(expected.byteLength);
    expect(staged.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(await store.temporaryFiles()).toHaveLength(1);
    const key = store.keyFor(randomUUID(), randomUUID());
    await store.commit(staged, key);
    expect((await readFile(store.pathOf(key))).equals(expected)).toBe(true);
    expect(await store.temporaryFiles()).toEqual([]);
  });

  it('accepts a file of exactly the limit and refuses one byte more, leaving no temporary file', async () => {
    await expect(store.stage(chunked(4, 1024), 4096)).resolves.toMatchObject({ sizeBytes: 4096 });
    await expect(store.stage(chunked(5, 1024), 4096)).rejects.toBeInstanceOf(ArtifactTooLargeError);
    expect(await store.temporaryFiles()).toHaveLength(1); // the first, staged and not yet committed
  });

  it('removes the temporary file when the source fails mid-way (an aborted upload)', async () => {
    await expect(store.stage(chunked(100, 1024, 10), 1024 * 1024)).rejects.toThrow('connection reset');
    await expect(store.stage(chunked(100, 1024, 0), 1024 * 1024)).rejects.toThrow('connection reset');
    expect(await store.temporaryFiles()).toEqual([]);
  });

  it('discards a staged file and removes a committed one idempotently', async () => {
    const staged = await store.stage(chunked(1, 10), 100);
    await store.discard(staged);
    expect(await store.temporaryFiles()).toEqual([]);
    const key = store.keyFor(randomUUID(), randomUUID());
    await store.commit(await store.stage(chunked(1, 10), 100), key);
    await store.remove(key);
    await store.remove(key);
    await expect(readFile(store.pathOf(key))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("removes every file of one run, and only that run's", async () => {
    const [run, other] = [randomUUID(), randomUUID()];
    const keys = [store.keyFor(run, randomUUID()), store.keyFor(run, randomUUID()), store.keyFor(other, randomUUID())];
    for (const key of keys) await store.commit(await store.stage(chunked(1, 10), 100), key);
    await store.removeRun(run);
    await expect(readFile(store.pathOf(keys[0]!))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(store.pathOf(keys[2]!))).resolves.toHaveLength(10);
    await expect(store.removeRun('../..')).rejects.toThrow('not a run id');
  });

  it('refuses keys it did not make, so a stored key can never point outside the store', () => {
    for (const key of ['../etc/passwd', 'runs/../../x', '/etc/passwd', 'runs/a/b', ''])
      expect(() => store.pathOf(key)).toThrow('not an artifact store key');
    const key = store.keyFor('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222');
    expect(store.pathOf(key)).toBe(path.join(dir, 'runs', '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'));
  });

  it('sweeps temporary files left by a crash, not those of uploads still writing', async () => {
    const old = path.join(dir, '.tmp', 'crashed.part');
    const fresh = path.join(dir, '.tmp', 'live.part');
    await writeFile(old, 'x');
    await writeFile(fresh, 'y');
    const longAgo = new Date(Date.now() - STALE_TEMP_MS - 1000);
    await utimes(old, longAgo, longAgo);
    expect(await store.sweepTemporary(STALE_TEMP_MS)).toBe(1);
    expect(await store.temporaryFiles()).toEqual(['live.part']);
  });
});
