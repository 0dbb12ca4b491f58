import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import {
  BUILTIN_DATASETS,
  clearBuiltinDatasetCache,
  loadBuiltinDataset,
  resolveBuiltinDatasetFiles,
  type FetchLike,
} from './builtin-datasets';
import { DatasetFormatError, DatasetNotFoundError } from './dataset-errors';
import { readIdxPair } from './idx-reader';
import { idxImagesBytes, idxLabelsBytes, makeImageSet, makeTempDir, type TempDir } from './image-set.factory';

/** The shared official files (see ENVIRONMENT.md); never copied into the repo. */
const SHARED_DATASETS = process.env.ATELIER_SHARED_DATASETS ?? path.resolve(__dirname, '../../../../../shared/datasets');
const FASHION_DIR = path.join(SHARED_DATASETS, 'fashion-mnist');
const hasFashion = existsSync(path.join(FASHION_DIR, 't10k-images-idx3-ubyte.gz'));
const withFashion = hasFashion ? describe : describe.skip;
const skipNote = hasFashion ? '' : ` (SKIPPED: official files not found in ${FASHION_DIR}; set ATELIER_SHARED_DATASETS)`;

const FILE_NAMES = BUILTIN_DATASETS['fashion-mnist'].files.map((f) => f.name);

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

describe('builtin datasets', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
    clearBuiltinDatasetCache();
  });
  afterEach(() => tmp.remove());

  it('describes Fashion-MNIST and MNIST with the official class names and files', () => {
    expect(BUILTIN_DATASETS['fashion-mnist'].classNames).toEqual([
      'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
    ]);
    expect(BUILTIN_DATASETS.mnist.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const info of Object.values(BUILTIN_DATASETS)) {
      expect(info.files.map((f) => f.name)).toEqual(FILE_NAMES);
    }
  });

  it.each(['fashion-mnist', 'mnist'] as const)('hard-codes the MD5s published in MD5SUMS (%s)', (key) => {
    const sums = path.join(SHARED_DATASETS, key, 'MD5SUMS');
    if (!existsSync(sums)) {
      console.warn(`skipped: ${sums} not found`);
      return;
    }
    const published: Record<string, string> = Object.fromEntries(
      readFileSync(sums, 'utf8').trim().split('\n').map((line) => line.trim().split(/\s+/).reverse() as [string, string]),
    );
    for (const file of BUILTIN_DATASETS[key].files) expect(file.gzipMd5).toBe(published[file.name]);
  });

  describe('resolveBuiltinDatasetFiles', () => {
    const place = (dir: string, names = FILE_NAMES) => {
      mkdirSync(dir, { recursive: true });
      for (const name of names) writeFileSync(path.join(dir, name), 'x');
    };

    it('searches directories (files directly or in <key>/), then the system root, then the cache', async () => {
      place(path.join(tmp.dir, 'b', 'fashion-mnist'));
      place(path.join(tmp.dir, 'system', 'fashion-mnist'));
      place(path.join(tmp.dir, 'a'), FILE_NAMES.slice(0, 2));
      const options = { directories: [path.join(tmp.dir, 'a'), path.join(tmp.dir, 'b')], systemRoot: path.join(tmp.dir, 'system') };
      const { found, searched } = await resolveBuiltinDatasetFiles('fashion-mnist', options);
      expect(found).toMatchObject({ directory: path.join(tmp.dir, 'b', 'fashion-mnist'), kind: 'directory' });
      expect(found!.files.testLabels).toBe(path.join(tmp.dir, 'b', 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'));
      expect(searched[0]).toMatch(/a \(directory\): missing t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz/);

      const system = await resolveBuiltinDatasetFiles('fashion-mnist', { systemRoot: path.join(tmp.dir, 'system') });
      expect(system.found).toMatchObject({ kind: 'system' });
    });

    it('accepts already-gunzipped files (official name without .gz)', async () => {
      place(path.join(tmp.dir, 'raw'), FILE_NAMES.map((n) => n.replace(/\.gz$/, '')));
      const { found } = await resolveBuiltinDatasetFiles('mnist', { directories: [path.join(tmp.dir, 'raw')], systemRoot: null });
      expect(found!.files.trainImages).toBe(path.join(tmp.dir, 'raw', 'train-images-idx3-ubyte'));
    });
  });

  it('offline with nothing local: a clear error listing every place it looked', async () => {
    const error = await loadBuiltinDataset('mnist', {
      directories: [path.join(tmp.dir, 'nowhere')],
      systemRoot: path.join(tmp.dir, 'sys'),
      cacheDir: path.join(tmp.dir, 'cache'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(path.join(tmp.dir, 'nowhere'));
    expect(message).toContain(path.join(tmp.dir, 'nowhere', 'mnist'));
    expect(message).toContain(path.join(tmp.dir, 'sys', 'mnist'));
    expect(message).toContain(path.join(tmp.dir, 'cache', 'mnist'));
    expect(message).toMatch(/enable downloading/);
  });

  it('download allowed but the network is down: lists the places and the URLs tried', async () => {
    const fetchImpl: FetchLike = (url) => Promise.reject(new Error(`getaddrinfo ENOTFOUND ${new URL(url).host}`));
    const error = await loadBuiltinDataset('mnist', { systemRoot: null, cacheDir: tmp.dir, download: true, fetchImpl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    expect((error as Error).message).toMatch(/ossci-datasets\.s3\.amazonaws\.com\/mnist\/train-images-idx3-ubyte\.gz: getaddrinfo ENOTFOUND/);
    expect((error as Error).message).toMatch(/downloading failed/);
  });

  it('a download with a bad checksum is deleted and reported; nothing is left in the cache', async () => {
    const fetchImpl: FetchLike = (url) =>
      Promise.resolve(
        url.startsWith(BUILTIN_DATASETS.mnist.mirrors[0]!)
          ? { ok: true, status: 200, arrayBuffer: () => Promise.resolve(new Uint8Array([1, 2, 3]).buffer) }
          : { ok: false, status: 404, statusText: 'Not Found', arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)) },
      );
    const error = await loadBuiltinDataset('mnist', { systemRoot: null, cacheDir: tmp.dir, download: true, fetchImpl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).code).toBe('checksum-mismatch');
    expect((error as Error).message).toMatch(/checksum mismatch \(MD5 5289df737df57326fcdd22597afb1fac, expected f68b3c2dcbeaaa9fbdd348bbdeb94873\); the download was deleted/);
    expect((error as Error).message).toMatch(/HTTP 404 Not Found/);
    expect(readdirSync(path.join(tmp.dir, 'mnist'))).toEqual([]);
  });

  it('local files with the right names but other content fail the checksum, naming the file', async () => {
    const set = makeImageSet({ labels: [1, 2], height: 28, width: 28 });
    const dir = path.join(tmp.dir, 'fake');
    mkdirSync(dir);
    for (const name of FILE_NAMES) {
      writeFileSync(path.join(dir, name), gzipSync(name.includes('images') ? idxImagesBytes(set) : idxLabelsBytes(set)));
    }
    const error = await loadBuiltinDataset('fashion-mnist', { directories: [dir], systemRoot: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).file).toMatch(/fake\/(train|t10k)-/);
    expect((error as Error).message).toMatch(/checksum mismatch for Fashion-MNIST .*: decompressed MD5 [0-9a-f]{32}, expected [0-9a-f]{32}/);
  });

  withFashion(`with the official Fashion-MNIST files${skipNote}`, () => {
    it('reads the 10k test files: 10000 images of 28×28, 1000 per class', async () => {
      const test = await readIdxPair({
        imagesFile: path.join(FASHION_DIR, 't10k-images-idx3-ubyte.gz'),
        labelsFile: path.join(FASHION_DIR, 't10k-labels-idx1-ubyte.gz'),
        numClasses: 10,
      });
      expect(test).toMatchObject({ count: 10000, height: 28, width: 28, channels: 1 });
      expect(test.images.length).toBe(10000 * 28 * 28);
      const histogram = new Array<number>(10).fill(0);
      for (const label of test.labels) histogram[label]!++;
      expect(histogram).toEqual(new Array<number>(10).fill(1000));
    });

    it('loads verified from a directory and reuses the same arrays on a second load', async () => {
      const first = await loadBuiltinDataset('fashion-mnist', { directories: [SHARED_DATASETS], systemRoot: null });
      expect(first.source).toBe(FASHION_DIR);
      expect(first.train).toMatchObject({ count: 60000, height: 28, width: 28 });
      expect(first.test.count).toBe(10000);
      const second = await loadBuiltinDataset('fashion-mnist', { directories: [FASHION_DIR], systemRoot: null });
      expect(second.train.images).toBe(first.train.images);
      expect(second.test.labels).toBe(first.test.labels);
    });

    it("accepts Debian's re-packaged copy (other gzip headers, same pixels) from the system root", async () => {
      const debian = path.join(tmp.dir, 'usr-share-datasets', 'fashion-mnist');
      mkdirSync(debian, { recursive: true });
      for (const name of FILE_NAMES) {
        const original = path.join(FASHION_DIR, name);
        if (name.startsWith('train-images')) {
          symlinkSync(original, path.join(debian, name)); // spare re-compressing 47 MB
        } else {
          const repacked = gzipSync(gunzipSync(readFileSync(original)), { level: 1 });
          expect(md5(repacked)).not.toBe(BUILTIN_DATASETS['fashion-mnist'].files.find((f) => f.name === name)!.gzipMd5);
          writeFileSync(path.join(debian, name), repacked);
        }
      }
      const dataset = await loadBuiltinDataset('fashion-mnist', { systemRoot: path.dirname(debian) });
      expect(dataset.source).toBe(debian);
      expect(dataset.test.count).toBe(10000);
    });

    it('downloads into the cache with verification (temp file + rename), then loads from it', async () => {
      const requested: string[] = [];
      const fetchImpl: FetchLike = (url) => {
        requested.push(url);
        const bytes = readFileSync(path.join(FASHION_DIR, path.basename(new URL(url).pathname)));
        return Promise.resolve({ ok: true, status: 200, arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) });
      };
      const cacheDir = path.join(tmp.dir, 'cache');
      const dataset = await loadBuiltinDataset('fashion-mnist', { systemRoot: null, cacheDir, download: true, fetchImpl });
      expect(dataset.source).toBe(path.join(cacheDir, 'fashion-mnist'));
      expect(requested).toHaveLength(4);
      expect(requested[0]).toBe('http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz');
      expect(readdirSync(path.join(cacheDir, 'fashion-mnist')).sort()).toEqual([...FILE_NAMES].sort());
      // Second call: found in the cache, no network.
      clearBuiltinDatasetCache();
      await loadBuiltinDataset('fashion-mnist', { systemRoot: null, cacheDir, download: true, fetchImpl });
      expect(requested).toHaveLength(4);
    });
  });
});
