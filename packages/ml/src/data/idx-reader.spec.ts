import { gzipSync } from 'node:zlib';
import { DatasetFormatError, type DatasetErrorCode } from './dataset-errors';
import { encodeIdx, parseIdxImages, readIdxImages, readIdxLabels, readIdxPair } from './idx-reader';
import { idxImagesBytes, idxLabelsBytes, makeImageSet, makeTempDir, type TempDir } from './image-set.factory';

/** Asserts a rejection is a DatasetFormatError naming `file` and matching the problem. */
async function expectDamage(promise: Promise<unknown>, file: string, code: DatasetErrorCode, problem: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetFormatError);
  const e = error as DatasetFormatError;
  expect(e.code).toBe(code);
  expect(e.file).toBe(file);
  expect(e.message).toContain(file);
  expect(e.message).toMatch(problem);
}

describe('IDX reader', () => {
  let tmp: TempDir;
  const set = makeImageSet({ labels: [3, 1, 4, 1, 5], height: 3, width: 2 });
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('reads a raw images/labels pair with a non-square shape', async () => {
    const imagesFile = tmp.write('images-idx3-ubyte', idxImagesBytes(set));
    const labelsFile = tmp.write('labels-idx1-ubyte', idxLabelsBytes(set));
    const read = await readIdxPair({ imagesFile, labelsFile, numClasses: 6 });
    expect(read).toMatchObject({ count: 5, height: 3, width: 2, channels: 1 });
    expect(Array.from(read.images)).toEqual(Array.from(set.images));
    expect(Array.from(read.labels)).toEqual([3, 1, 4, 1, 5]);
  });

  it('detects gzip by magic bytes, whatever the file name', async () => {
    const imagesFile = tmp.write('images.bin', idxImagesBytes(set), { gzip: true });
    const labelsFile = tmp.write('labels.idx', idxLabelsBytes(set), { gzip: true });
    const read = await readIdxPair({ imagesFile, labelsFile });
    expect(Array.from(read.images)).toEqual(Array.from(set.images));
    expect(Array.from(read.labels)).toEqual([3, 1, 4, 1, 5]);
  });

  describe('rejects damaged files, naming the file and the problem', () => {
    it('empty file', async () => {
      const file = tmp.write('empty.gz', new Uint8Array(0));
      await expectDamage(readIdxImages(file), file, 'empty-file', /file is empty/);
    });

    it('bad magic number (e.g. a PNG)', async () => {
      const file = tmp.write('x.idx', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      await expectDamage(readIdxImages(file), file, 'bad-magic', /bad magic number 0x89504e47.*expected 0x00000803/);
    });

    it('wrong data type byte (float32 IDX)', async () => {
      const bytes = idxImagesBytes(set);
      bytes[2] = 0x0d;
      const file = tmp.write('float.idx', bytes);
      await expectDamage(readIdxImages(file), file, 'bad-data-type', /wrong data type byte 0x0d \(float32\)/);
    });

    it('wrong number of dimensions (a labels file given as images)', async () => {
      const file = tmp.write('labels-as-images', idxLabelsBytes(set));
      await expectDamage(readIdxImages(file), file, 'bad-dimensions', /wrong number of dimensions: 1.*expected 3.*labels file\?/);
    });

    it('wrong number of dimensions (an images file given as labels)', async () => {
      const file = tmp.write('images-as-labels', idxImagesBytes(set));
      await expectDamage(readIdxLabels(file), file, 'bad-dimensions', /wrong number of dimensions: 3.*expected 1/);
    });

    it('truncated header', async () => {
      const file = tmp.write('short-header', idxImagesBytes(set).subarray(0, 10));
      await expectDamage(readIdxImages(file), file, 'truncated', /truncated header: 10 bytes.*needs 16/);
    });

    it('truncated data: declared count vs actual bytes', async () => {
      const file = tmp.write('truncated', idxImagesBytes(set).subarray(0, 16 + 29));
      await expectDamage(readIdxImages(file), file, 'truncated', /header declares 5×3×2 = 30 data bytes but the file has 29/);
    });

    it('trailing bytes after the declared data', async () => {
      const bytes = idxLabelsBytes(set);
      const file = tmp.write('trailing', Uint8Array.from([...bytes, 0, 0]));
      await expectDamage(
        readIdxLabels(file),
        file,
        'trailing-bytes',
        /2 trailing bytes: header declares 5 = 5 data bytes but the file has 7/,
      );
    });

    it('images/labels count mismatch', async () => {
      const imagesFile = tmp.write('images', idxImagesBytes(set));
      const labelsFile = tmp.write('labels', encodeIdx([4], Uint8Array.from([0, 1, 2, 3])));
      await expectDamage(readIdxPair({ imagesFile, labelsFile }), labelsFile, 'count-mismatch', /4 labels but .*images has 5 images/);
    });

    it('label out of range for the number of classes', async () => {
      const file = tmp.write('labels', idxLabelsBytes(set));
      await expectDamage(
        readIdxLabels(file, { numClasses: 5 }),
        file,
        'label-out-of-range',
        /item 4 has label 5, but there are 5 classes \(0\.\.4\)/,
      );
    });

    it('truncated gzip', async () => {
      const gz = gzipSync(idxImagesBytes(set));
      const file = tmp.write('cut.gz', gz.subarray(0, gz.length - 6));
      await expectDamage(readIdxImages(file), file, 'corrupt-gzip', /truncated or corrupt gzip/);
    });

    it('corrupt gzip (flipped bytes in the deflate stream)', async () => {
      const gz = Uint8Array.from(gzipSync(idxImagesBytes(makeImageSet({ labels: [0, 1, 2, 3, 4, 5, 6, 7] }))));
      for (let i = 12; i < gz.length - 8; i += 3) gz[i] = gz[i]! ^ 0xff;
      const file = tmp.write('corrupt.gz', gz);
      await expectDamage(readIdxImages(file), file, 'corrupt-gzip', /truncated or corrupt gzip/);
    });

    it('zero images declared', async () => {
      const file = tmp.write('none', encodeIdx([0, 28, 28], new Uint8Array(0)));
      await expectDamage(readIdxImages(file), file, 'empty-file', /declares 0 images/);
    });

    it('missing file', async () => {
      const file = `${tmp.dir}/does-not-exist.gz`;
      await expectDamage(readIdxImages(file), file, 'unreadable', /cannot read file/);
    });
  });

  it('parses in-memory bytes without copying the pixels', () => {
    const bytes = idxImagesBytes(set);
    const parsed = parseIdxImages(bytes, { file: 'mem' });
    expect(parsed.images.buffer).toBe(bytes.buffer);
    expect(parsed.images.byteOffset).toBe(16);
  });

  it('checks the header before inflating the rest, and stops a gzip bomb at the limit', async () => {
    const header = encodeIdx([1, 2, 2], new Uint8Array(4));
    const padded = (start: Uint8Array) => Buffer.concat([start, Buffer.alloc(8 * 1024 ** 2)]);
    const bomb = tmp.write('bomb-images.gz', padded(header), { gzip: true });
    await expectDamage(readIdxImages(bomb, { maxInflatedBytes: 1024 ** 2 }), bomb, 'too-large', /larger than 1 MiB once decompressed/);
    await expectDamage(readIdxImages(bomb), bomb, 'trailing-bytes', /8388608 trailing bytes: header declares 1×2×2 = 4 data bytes/);
    const png = tmp.write('png-images.gz', padded(Buffer.from([0x89, 0x50, 0x4e, 0x47])), { gzip: true });
    await expectDamage(readIdxImages(png, { maxInflatedBytes: 1024 ** 2 }), png, 'bad-magic', /bad magic number 0x89504e47/);
  });
});
