import { DatasetFormatError } from './dataset-errors';
import { encodeCsv } from './csv-reader';
import { balancedLabels, idxImagesBytes, idxLabelsBytes, makeImageSet, makeTempDir, type TempDir } from './image-set.factory';
import { importDataset } from './import-dataset';

describe('importDataset', () => {
  let tmp: TempDir;
  const train = makeImageSet({ labels: balancedLabels(3, 7), height: 5, width: 5, seed: 1 });
  const test = makeImageSet({ labels: [2, 1, 0, 0], height: 5, width: 5, seed: 2 });
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('imports an IDX train and test pair with class names', async () => {
    const dataset = await importDataset({
      format: 'idx',
      key: 'shapes',
      name: 'Shapes',
      classNames: ['circle', 'square', 'star'],
      trainImages: tmp.write('train-images.gz', idxImagesBytes(train), { gzip: true }),
      trainLabels: tmp.write('train-labels.gz', idxLabelsBytes(train), { gzip: true }),
      testImages: tmp.write('test-images', idxImagesBytes(test)),
      testLabels: tmp.write('test-labels', idxLabelsBytes(test)),
    });
    expect(dataset).toMatchObject({ key: 'shapes', name: 'Shapes', classNames: ['circle', 'square', 'star'] });
    expect(dataset.train).toMatchObject({ count: 21, height: 5, width: 5, channels: 1 });
    expect(Array.from(dataset.test.labels)).toEqual([2, 1, 0, 0]);
    expect(Array.from(dataset.train.images)).toEqual(Array.from(train.images));
    expect(dataset.source).toContain('train-images.gz');
  });

  it('imports CSVs with default class names and holds out a stratified test split when no test file', async () => {
    const dataset = await importDataset({ format: 'csv', key: 'digits', trainCsv: tmp.write('train.csv', encodeCsv(train)), seed: 3 });
    expect(dataset.classNames).toEqual(['0', '1', '2']);
    expect(dataset.name).toBe('digits');
    expect(dataset.train.count + dataset.test.count).toBe(21);
    expect(dataset.test.count).toBe(3); // round(21 / 7)
    expect(Array.from(dataset.test.labels).sort()).toEqual([0, 1, 2]);
    const again = await importDataset({ format: 'csv', key: 'digits', trainCsv: tmp.write('train.csv', encodeCsv(train)), seed: 3 });
    expect(again.test).toEqual(dataset.test);

    const noTest = await importDataset({ format: 'csv', key: 'digits', trainCsv: tmp.write('t.csv', encodeCsv(train)), testFraction: 0 });
    expect(noTest.train.count).toBe(21);
    expect(noTest.test).toMatchObject({ count: 0, height: 5, width: 5 });
  });

  it('uses the test CSV when given, and accepts one file with a header and one without', async () => {
    const dataset = await importDataset({
      format: 'csv',
      key: 'digits',
      trainCsv: tmp.write('train.csv', encodeCsv(train)),
      testCsv: tmp.write('test.csv', encodeCsv(test, { header: false })),
    });
    expect(dataset.test.count).toBe(4);
    // each split knows its file and the line of its first row: after a header, or without one
    expect(dataset.origins.train).toMatchObject({ firstLine: 2, rows: null });
    expect(dataset.origins.test).toMatchObject({ firstLine: 1, rows: null });
    expect(dataset.origins.test.file).toMatch(/test\.csv$/);
  });

  it('records which row of the file each held-out and kept image is', async () => {
    const file = tmp.write('rows.csv', encodeCsv(train));
    const dataset = await importDataset({ format: 'csv', key: 'digits', trainCsv: file, seed: 3 });
    const { train: kept, test: held } = dataset.origins;
    expect([kept.file, held.file, kept.firstLine]).toEqual([file, file, 2]);
    expect([...kept.rows!, ...held.rows!].sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    // the stored test image i is row held.rows[i] of the file: same label
    held.rows!.forEach((row, i) => expect(dataset.test.labels[i]).toBe(train.labels[row]));
  });

  const reject = async (promise: Promise<unknown>, file: string, message: RegExp) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).file).toBe(file);
    expect((error as Error).message).toMatch(message);
  };

  it('rejects labels beyond the given class names, naming the file', async () => {
    const trainLabels = tmp.write('train-labels', idxLabelsBytes(train));
    await reject(
      importDataset({ format: 'idx', key: 'x', classNames: ['a', 'b'], trainImages: tmp.write('train-images', idxImagesBytes(train)), trainLabels }),
      trainLabels,
      /label 2, but there are 2 classes/,
    );
  });

  it('rejects a test split of another image shape', async () => {
    const small = makeImageSet({ labels: [0, 1], height: 4, width: 4 });
    const testCsv = tmp.write('test.csv', encodeCsv(small));
    await reject(
      importDataset({ format: 'csv', key: 'x', trainCsv: tmp.write('train.csv', encodeCsv(train)), testCsv }),
      testCsv,
      /test images are 4×4 but train images .* are 5×5/,
    );
  });

  it('rejects CSV headers that differ between train and test', async () => {
    const testCsv = tmp.write('test.csv', encodeCsv(test).replace('pixel3,', 'pxl3,'));
    await reject(
      importDataset({ format: 'csv', key: 'x', trainCsv: tmp.write('train.csv', encodeCsv(train)), testCsv }),
      testCsv,
      /header differs .* at column 4: 'pxl3' vs 'pixel3'/,
    );
  });

  it('rejects duplicate class names and a test images file without labels', async () => {
    const trainCsv = tmp.write('train.csv', encodeCsv(train));
    await reject(importDataset({ format: 'csv', key: 'x', trainCsv, classNames: ['a', 'b', 'a'] }), trainCsv, /not unique: a/);
    const testImages = tmp.write('test-images', idxImagesBytes(test));
    await reject(
      importDataset({ format: 'idx', key: 'x', trainImages: trainCsv, trainLabels: trainCsv, testImages }),
      testImages,
      /needs its labels file/,
    );
  });

  it('validates the key with the domain schema', async () => {
    await expect(importDataset({ format: 'csv', key: 'Bad Key', trainCsv: 'x.csv' })).rejects.toThrow(/lower-case/);
  });
});
