import { createHash } from 'node:crypto';
import { ZModelArtifact, ZPrediction } from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { decodePng, predictImage } from '@atelier/ml/io/image-input';
import { buildModelZip, makeModelCard, readModelZip } from '@atelier/ml/io/model-export';
import { buildModel } from '@atelier/ml/models/build-model';
import { encodeGrayscalePng } from '../src/datasets/png';
import { ModelCache } from '../src/models/model-cache';
import { seedExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** A 28×28 test image: a bright vertical bar (a "trouser") on black. */
function barPixels(): Uint8Array {
  const pixels = new Uint8Array(28 * 28);
  for (let y = 3; y < 25; y++) for (let x = 10; x < 18; x++) pixels[y * 28 + x] = 200 + ((x + y) % 50);
  return pixels;
}

describe('models: metadata, download, predict (PostgreSQL)', () => {
  let t: TestApp;
  let zip: Uint8Array;
  let trialId: string;
  let experimentId: string;
  const http = () => t.api;

  async function storeModel(): Promise<string> {
    const artifact = await t.prisma.artifact.create({
      data: {
        experimentId,
        trialId,
        kind: 'model',
        content: Uint8Array.from(zip),
        sizeBytes: BigInt(zip.byteLength),
        sha256: createHash('sha256').update(zip).digest('hex'),
        metadata: { backend: 'test', trainedOn: 1234, format: 'zip' },
      },
    });
    return artifact.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await seedExperiment(t.prisma, { name: 'Zip export: run #1', trials: [{ number: 7, meanValAccuracy: 0.8 }] });
    experimentId = seeded.id;
    trialId = seeded.trialIds[0]!;
    await selectBackend({ env: {} });
    const model = buildModel({
      spec: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 16 }] },
      inputShape: [28, 28, 1],
      numClasses: 10,
      activation: 'relu',
      seed: 3,
    });
    zip = await buildModelZip({
      model,
      card: makeModelCard({
        name: 'tiny',
        architecture: 'tiny',
        dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
        classNames: CLASS_NAMES,
        hyperparameters: {
          architecture: 'cnn-a',
          batchSize: 32,
          epochs: 1,
          activation: 'relu',
          optimizer: 'adam',
          learningRate: 0.001,
          momentum: 0,
        },
        crossValidation: null,
        test: null,
        backend: 'test',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    });
    model.dispose();
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('GET /models/:id describes the model without its bytes', async () => {
    const id = await storeModel();
    const body = ZModelArtifact.parse((await http().get(`/models/${id}`).expect(200)).body);
    expect(body).toMatchObject({ id, experimentId, trialId, kind: 'model', sizeBytes: zip.byteLength, backend: 'test', trainedOn: 1234 });
    expect(body.sha256).toBe(createHash('sha256').update(zip).digest('hex'));
    await http().get(`/models/${MISSING}`).expect(404);
  });

  it('GET /models/:id/download sends the zip as an attachment named after the experiment and trial', async () => {
    const id = await storeModel();
    const response = await http()
      .get(`/models/${id}/download`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe('attachment; filename=zip-export-run-1-trial-7.zip');
    expect(Buffer.compare(response.body as Buffer, Buffer.from(zip))).toBe(0);
    const read = await readModelZip(new Uint8Array(response.body as Buffer));
    expect(read.card.classNames).toEqual(CLASS_NAMES);
    read.model.dispose();
    await http().get(`/models/${MISSING}/download`).expect(404);
  });

  it('POST /models/:id/predict classifies a PNG upload and JSON pixels as the model does in-process', async () => {
    const id = await storeModel();
    const png = encodeGrayscalePng(barPixels(), 28, 28);
    const local = await readModelZip(zip);
    const expected = await predictImage(local.model, decodePng(new Uint8Array(png)), CLASS_NAMES);
    local.model.dispose();

    const fromPng = ZPrediction.parse((await http().post(`/models/${id}/predict`).attach('image', png, 'bar.png').expect(200)).body);
    expect(fromPng.modelId).toBe(id);
    expect(fromPng.predictions).toHaveLength(10);
    expect(fromPng.predictions[0]!.classIndex).toBe(expected[0]!.classIndex);
    expect(fromPng.predictions[0]!.className).toBe(CLASS_NAMES[expected[0]!.classIndex]);
    fromPng.predictions.forEach((p, i) => {
      expect(p.classIndex).toBe(expected[i]!.classIndex);
      expect(p.probability).toBeCloseTo(expected[i]!.probability, 5);
    });
    const sum = fromPng.predictions.reduce((s, p) => s + p.probability, 0);
    expect(sum).toBeCloseTo(1, 5);

    const fromPixels = ZPrediction.parse(
      (
        await http()
          .post(`/models/${id}/predict`)
          .send({ pixels: Array.from(barPixels()) })
          .expect(200)
      ).body,
    );
    expect(fromPixels.predictions.map((p) => p.classIndex)).toEqual(fromPng.predictions.map((p) => p.classIndex));
    const scaled = Array.from(barPixels(), (v) => v / 255);
    const fromScaled = ZPrediction.parse(
      (await http().post(`/models/${id}/predict`).send({ pixels: scaled, scale: '0-1' }).expect(200)).body,
    );
    expect(fromScaled.predictions[0]!.probability).toBeCloseTo(fromPng.predictions[0]!.probability, 5);
  });

  it('answers 400 with the reason for a bad image or bad pixels, 404 for an unknown model', async () => {
    const id = await storeModel();
    const notPng = await http().post(`/models/${id}/predict`).attach('image', Buffer.from('GIF89a not a png'), 'x.gif').expect(400);
    expect(errorOf(notPng).message).toMatch(/^The image cannot be classified: /);
    const wrongSize = await http()
      .post(`/models/${id}/predict`)
      .attach('image', encodeGrayscalePng(new Uint8Array(32 * 32), 32, 32), 'big.png')
      .expect(400);
    expect(errorOf(wrongSize).message).toMatch(/32/);
    const short = await http()
      .post(`/models/${id}/predict`)
      .send({ pixels: [1, 2, 3] })
      .expect(400);
    expect(errorOf(short).message).toMatch(/got 3 pixel values/);
    const tooBright = await http()
      .post(`/models/${id}/predict`)
      .send({ pixels: Array.from({ length: 784 }, () => 300) })
      .expect(400);
    expect(errorOf(tooBright).message).toMatch(/8-bit pixel values go from 0 to 255/);
    const noPixels = await http().post(`/models/${id}/predict`).send({ image: 'x' }).expect(400);
    expect(errorOf(noPixels).issues![0]!.path).toBe('pixels');
    const noFile = await http().post(`/models/${id}/predict`).field('note', 'hello').expect(400);
    expect(errorOf(noFile).message).toMatch(/no 'image' file/);
    const wrongField = await http()
      .post(`/models/${id}/predict`)
      .attach('picture', encodeGrayscalePng(barPixels(), 28, 28), 'a.png')
      .expect(400);
    expect(errorOf(wrongField).message).toMatch(/Unexpected file field 'picture'/);
    const missing = await http()
      .post(`/models/${MISSING}/predict`)
      .send({ pixels: Array.from(barPixels()) })
      .expect(404);
    expect(errorOf(missing).message).toBe(`Model '${MISSING}' not found`);
  });

  it('keeps a few loaded models and disposes the least recently used', async () => {
    const cache = t.app.get(ModelCache);
    const ids: string[] = [];
    for (let i = 0; i < cache.capacity + 1; i++) ids.push(await storeModel());
    const first = await cache
      .with(
        ids[0]!,
        () => Promise.reject(new Error('not cached')),
        (loaded) => Promise.resolve(loaded),
      )
      .catch(() => null);
    expect(first).toBeNull(); // not loaded yet: the loader ran and failed, nothing kept
    await http()
      .post(`/models/${ids[0]}/predict`)
      .send({ pixels: Array.from(barPixels()) })
      .expect(200);
    const model = await cache.with(
      ids[0]!,
      () => Promise.reject(new Error('should be cached')),
      (loaded) => Promise.resolve(loaded.model),
    );
    for (const id of ids.slice(1))
      await http()
        .post(`/models/${id}/predict`)
        .send({ pixels: Array.from(barPixels()) })
        .expect(200);
    expect(cache.keys()).toEqual(ids.slice(1));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(predictImage(model, new Float32Array(784), CLASS_NAMES)).rejects.toThrow(/disposed/i);
  });
});
