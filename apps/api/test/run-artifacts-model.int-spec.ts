import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { ZApiError, ZModelArtifact, ZPrediction, ZRunArtifact, ZRunArtifactList } from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { readModelZip } from '@atelier/ml/io/model-export';
import { ModelCache } from '../src/models/model-cache';
import { seedTrackedRun } from './run-artifacts-fixtures';
import { startTestApp, type TestApp } from './test-app';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** A tiny seeded classifier of 28×28 grayscale images, as a user would build it. */
function tinyClassifier(inputShape: number[] = [28, 28, 1], classes = 10): tf.Sequential {
  const model = tf.sequential();
  if (inputShape.length === 3) {
    model.add(
      tf.layers.conv2d({
        inputShape,
        filters: 2,
        kernelSize: 3,
        strides: 2,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
      }),
    );
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }));
  } else {
    model.add(
      tf.layers.dense({ inputShape, units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }),
    );
  }
  return model;
}

/** 784 pixel values 0..255: a bright bar on black, with some texture. */
function pixels(): number[] {
  return Array.from({ length: 28 * 28 }, (_, i) => {
    const [y, x] = [Math.floor(i / 28), i % 28];
    return y > 3 && y < 25 && x > 9 && x < 18 ? 180 + ((x * 7 + y * 3) % 70) : (x * y) % 11;
  });
}

/** The multipart parts tf.io.http would post, captured (no network), to send altered copies by hand. */
async function capturedParts(model: tf.LayersModel): Promise<{ modelJson: Blob; weights: Blob }> {
  let form: FormData | undefined;
  await model.save(
    tf.io.http('http://capture.invalid/model', {
      fetchFunc: (_url: unknown, init?: RequestInit) => {
        form = init!.body as FormData;
        return Promise.resolve(new Response('{}', { status: 201 }));
      },
    }),
  );
  return { modelJson: form!.get('model.json') as Blob, weights: form!.get('model.weights.bin') as Blob };
}

describe('run artifacts: a TF.js model uploaded by a run with tf.io.http (PostgreSQL)', () => {
  let t: TestApp;
  const api = () => t.api;
  const post = async (url: string, form: FormData) => {
    const response = await fetch(url, { method: 'POST', headers: t.authHeaders, body: form });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    t = await startTestApp();
    await selectBackend({ env: {} });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('stores what model.save(tf.io.http(url)) sends as a model the model routes download, describe and predict with', async () => {
    const { runId, experimentId } = await seedTrackedRun(t.prisma, {
      experiment: 'tracked cnn',
      name: 'tiny-conv',
      params: { lr: 0.01, 'optimizer.name': 'adam' },
    });
    const model = tinyClassifier();
    const tensorsBefore = tf.memory().numTensors;

    const saved = await model.save(
      tf.io.http(`${t.url}/runs/${runId}/model?dataset=fashion-mnist`, { requestInit: { headers: t.authHeaders } }),
    );
    // the upload loads and checks the model in this process, then frees it
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const artifact = ZRunArtifact.parse(await (saved.responses![0] as Response).json());
    expect(artifact).toMatchObject({ kind: 'model', name: 'model', contentType: 'application/zip' });

    // the model routes see it as they see a refit model
    const meta = ZModelArtifact.parse((await api().get(`/models/${artifact.id}`).expect(200)).body);
    expect(meta).toMatchObject({
      id: artifact.id,
      experimentId,
      trialId: runId,
      sizeBytes: artifact.sizeBytes,
      sha256: artifact.sha256,
      backend: expect.stringContaining('tfjs-layers') as unknown,
    });
    const listed = ZRunArtifactList.parse((await api().get(`/runs/${runId}/artifacts`).expect(200)).body);
    expect(listed.items.map((a) => a.id)).toEqual([artifact.id]);

    const zip = await api()
      .get(`/models/${artifact.id}/download`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = new Uint8Array(zip.body as Buffer);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.sha256);
    const loaded = await readModelZip(bytes);
    expect(loaded.card).toMatchObject({
      name: 'tiny-conv (tracked cnn) on Fashion-MNIST',
      dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
      classNames: FASHION,
      inputShape: [null, 28, 28, 1],
      hyperparameters: null,
      params: { lr: 0.01, 'optimizer.name': 'adam' },
      parameterCount: model.countParams(),
      experimentId,
      trialId: runId,
    });

    // the downloaded model, the in-memory one and the API's predict route agree
    const image = pixels();
    const x = tf.tensor4d(
      image.map((v) => v / 255),
      [1, 28, 28, 1],
    );
    const [expected, reloaded] = [model.predict(x) as tf.Tensor, loaded.model.predict(x) as tf.Tensor];
    const probabilities = Array.from(await expected.data());
    expect(Array.from(await reloaded.data())).toEqual(probabilities);
    tf.dispose([x, expected, reloaded]);
    loaded.model.dispose();

    const prediction = ZPrediction.parse((await api().post(`/models/${artifact.id}/predict`).send({ pixels: image }).expect(200)).body);
    expect(prediction.modelId).toBe(artifact.id);
    expect(prediction.predictions).toHaveLength(10);
    for (const p of prediction.predictions) {
      expect(p.className).toBe(FASHION[p.classIndex]);
      expect(p.probability).toBeCloseTo(probabilities[p.classIndex]!, 6);
    }
    const best = probabilities.indexOf(Math.max(...probabilities));
    expect(prediction.predictions[0]!.classIndex).toBe(best);

    // the API's model cache holds the loaded model; once shut, every tensor is back
    t.app.get(ModelCache).onApplicationShutdown();
    await new Promise((resolve) => setImmediate(resolve));
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    model.dispose();
  });

  it("takes the dataset from the run's parameters, names the model, and answers 409 for a taken name unless overwrite", async () => {
    const { runId } = await seedTrackedRun(t.prisma, { params: { dataset: 'mnist', epochs: 3 } });
    const model = tinyClassifier();
    const url = `${t.url}/runs/${runId}/model?name=${encodeURIComponent('models/best')}`;
    const first = ZRunArtifact.parse(
      await ((await model.save(tf.io.http(url, { requestInit: { headers: t.authHeaders } }))).responses![0] as Response).json(),
    );
    expect(first.name).toBe('models/best');
    const row = await t.prisma.artifact.findUniqueOrThrow({ where: { id: first.id } });
    expect((await readModelZip(row.content!)).card.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

    const { modelJson, weights } = await capturedParts(model);
    const form = () => {
      const f = new FormData();
      f.append('model.json', modelJson, 'model.json');
      f.append('model.weights.bin', weights, 'model.weights.bin');
      return f;
    };
    const taken = await post(url, form());
    expect(taken.status).toBe(409);
    expect(ZApiError.parse(taken.body).message).toContain("already has an artifact named 'models/best': add ?overwrite=true");
    const replaced = await post(`${url}&overwrite=true`, form());
    expect(replaced.status).toBe(201);
    expect(await t.prisma.artifact.findMany({ where: { trialId: runId }, select: { id: true } })).toEqual([
      { id: ZRunArtifact.parse(replaced.body).id },
    ]);
    model.dispose();
  });

  it('answers 400 naming the mismatch when model.weights.bin is not what the manifest describes, and stores nothing', async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const model = tinyClassifier();
    const { modelJson, weights } = await capturedParts(model);
    const form = new FormData();
    form.append('model.json', modelJson, 'model.json');
    form.append('model.weights.bin', weights.slice(0, weights.size - 40), 'model.weights.bin');
    const tensorsBefore = tf.memory().numTensors;
    const response = await post(`${t.url}/runs/${runId}/model?dataset=fashion-mnist`, form);
    expect(response.status).toBe(400);
    expect(ZApiError.parse(response.body).message).toBe(
      `The model cannot be stored: model.weights.bin holds ${weights.size - 40} bytes but the weightsManifest in model.json describes ${weights.size} bytes ` +
        '(4 weights): the upload is incomplete or its files do not belong together.',
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(await t.prisma.artifact.count({ where: { trialId: runId } })).toBe(0);
    model.dispose();
  });

  it('refuses a model the predict route could not use, and a model without a dataset, with what to do', async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const flat = tinyClassifier([784]);
    const { modelJson, weights } = await capturedParts(flat);
    const form = () => {
      const f = new FormData();
      f.append('model.json', modelJson, 'model.json');
      f.append('model.weights.bin', weights, 'model.weights.bin');
      return f;
    };
    const tensorsBefore = tf.memory().numTensors;
    const shape = await post(`${t.url}/runs/${runId}/model?dataset=fashion-mnist`, form());
    expect(shape.status).toBe(400);
    expect(ZApiError.parse(shape.body).message).toContain(
      "The model cannot be used for predictions: the model's input shape is [null, 784] but fashion-mnist images are 28×28×1, fed as [null, 28, 28, 1]",
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    // tf.io.http itself reports the refusal as a failed save
    await expect(
      flat.save(tf.io.http(`${t.url}/runs/${runId}/model?dataset=fashion-mnist`, { requestInit: { headers: t.authHeaders } })),
    ).rejects.toThrow('400');
    flat.dispose();

    const fourClasses = tinyClassifier([28, 28, 1], 4);
    const classes = await capturedParts(fourClasses);
    fourClasses.dispose();
    const f = new FormData();
    f.append('model.json', classes.modelJson, 'model.json');
    f.append('model.weights.bin', classes.weights, 'model.weights.bin');
    f.append('dataset', 'fashion-mnist');
    const outputs = await post(`${t.url}/runs/${runId}/model`, f);
    expect(ZApiError.parse(outputs.body).message).toContain("the model's output shape is [null, 4] but fashion-mnist has 10 classes");

    const noDataset = await post(`${t.url}/runs/${runId}/model`, form());
    expect(noDataset.status).toBe(400);
    expect(ZApiError.parse(noDataset.body).message).toMatch(/^Name the dataset the model classifies/);
    const unknown = await post(`${t.url}/runs/${runId}/model?dataset=cifar-10`, form());
    expect(ZApiError.parse(unknown.body).message).toBe("Unknown dataset 'cifar-10': use one of fashion-mnist, mnist.");
    const noJson = new FormData();
    noJson.append('model.weights.bin', weights, 'model.weights.bin');
    expect(ZApiError.parse((await post(`${t.url}/runs/${runId}/model?dataset=mnist`, noJson)).body).message).toContain(
      "The upload has no 'model.json' part",
    );
    expect(await t.prisma.artifact.count({ where: { trialId: runId } })).toBe(0);
  });

  it('answers 404 for an unknown run and 413 over ATELIER_MODEL_UPLOAD_MAX_BYTES', async () => {
    const model = tinyClassifier();
    await expect(
      model.save(
        tf.io.http(`${t.url}/runs/00000000-0000-4000-8000-000000000000/model?dataset=mnist`, { requestInit: { headers: t.authHeaders } }),
      ),
    ).rejects.toThrow('404');
    const small = await startTestApp({ ATELIER_MODEL_UPLOAD_MAX_BYTES: '1000' });
    try {
      const { runId } = await seedTrackedRun(small.prisma);
      const { modelJson, weights } = await capturedParts(model);
      const form = new FormData();
      form.append('model.json', modelJson, 'model.json');
      form.append('model.weights.bin', weights, 'model.weights.bin');
      const response = await post(`${small.url}/runs/${runId}/model?dataset=mnist`, form);
      expect(response.status).toBe(413);
      expect(ZApiError.parse(response.body).message).toContain('limit for uploaded models (ATELIER_MODEL_UPLOAD_MAX_BYTES)');
      expect(await small.prisma.artifact.count()).toBe(0);
    } finally {
      await small.close();
      model.dispose();
    }
  });
});
