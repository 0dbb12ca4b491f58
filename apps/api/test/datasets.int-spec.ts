import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PNG } from 'pngjs';
import {
  ZDatasetCorrelation,
  ZDatasetDetail,
  ZDatasetImportNeedsConfirmation,
  ZDatasetMeanImages,
  ZDatasetSamples,
  ZDatasetSummary,
  type TDatasetDetail,
  type TDatasetSamples,
  type TDatasetSummary,
} from '@atelier/domain';
import { loadBuiltinDataset } from '@atelier/ml/data/builtin-datasets';
import { encodeCsv } from '@atelier/ml/data/csv-reader';
import { balancedLabels, idxImagesBytes, idxLabelsBytes, makeImageSet } from '@atelier/ml/data/image-set.factory';
import { loadStoredDataset } from '@atelier/ml/data/stored-dataset';
import type { LabeledDataset } from '@atelier/ml/data/types';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

// The real files: the explorer's statistics are checked against Fashion-MNIST's known counts.
const DATASET_DIR = process.env.ATELIER_DATASET_DIR ?? path.resolve(__dirname, '../../../../shared/datasets');

/** 40 images of 28×28 in 4 classes, as a Kaggle-layout CSV with a header. */
function smallCsv(): { csv: string; labels: number[] } {
  const labels = balancedLabels(4, 10);
  const set = makeImageSet({ labels, height: 28, width: 28, seed: 5, pixel: (i, p, label) => (p % 4 === label ? 200 : (i * 7 + p) % 50) });
  return { csv: encodeCsv(set), labels };
}

describe('datasets API: explorer and import (PostgreSQL)', () => {
  let t: TestApp;
  let fashion: LabeledDataset;
  const http = () => t.api;
  const storedRoot = () => path.join(t.dataDir, 'datasets');
  /** What an import may leave behind besides the datasets: nothing but the (empty) upload folder. */
  const leftovers = () => (existsSync(storedRoot()) ? readdirSync(storedRoot()).filter((name) => name !== '.uploads') : []);

  beforeAll(async () => {
    t = await startTestApp({ ATELIER_DATASET_DIR: DATASET_DIR });
    fashion = await loadBuiltinDataset('fashion-mnist', { directories: [DATASET_DIR] });
  }, 120_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  describe('explorer', () => {
    it('reports the class distribution per split and the data-quality checks of Fashion-MNIST', async () => {
      const response = await http().get('/datasets/fashion-mnist').expect(200);
      const detail = ZDatasetDetail.parse(response.body);
      expect(detail.dataset).toMatchObject({ key: 'fashion-mnist', trainSize: 60000, testSize: 10000, available: true });
      expect(detail.classDistribution.train).toEqual(new Array(10).fill(6000));
      expect(detail.classDistribution.test).toEqual(new Array(10).fill(1000));
      // Fashion-MNIST has no exact duplicates and no blank images: the report must say so, with numbers
      expect(detail.duplicates).toMatchObject({ groupCount: 0, redundantImages: 0, testImagesSeenInTrain: 0, examples: [] });
      expect(detail.anomalies.train).toEqual({ empty: 0, constant: 0, invalidLabel: 0, examples: [] });
      expect(detail.description).toContain('Zalando');
      expect(detail.source).toContain('fashion-mnist');
      // the second request is served from the cache
      const again = await http().get('/datasets/fashion-mnist').expect(200);
      expect((again.body as TDatasetDetail).computedInMs).toBe(detail.computedInMs);
    });

    it('serves the mean image of each class', async () => {
      const means = ZDatasetMeanImages.parse((await http().get('/datasets/fashion-mnist/mean-images').expect(200)).body);
      expect(means).toMatchObject({ split: 'train', height: 28, width: 28 });
      expect(means.classes.map((c) => c.name)).toEqual([...fashion.classNames]);
      expect(means.classes.every((c) => c.count === 6000 && c.pixels.length === 784)).toBe(true);
      // the mean of class 1 (Trouser) at pixel 0 is the mean of those 6000 images' first pixels
      let sum = 0;
      for (let i = 0; i < fashion.train.count; i++) if (fashion.train.labels[i] === 1) sum += fashion.train.images[i * 784 + 14 * 28 + 10]!;
      expect(means.classes[1]!.pixels[14 * 28 + 10]).toBeCloseTo(sum / 6000 / 255, 3);
    });

    it('serves the pixel–label correlation ratio, high in the middle and zero where pixels never vary', async () => {
      const map = ZDatasetCorrelation.parse((await http().get('/datasets/fashion-mnist/correlation').expect(200)).body);
      expect(map).toMatchObject({ measure: 'correlation-ratio', height: 28, width: 28 });
      expect(map.values).toHaveLength(784);
      expect(Math.min(...map.values)).toBeGreaterThanOrEqual(0);
      expect(map.max).toBe(Math.max(...map.values));
      expect(map.max).toBeGreaterThan(0.5);
      expect(map.max).toBeLessThanOrEqual(1);
      expect(map.values[14 * 28 + 14]).toBeGreaterThan(map.values[0]!);
    });

    it('samples the same images for the same seed, with their labels and image paths', async () => {
      const first = ZDatasetSamples.parse(
        (await http().get('/datasets/fashion-mnist/samples?split=test&count=12&seed=7').expect(200)).body,
      );
      const again = (await http().get('/datasets/fashion-mnist/samples?split=test&count=12&seed=7').expect(200)).body as TDatasetSamples;
      const other = (await http().get('/datasets/fashion-mnist/samples?split=test&count=12&seed=8').expect(200)).body as TDatasetSamples;
      expect(first.items).toHaveLength(12);
      expect(again).toEqual(first);
      expect(other.items.map((i) => i.index)).not.toEqual(first.items.map((i) => i.index));
      expect(new Set(first.items.map((i) => i.index)).size).toBe(12);
      for (const item of first.items) {
        expect(item.label).toBe(fashion.test.labels[item.index]);
        expect(item.className).toBe(fashion.classNames[item.label]);
        expect(item.imagePath).toBe(`/datasets/fashion-mnist/images/test/${item.index}.png`);
      }
      const bags = ZDatasetSamples.parse((await http().get('/datasets/fashion-mnist/samples?label=8&count=5').expect(200)).body);
      expect(bags).toMatchObject({ split: 'train', label: 8, total: 6000 });
      expect(bags.items.map((i) => i.className)).toEqual(new Array(5).fill('Bag'));
    });

    it('serves one image as a cacheable PNG with the exact pixels', async () => {
      const response = await http().get('/datasets/fashion-mnist/images/train/123.png').buffer(true).expect(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['cache-control']).toContain('max-age=86400');
      expect(response.headers.etag).toBeTruthy();
      const png = response.body as Buffer;
      // IHDR: 28 × 28, 8-bit grayscale
      expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([28, 28, 8, 0]);
      // decoded to RGBA, each pixel's gray level is in R (and G and B)
      const decoded = PNG.sync.read(png);
      const pixels = Array.from({ length: 784 }, (_, i) => decoded.data[i * 4]);
      expect(pixels).toEqual(Array.from(fashion.train.images.subarray(123 * 784, 124 * 784)));
      await http().get('/datasets/fashion-mnist/images/train/123.png').set('If-None-Match', response.headers.etag!).expect(304);
    });

    it('answers 404 for an unknown key and 400 for a bad split, index or sample query', async () => {
      const missing = await http().get('/datasets/cifar-10').expect(404);
      expect(missing.body).toMatchObject({ error: 'not_found' });
      expect(errorOf(missing).message).toBe("No dataset with key 'cifar-10'. Known datasets: fashion-mnist, mnist.");
      await http().get('/datasets/cifar-10/images/train/0.png').expect(404);

      const split = await http().get('/datasets/fashion-mnist/images/validation/0.png').expect(400);
      expect(errorOf(split).message).toMatch(/^Invalid path parameter: split/);
      const index = await http().get('/datasets/fashion-mnist/images/test/10000.png').expect(400);
      expect(errorOf(index).message).toBe("index 10000 is out of range: the test split of 'fashion-mnist' has 10000 images (0..9999)");
      await http().get('/datasets/fashion-mnist/images/test/-1.png').expect(400);
      await http().get('/datasets/fashion-mnist/samples?count=0').expect(400);
      const label = await http().get('/datasets/fashion-mnist/samples?label=10').expect(400);
      expect(errorOf(label).message).toContain("label 10 is out of range: 'fashion-mnist' has 10 classes");
    });

    it('documents the dataset routes in OpenAPI', async () => {
      const doc = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
      for (const route of [
        '/datasets/{key}',
        '/datasets/{key}/mean-images',
        '/datasets/{key}/correlation',
        '/datasets/{key}/samples',
        '/datasets/{key}/images/{split}/{index}.png',
      ]) {
        expect(doc.paths[route]?.get).toBeDefined();
      }
      expect(doc.paths['/datasets/import']!.post!.description).toContain('trainCsv');
      // the confirm step is part of the contract
      expect(doc.paths['/datasets/import']!.post!.description).toContain('acknowledgeWarnings=true');
      expect(doc.paths['/datasets/import']!.post!.responses['422']!.description).toMatch(/nothing was stored/);
      expect(doc.paths['/datasets/{key}/correlation']!.get!.description).toContain('correlation ratio');
    });
  });

  describe('import', () => {
    it('imports one CSV with a declared test fraction, stores it as IDX, and explores it', async () => {
      const { csv } = smallCsv();
      const response = await http()
        .post('/datasets/import')
        .field('key', 'tiny-shapes')
        .field('name', 'Tiny shapes')
        .field('classNames', 'bar, dot, ring, star')
        .field('testFraction', '0.25')
        .attach('trainCsv', Buffer.from(csv), 'tiny.csv')
        .expect(201);
      const summary = ZDatasetSummary.parse(response.body);
      expect(summary).toMatchObject({
        key: 'tiny-shapes',
        name: 'Tiny shapes',
        kind: 'imported',
        format: 'csv',
        classNames: ['bar', 'dot', 'ring', 'star'],
        trainSize: 30,
        testSize: 10,
        imageShape: [28, 28, 1],
        available: true,
      });

      const row = await t.prisma.dataset.findUniqueOrThrow({ where: { key: 'tiny-shapes' } });
      expect(row.storagePath).toBe(path.join('datasets', 'tiny-shapes'));
      expect(Object.keys(row.checksums as object).sort()).toEqual([
        't10k-images-idx3-ubyte',
        't10k-labels-idx1-ubyte',
        'train-images-idx3-ubyte',
        'train-labels-idx1-ubyte',
      ]);
      const stored = await loadStoredDataset(path.join(t.dataDir, 'datasets', 'tiny-shapes'));
      expect(stored.manifest.source).toMatchObject({ format: 'csv', files: ['tiny.csv'], testFraction: 0.25 });
      // every stored image knows its row of the upload: the held-out test rows and the rest, the header on line 1
      const { train: trainOrigin, test: testOrigin } = stored.manifest.source.origins!;
      expect([trainOrigin.file, trainOrigin.firstLine, testOrigin.file, testOrigin.firstLine]).toEqual(['tiny.csv', 2, 'tiny.csv', 2]);
      expect([...trainOrigin.rows!, ...testOrigin.rows!].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(leftovers()).toEqual(['tiny-shapes']);
      expect(readdirSync(path.join(storedRoot(), '.uploads'))).toEqual([]);

      const detail = ZDatasetDetail.parse((await http().get('/datasets/tiny-shapes').expect(200)).body);
      expect(detail.classDistribution.train.reduce((a, b) => a + b, 0)).toBe(30);
      expect(detail.classDistribution.test.reduce((a, b) => a + b, 0)).toBe(10);
      expect(detail.classDistribution.test.every((n) => n >= 2 && n <= 3)).toBe(true); // stratified
      const list = ((await http().get('/datasets').expect(200)).body as TDatasetSummary[]).map((d) => d.key);
      expect(list).toEqual(['fashion-mnist', 'mnist', 'tiny-shapes']);
      const image = await http().get(`/datasets/tiny-shapes/images/test/0.png`).expect(200);
      expect(image.headers['content-type']).toBe('image/png');
    });

    it('imports IDX train and test pairs (gzip or raw)', async () => {
      const train = makeImageSet({ labels: balancedLabels(3, 6), height: 28, width: 28, seed: 1 });
      const test = makeImageSet({ labels: [0, 1, 2, 2], height: 28, width: 28, seed: 2 });
      const response = await http()
        .post('/datasets/import')
        .field('key', 'idx-three')
        .field('name', 'IDX three')
        .field('classNames', JSON.stringify(['a', 'b', 'c']))
        .attach('trainImages', gzipSync(idxImagesBytes(train)), 'train-images-idx3-ubyte.gz')
        .attach('trainLabels', Buffer.from(idxLabelsBytes(train)), 'train-labels-idx1-ubyte')
        .attach('testImages', Buffer.from(idxImagesBytes(test)), 't10k-images-idx3-ubyte')
        .attach('testLabels', Buffer.from(idxLabelsBytes(test)), 't10k-labels-idx1-ubyte')
        .expect(201);
      expect(response.body).toMatchObject({ key: 'idx-three', format: 'idx', trainSize: 18, testSize: 4, classNames: ['a', 'b', 'c'] });
      const samples = (await http().get('/datasets/idx-three/samples?split=test&count=10').expect(200)).body as TDatasetSamples;
      expect(samples.items.map((i) => i.index).sort()).toEqual([0, 1, 2, 3]);
    });

    it('rejects a ragged CSV with the file, line and problem, and stores nothing', async () => {
      const { csv } = smallCsv();
      const lines = csv.split('\n');
      lines[3] = lines[3]!.split(',').slice(0, 700).join(',');
      const before = await t.prisma.dataset.count();
      const response = await http()
        .post('/datasets/import')
        .field('key', 'broken')
        .field('name', 'Broken')
        .attach('trainCsv', Buffer.from(lines.join('\n')), 'broken.csv')
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
      expect(errorOf(response).message).toBe(
        'broken.csv (train CSV): ragged row: line 4 has 700 fields, expected 785 (label + 784 pixels)',
      );
      expect(await t.prisma.dataset.count()).toBe(before);
      expect(leftovers()).not.toContain('broken');
      expect(leftovers().filter((name) => name.startsWith('.'))).toEqual([]);
      expect(readdirSync(path.join(storedRoot(), '.uploads'))).toEqual([]);
    });

    it('names the other file in a cross-file problem (IDX count mismatch)', async () => {
      const train = makeImageSet({ labels: balancedLabels(2, 5), height: 28, width: 28 });
      const response = await http()
        .post('/datasets/import')
        .field('key', 'mismatch')
        .field('name', 'Mismatch')
        .attach('trainImages', Buffer.from(idxImagesBytes(train)), 'images.idx')
        .attach('trainLabels', Buffer.from(idxLabelsBytes({ ...train, labels: train.labels.subarray(0, 9), count: 9 })), 'labels.idx')
        .expect(400);
      expect(errorOf(response).message).toBe(
        'labels.idx (train labels): images/labels count mismatch: 9 labels but images.idx (train images) has 10 images',
      );
      expect(await t.prisma.dataset.findUnique({ where: { key: 'mismatch' } })).toBeNull();
    });

    it('answers 422 with the warnings for 20 blank rows of one label, stores nothing, and imports them once acknowledged', async () => {
      const junk = encodeCsv(makeImageSet({ labels: new Array(20).fill(1), height: 28, width: 28, pixel: () => 0 }));
      const before = await t.prisma.dataset.count();
      const send = (acknowledge?: string) => {
        const call = http().post('/datasets/import').field('key', 'junk').field('name', 'Junk').field('testFraction', '0.15');
        return (acknowledge === undefined ? call : call.field('acknowledgeWarnings', acknowledge)).attach(
          'trainCsv',
          Buffer.from(junk),
          'junk.csv',
        );
      };

      const refused = await send().expect(422);
      const body = ZDatasetImportNeedsConfirmation.parse(refused.body);
      expect(body.warnings.map((w) => [w.kind, w.count])).toEqual([
        ['blank-images', 20],
        ['single-class', 20],
        ['empty-classes', 1],
        ['duplicates', 19],
      ]);
      expect(body.message).toMatch(/^The dataset was not imported: 4 warnings need your confirmation\. 20 of 20 images are blank/);
      expect(body.message).toMatch(/Send the same request with acknowledgeWarnings=true to import it anyway\.$/);
      // nothing stored: no row, no directory, no upload left
      expect(await t.prisma.dataset.count()).toBe(before);
      expect(leftovers()).not.toContain('junk');
      expect(readdirSync(path.join(storedRoot(), '.uploads'))).toEqual([]);
      // an explicit 'false' is the same as leaving it out; a value that is neither is a 400
      await send('false').expect(422);
      const bad = await send('yes').expect(400);
      expect(errorOf(bad).message).toContain("acknowledgeWarnings must be 'true' or 'false'");
      expect(await t.prisma.dataset.count()).toBe(before);

      const imported = ZDatasetSummary.parse((await send('true').expect(201)).body);
      expect(imported).toMatchObject({ key: 'junk', classNames: ['0', '1'], trainSize: 17, testSize: 3 });
      expect(imported.warnings).toEqual(body.warnings);
      // each duplicate says which split and which line of the upload it is
      const detail = ZDatasetDetail.parse((await http().get('/datasets/junk').expect(200)).body);
      const members = detail.duplicates.examples[0]!.members;
      expect(members).toHaveLength(8);
      const stored = await loadStoredDataset(path.join(t.dataDir, 'datasets', 'junk'));
      for (const member of members) {
        const rows = stored.manifest.source.origins![member.split].rows!;
        expect(member.source).toEqual({ file: 'junk.csv', line: rows[member.index]! + 2, record: rows[member.index]! });
      }
      expect(new Set(members.map((m) => m.source!.line)).size).toBe(8);
      const listed = ZDatasetSummary.array().parse((await http().get('/datasets').expect(200)).body);
      expect(listed.find((d) => d.key === 'junk')!.warnings).toEqual(body.warnings);
      expect(listed.find((d) => d.key === 'fashion-mnist')!.warnings).toEqual([]);
      expect(
        ((await t.prisma.dataset.findUniqueOrThrow({ where: { key: 'junk' } })).warnings as { kind: string }[]).map((w) => w.kind),
      ).toEqual(['blank-images', 'single-class', 'empty-classes', 'duplicates']);
    });

    it('tells a semicolon-separated CSV apart from a broken one', async () => {
      const { csv } = smallCsv();
      const response = await http()
        .post('/datasets/import')
        .field('key', 'semicolons')
        .field('name', 'Semicolons')
        .attach('trainCsv', Buffer.from(csv.replaceAll(',', ';')), 'excel.csv')
        .expect(400);
      expect(errorOf(response).message).toBe(
        "excel.csv (train CSV): line 1 has no commas but 784 semicolons: the file looks semicolon-separated; Atelier reads commas. Export it as comma-separated CSV (or replace every ';' with ',').",
      );
    });

    it('answers 409 when the key is taken, by an import or a builtin', async () => {
      const { csv } = smallCsv();
      for (const key of ['tiny-shapes', 'mnist']) {
        const response = await http()
          .post('/datasets/import')
          .field('key', key)
          .field('name', 'Again')
          .attach('trainCsv', Buffer.from(csv), 'again.csv')
          .expect(409);
        expect(errorOf(response).message).toBe(`A dataset with key '${key}' already exists: choose another key.`);
      }
      expect(await t.prisma.dataset.count({ where: { name: 'Again' } })).toBe(0);
    });

    it('answers 400 for bad fields, missing or mixed files, and class names that do not fit the labels', async () => {
      const { csv } = smallCsv();
      const badKey = await http()
        .post('/datasets/import')
        .field('key', 'Bad Key')
        .field('name', 'x')
        .attach('trainCsv', Buffer.from(csv), 'a.csv')
        .expect(400);
      expect(errorOf(badKey).message).toContain('key: dataset key must be lower-case letters, digits and dashes');

      const none = await http().post('/datasets/import').field('key', 'nothing').field('name', 'Nothing').expect(400);
      expect(errorOf(none).message).toMatch(/^No dataset file was uploaded/);

      const mixed = await http()
        .post('/datasets/import')
        .field('key', 'mixed')
        .field('name', 'Mixed')
        .attach('trainCsv', Buffer.from(csv), 'a.csv')
        .attach('trainLabels', Buffer.from([0, 0, 8, 1, 0, 0, 0, 0]), 'labels')
        .expect(400);
      expect(errorOf(mixed).message).toContain('not both');

      const unexpected = await http()
        .post('/datasets/import')
        .field('key', 'x')
        .field('name', 'x')
        .attach('validationCsv', Buffer.from(csv), 'v.csv')
        .expect(400);
      expect(errorOf(unexpected).message).toContain("Unexpected file field 'validationCsv'");

      const tooFewNames = await http()
        .post('/datasets/import')
        .field('key', 'few-names')
        .field('name', 'Few names')
        .field('classNames', 'a, b')
        .attach('trainCsv', Buffer.from(csv), 'few.csv')
        .expect(400);
      expect(errorOf(tooFewNames).message).toMatch(/^few\.csv \(train CSV\): label out of range/);
      expect(leftovers().sort()).toEqual(['idx-three', 'junk', 'tiny-shapes']);
    });
  });

  describe('upload limit', () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await startTestApp({ ATELIER_DATASET_DIR: DATASET_DIR, DATASET_UPLOAD_MAX_MB: '1' });
    });
    afterAll(async () => {
      await (small as TestApp | undefined)?.close(); // undefined when the setup failed
    });

    it('answers 413 with the field and the limit, and keeps no partial upload', async () => {
      const response = await small.api
        .post('/datasets/import')
        .field('key', 'huge')
        .field('name', 'Huge')
        .attach('trainCsv', Buffer.alloc(1024 * 1024 + 10, 0x31), 'huge.csv')
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
      expect(errorOf(response).message).toContain("The file in 'trainCsv' is larger than the 1 MiB limit");
      expect(readdirSync(path.join(small.dataDir, 'datasets', '.uploads'))).toEqual([]);
      expect(await small.prisma.dataset.count({ where: { kind: 'imported' } })).toBe(0);
    });
  });
});
