import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatasetFormatError } from './dataset-errors';
import { balancedLabels, makeImageSet, makeTempDir, type TempDir } from './image-set.factory';
import { loadStoredDataset, readStoredManifest, saveStoredDataset, StoredDatasetExistsError } from './stored-dataset';
import type { LabeledDataset } from './types';

const SOURCE = { format: 'csv' as const, files: ['train.csv'], testFraction: 0.25 };

function dataset(key = 'shapes', testCount = 4): LabeledDataset {
  return {
    key,
    name: 'Shapes',
    classNames: ['circle', 'square', 'star'],
    train: makeImageSet({ labels: balancedLabels(3, 5), height: 3, width: 4, seed: 1 }),
    test: makeImageSet({ labels: balancedLabels(3, 5).slice(0, testCount), height: 3, width: 4, seed: 2 }),
    source: '/uploads/train.csv',
  };
}

describe('stored datasets', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('round-trips pixels, labels, names and shape through raw IDX files and a manifest', async () => {
    const original = dataset();
    const { directory, manifest } = await saveStoredDataset({ root: tmp.dir, dataset: original, source: SOURCE, now: new Date('2026-01-02T03:04:05Z') });
    expect(directory).toBe(path.join(tmp.dir, 'shapes'));
    expect(readdirSync(tmp.dir)).toEqual(['shapes']); // no staging directory left behind
    expect(manifest).toMatchObject({ key: 'shapes', trainSize: 15, testSize: 4, imageShape: [3, 4, 1], importedAt: '2026-01-02T03:04:05.000Z' });
    // 16-byte IDX3 header + 15 images of 12 pixels
    expect(manifest.files.trainImages.bytes).toBe(16 + 15 * 12);

    const loaded = await loadStoredDataset(directory);
    expect(loaded.classNames).toEqual(['circle', 'square', 'star']);
    expect(Array.from(loaded.train.images)).toEqual(Array.from(original.train.images));
    expect(Array.from(loaded.train.labels)).toEqual(Array.from(original.train.labels));
    expect(Array.from(loaded.test.labels)).toEqual(Array.from(original.test.labels));
    expect(loaded.test).toMatchObject({ count: 4, height: 3, width: 4 });
    expect((await readStoredManifest(directory)).source).toEqual(SOURCE);
  });

  it('stores and loads an empty test split', async () => {
    const { directory } = await saveStoredDataset({ root: tmp.dir, dataset: dataset('no-test', 0), source: { ...SOURCE, testFraction: 0 } });
    const loaded = await loadStoredDataset(directory);
    expect(loaded.test).toMatchObject({ count: 0, height: 3, width: 4 });
    expect(loaded.train.count).toBe(15);
  });

  it('refuses to overwrite an existing key and leaves the other dataset intact', async () => {
    await saveStoredDataset({ root: tmp.dir, dataset: dataset(), source: SOURCE });
    const before = readFileSync(path.join(tmp.dir, 'shapes', 'dataset.json'), 'utf8');
    await expect(saveStoredDataset({ root: tmp.dir, dataset: { ...dataset(), name: 'Other' }, source: SOURCE })).rejects.toBeInstanceOf(
      StoredDatasetExistsError,
    );
    expect(readFileSync(path.join(tmp.dir, 'shapes', 'dataset.json'), 'utf8')).toBe(before);
    expect(readdirSync(tmp.dir)).toEqual(['shapes']);
  });

  it('rejects a file changed after import, naming it', async () => {
    const { directory } = await saveStoredDataset({ root: tmp.dir, dataset: dataset(), source: SOURCE });
    const file = path.join(directory, 'train-labels-idx1-ubyte');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 3;
    writeFileSync(file, bytes);
    const error = await loadStoredDataset(directory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).code).toBe('checksum-mismatch');
    expect((error as Error).message).toContain('train-labels-idx1-ubyte');
  });

  it('explains a missing or invalid manifest', async () => {
    await expect(loadStoredDataset(path.join(tmp.dir, 'nothing'))).rejects.toThrow(/cannot read the dataset manifest/);
    const { directory } = await saveStoredDataset({ root: tmp.dir, dataset: dataset(), source: SOURCE });
    writeFileSync(path.join(directory, 'dataset.json'), JSON.stringify({ version: 1, key: 'shapes' }));
    await expect(loadStoredDataset(directory)).rejects.toThrow(/manifest is invalid at name/);
    expect(existsSync(directory)).toBe(true);
  });
});
