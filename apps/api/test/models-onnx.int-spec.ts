/** @jest-environment ../../packages/ml/src/onnx/onnxruntime.jest-environment.js */
// onnxruntime-node's outputs are typed arrays of the main V8 context: the environment (packages/ml's)
// gives the test file the same constructors, or onnxruntime-common rejects them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ZRunArtifact } from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { readIdxImages, readIdxLabels } from '@atelier/ml/data/idx-reader';
import { scaleToUnit } from '@atelier/ml/data/prepare';
import { buildModelZip, makeModelCard, MODEL_CARD_FORMAT, type ModelCard } from '@atelier/ml/io/model-export';
import { ONNX_CARD_MARKDOWN_KEY, ONNX_CLASS_NAMES_KEY, readOnnxModelCard } from '@atelier/ml/onnx/onnx-export';
import { decodeOnnxModel } from '@atelier/ml/onnx/onnx-proto';
import { runOnnx } from '@atelier/ml/onnx/onnx-runtime.factory';
import { seedTrackedRun } from './run-artifacts-fixtures';
import { seedExperiment } from './seed-trials';
import { errorOf, startTestApp, type TestApp } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DATASET_DIR = process.env.ATELIER_DATASET_DIR ?? path.resolve(__dirname, '../../../../shared/datasets');
const FASHION_DIR = path.join(DATASET_DIR, 'fashion-mnist');
// CI must train the model: there a missing dataset is a failure, not a skip.
const withFashion = existsSync(path.join(FASHION_DIR, 'train-images-idx3-ubyte.gz')) || process.env.CI ? it : it.skip;
const TRAIN_IMAGES = 1024;
const COMPARED_IMAGES = 32;

/** The first `count` images of a Fashion-MNIST split as [0, 1] NHWC floats, with their labels. */
async function fashion(split: 'train' | 't10k', count: number): Promise<{ x: Float32Array; labels: Uint8Array }> {
  const images = await readIdxImages(path.join(FASHION_DIR, `${split}-images-idx3-ubyte.gz`));
  const labels = await readIdxLabels(path.join(FASHION_DIR, `${split}-labels-idx1-ubyte.gz`));
  return { x: scaleToUnit(images.images.subarray(0, count * 28 * 28)), labels: labels.subarray(0, count) };
}

describe('models: GET /models/:id/model.onnx (PostgreSQL, onnxruntime-node)', () => {
  let t: TestApp;
  const http = () => t.api;
  /** GET with the body kept as bytes (supertest parses only text and JSON by itself). */
  const getBytes = (url: string) =>
    http()
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await startTestApp();
    await selectBackend({ env: {} });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  withFashion('sends a trained, saved CNN as ONNX that onnxruntime runs to TF.js probabilities, its card in metadata_props', async () => {
    const { runId, experimentId } = await seedTrackedRun(t.prisma, { experiment: 'ONNX export', name: 'small cnn' });
    const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 3, activation: 'relu', kernelInitializer: seeded(1) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(2) }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dropout({ rate: 0.2, seed: 3 }),
        tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: seeded(4) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const train = await fashion('train', TRAIN_IMAGES);
    const [xs, ys] = [tf.tensor4d(train.x, [TRAIN_IMAGES, 28, 28, 1]), tf.tensor1d(Array.from(train.labels), 'float32')];
    await model.fit(xs, ys, { epochs: 2, batchSize: 64, shuffle: false });
    tf.dispose([xs, ys]);

    const saved = await model.save(
      tf.io.http(`${t.url}/runs/${runId}/model?dataset=fashion-mnist`, { requestInit: { headers: t.authHeaders } }),
    );
    const artifact = ZRunArtifact.parse(await (saved.responses![0] as Response).json());

    const response = await getBytes(`/models/${artifact.id}/model.onnx`).expect(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=onnx-export-small-cnn-${artifact.id}.onnx`);
    const bytes = new Uint8Array(response.body as Buffer);
    expect(Number(response.headers['content-length'])).toBe(bytes.byteLength);

    // onnxruntime on held-out test images gives the in-memory TF.js model's probabilities
    const test = await fashion('t10k', COMPARED_IMAGES);
    const shape = [COMPARED_IMAGES, 28, 28, 1];
    const onnx = await runOnnx(bytes, test.x, shape);
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(test.x, shape as [number, number, number, number])) as tf.Tensor).dataSync());
    expect(onnx).toHaveLength(COMPARED_IMAGES * 10);
    let maxAbsDiff = 0;
    for (let i = 0; i < onnx.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(onnx[i]! - expected[i]!));
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-4);
    // …and it is a trained classifier, not seeded noise: well above the 10% of chance
    const predicted = Array.from({ length: COMPARED_IMAGES }, (_, n) => {
      const row = Array.from(onnx.subarray(n * 10, n * 10 + 10));
      return row.indexOf(Math.max(...row));
    });
    const correct = predicted.filter((label, n) => label === test.labels[n]).length;
    expect(correct / COMPARED_IMAGES).toBeGreaterThan(0.5);

    // the model card travels in metadata_props, and is the one GET /models/:id/model-card.json answers
    const card = readOnnxModelCard(bytes);
    expect(card).toMatchObject({
      format: MODEL_CARD_FORMAT,
      name: 'small cnn (ONNX export) on Fashion-MNIST',
      classNames: FASHION,
      inputShape: [null, 28, 28, 1],
      parameterCount: model.countParams(),
      experimentId,
      trialId: runId,
    });
    const props = new Map(decodeOnnxModel(bytes).metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(props.get(ONNX_CLASS_NAMES_KEY)!)).toEqual(FASHION);
    expect(props.get(ONNX_CARD_MARKDOWN_KEY)).toMatch(/^# small cnn \(ONNX export\) on Fashion-MNIST/);
    expect(props.get(ONNX_CARD_MARKDOWN_KEY)).toContain('onnxruntime');
    const served = (await http().get(`/models/${artifact.id}/model-card.json`).expect(200)).body as ModelCard;
    expect(served).toEqual(card);
    model.dispose();
  });

  it('answers 404 for an unknown model, on the ONNX and the card routes', async () => {
    const onnx = await http().get(`/models/${MISSING}/model.onnx`).expect(404);
    expect(errorOf(onnx).message).toBe(`Model '${MISSING}' not found`);
    const card = await http().get(`/models/${MISSING}/model-card.json`).expect(404);
    expect(errorOf(card).message).toBe(`Model '${MISSING}' not found`);
  });

  it('answers 422 naming the layer the export does not translate; the TF.js zip still downloads', async () => {
    const { runId } = await seedTrackedRun(t.prisma, { experiment: 'ONNX export', name: 'global pooling' });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 10,
          kernelSize: 3,
          kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
        }),
        tf.layers.globalAveragePooling2d({ name: 'gap' }),
        tf.layers.softmax(),
      ],
    });
    const saved = await model.save(
      tf.io.http(`${t.url}/runs/${runId}/model?dataset=fashion-mnist`, { requestInit: { headers: t.authHeaders } }),
    );
    model.dispose();
    const artifact = ZRunArtifact.parse(await (saved.responses![0] as Response).json());

    const refused = await http().get(`/models/${artifact.id}/model.onnx`).expect(422);
    expect(errorOf(refused).error).toBe('onnx_unsupported');
    expect(errorOf(refused).message).toMatch(
      new RegExp(`^Model '${artifact.id}' cannot be exported to ONNX: layer 'gap' is a GlobalAveragePooling2D`),
    );
    await http().get(`/models/${artifact.id}/download`).expect(200);
  });

  it('answers 422 for a KNN baseline: it has no ONNX form', async () => {
    const seeded = await seedExperiment(t.prisma, { name: 'baselines', trials: [{ number: 1, architecture: 'knn' }] });
    // Whatever bytes a KNN trial's model holds, the route refuses before reading them.
    const dense = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    const content = await buildModelZip({
      model: dense,
      card: makeModelCard({
        name: 'knn',
        architecture: 'knn',
        dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
        classNames: FASHION,
        hyperparameters: null,
        crossValidation: null,
        test: null,
        backend: 'test',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    });
    dense.dispose();
    const artifact = await t.prisma.artifact.create({
      data: {
        experimentId: seeded.id,
        trialId: seeded.trialIds[0]!,
        kind: 'model',
        content: Uint8Array.from(content),
        sizeBytes: BigInt(content.byteLength),
        sha256: createHash('sha256').update(content).digest('hex'),
        metadata: { format: 'zip' },
      },
    });
    const refused = await http().get(`/models/${artifact.id}/model.onnx`).expect(422);
    expect(errorOf(refused).error).toBe('onnx_unsupported');
    expect(errorOf(refused).message).toMatch(/is a KNN baseline \(architecture 'knn'\): KNN baselines have no ONNX form/);
  });
});
