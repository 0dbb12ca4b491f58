import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildModel } from '../models/build-model';
import { makeBarImages } from '../training/bar-images.fixture';
import { trainModel } from '../training/train-model';
import { buildModelZip, makeModelCard, readModelZip, readModelZipCard, renderModelCardMarkdown, type ModelCard } from './model-export';
import { loadModelFromDirectory, serializeModel } from './model-io';

jest.setTimeout(60_000);

const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress'];

const card: ModelCard = makeModelCard({
  name: 'tiny-cnn on Fashion-MNIST',
  architecture: 'tiny-cnn',
  parameterCount: 1234,
  dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST', trainImages: 60000, testImages: 10000 },
  classNames: CLASS_NAMES,
  hyperparameters: {
    architecture: 'tiny-cnn',
    batchSize: 64,
    epochs: 3,
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.001,
    momentum: 0,
  },
  crossValidation: { folds: 5, meanAccuracy: 0.9012, stdAccuracy: 0.0034, meanLoss: 0.281 },
  test: { accuracy: 0.8975, loss: 0.2932, macroF1: 0.8961 },
  backend: 'wasm (tfjs 4.22.0, SIMD)',
  createdAt: '2026-11-22T10:00:00.000Z',
  seed: 42,
  experimentId: 'exp_1',
  trialId: 'trial_7',
});

const SPEC: TArchitectureSpec = {
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2 },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 8 },
  ],
};
const makeModel = () => buildModel({ spec: SPEC, inputShape: [28, 28, 1], numClasses: 4, activation: 'relu', seed: 3 });

/** A briefly trained model, so predictions spread over several classes. */
async function trainedModel(): Promise<tf.LayersModel> {
  const { model } = await trainModel({
    spec: SPEC,
    hyperparameters: { batchSize: 32, epochs: 2, activation: 'relu', optimizer: 'adam', learningRate: 0.02, momentum: 0 },
    numClasses: 4,
    train: makeBarImages({ count: 96, numClasses: 4, seed: 8 }),
    seed: 1,
  });
  return model;
}

const fixture = makeBarImages({ count: 24, numClasses: 4, seed: 9 });

async function predict(model: tf.LayersModel): Promise<{ classes: number[]; probabilities: number[] }> {
  const x = tf.tensor4d(
    Float32Array.from(fixture.images, (v) => v / 255),
    [fixture.count, 28, 28, 1],
  );
  const y = model.predict(x) as tf.Tensor2D;
  const classes = Array.from(await y.argMax(-1).data());
  const probabilities = Array.from(await y.data());
  tf.dispose([x, y]);
  return { classes, probabilities };
}

let directory: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  directory = await mkdtemp(path.join(tmpdir(), 'atelier-model-export-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('buildModelZip', () => {
  it('writes a zip that, extracted, loads with tf.loadLayersModel and predicts the same classes', async () => {
    const model = await trainedModel();
    const expected = await predict(model);
    // The fixture must exercise more than one class, or "same classes" proves little.
    expect(new Set(expected.classes).size).toBeGreaterThan(1);
    const before = tf.memory().numTensors;
    const zip = await buildModelZip({ model, card });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();

    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['README.md', 'model-card.json', 'model.json', 'weights.bin']);
    for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(directory, name), bytes);

    // TF.js's own HTTP loader, as a browser would use it, resolving weights.bin relative to model.json.
    // A fetch answering from the extracted files. Not undici's Response: its json() builds
    // arrays in Node's realm, which fail TF.js's `instanceof Array` inside jest's sandbox.
    const hrefOf = (url: string | URL | Request) => (typeof url === 'string' ? url : url instanceof URL ? url.href : url.url);
    const fetchFunc = async (url: string | URL | Request) => {
      const bytes = await readFile(path.join(directory, path.basename(new URL(hrefOf(url)).pathname)));
      return {
        ok: true,
        status: 200,
        json: () => Promise.resolve(JSON.parse(bytes.toString('utf8')) as unknown),
        arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      } as unknown as Response;
    };
    const requested: string[] = [];
    const recordingFetch = (url: string | URL | Request) => (requested.push(hrefOf(url)), fetchFunc(url));
    const loaded = await tf.loadLayersModel(tf.io.http('http://atelier.test/model/model.json', { fetchFunc: recordingFetch }));
    const viaHttp = await predict(loaded);
    loaded.dispose();
    expect(requested).toEqual(['http://atelier.test/model/model.json', 'http://atelier.test/model/./weights.bin']);
    expect(viaHttp.classes).toEqual(expected.classes);
    viaHttp.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected.probabilities[i]!, 6));

    const fromDirectory = await loadModelFromDirectory(directory);
    expect((await predict(fromDirectory)).classes).toEqual(expected.classes);
    fromDirectory.dispose();

    const read = await readModelZip(zip);
    expect(read.card).toEqual(card);
    expect((await predict(read.model)).classes).toEqual(expected.classes);
    read.model.dispose();
  });

  it('writes the card as JSON and as a readable README with dataset, classes, preprocessing, scores and loading code', async () => {
    const model = makeModel();
    const zip = await buildModelZip({ model, card });
    model.dispose();
    const files = unzipSync(zip);
    expect(JSON.parse(strFromU8(files['model-card.json']!))).toEqual(card);
    const readme = strFromU8(files['README.md']!);
    expect(readme).toBe(renderModelCardMarkdown(card));
    for (const text of [
      '# tiny-cnn on Fashion-MNIST',
      '(1,234 parameters)',
      '- Fashion-MNIST (`fashion-mnist`)',
      '- Training images: 60,000',
      '| 0 | T-shirt/top |',
      '| 3 | Dress |',
      'Input shape: `[batch, 28, 28, 1]`',
      'One 28×28 grayscale image',
      'divide each 0..255 value by 255',
      '| learning rate | 0.001 |',
      '| batch size | 64 images |',
      'Cross-validation (5 folds): mean accuracy 90.12% ± 0.34%',
      'mean loss 0.2810',
      'Test set: accuracy 89.75%, loss 0.2932, macro F1 0.8961',
      'Trained on backend: wasm (tfjs 4.22.0, SIMD)',
      'Date: 2026-11-22T10:00:00.000Z',
      "tf.loadLayersModel('https://example.com/my-model/model.json')",
      'const classNames = ["T-shirt/top","Trouser","Pullover","Dress"];',
      'tf.tensor(pixels, [1, 28, 28, 1]).div(255)',
    ]) {
      expect(readme).toContain(text);
    }
  });

  it("lists a run's logged parameters when the model has no search hyperparameters", () => {
    const readme = renderModelCardMarkdown({
      ...card,
      hyperparameters: null,
      params: { 'optimizer.beta1': 0.9, note: 'a|b' },
      seed: undefined,
    });
    expect(readme).toContain('## Parameters\n\n| Parameter | Value |\n|---|---|\n| optimizer.beta1 | 0.9 |\n| note | a\\|b |');
    expect(readme).not.toContain('## Hyperparameters');
    expect(renderModelCardMarkdown({ ...card, hyperparameters: null })).toContain('## Parameters\n\nNone recorded.');
  });

  it('gives the same bytes for the same model and card, from a model or from its serialized form', async () => {
    const model = makeModel();
    const a = await buildModelZip({ model, card });
    const serialized = await serializeModel(model);
    const b = await buildModelZip({ serialized, card });
    model.dispose();
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('refuses a card whose classes do not match the model outputs', async () => {
    const model = makeModel();
    await expect(buildModelZip({ model, card: { ...card, classNames: ['a', 'b', 'c'] } })).rejects.toThrow(
      'the model has 4 outputs but the card names 3 classes',
    );
    model.dispose();
  });
});

describe('readModelZip', () => {
  let zip: Uint8Array;
  beforeAll(async () => {
    const model = makeModel();
    zip = await buildModelZip({ model, card });
    model.dispose();
  });

  const without = (name: string) => {
    const { [name]: _removed, ...files } = unzipSync(zip);
    return zipSync(files);
  };

  it('readModelZipCard reads the card alone, and refuses a zip without one', () => {
    expect(readModelZipCard(zip)).toEqual(card);
    expect(() => readModelZipCard(without('model-card.json'))).toThrow('the zip has no model-card.json');
    expect(() => readModelZipCard(strToU8('not a zip'))).toThrow('not a readable zip file');
  });

  it('refuses bytes that are not a zip, or a cut-off zip', async () => {
    await expect(readModelZip(strToU8('this is not a zip file at all'))).rejects.toThrow('not a readable zip file');
    await expect(readModelZip(zip.subarray(0, Math.floor(zip.length / 2)))).rejects.toThrow('not a readable zip file');
  });

  it('names the missing file and what the zip holds', async () => {
    await expect(readModelZip(without('weights.bin'))).rejects.toThrow(
      'the zip has no weights.bin (it holds: model.json, model-card.json, README.md): is it an Atelier model export?',
    );
    await expect(readModelZip(without('model-card.json'))).rejects.toThrow('the zip has no model-card.json');
    await expect(readModelZip(zipSync({}))).rejects.toThrow('the zip has no model.json (it holds: nothing)');
  });

  it('reports unreadable contents without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const files = unzipSync(zip);
    await expect(readModelZip(zipSync({ ...files, 'model.json': strToU8('{"modelTopology": ') }))).rejects.toThrow(
      'model.json in the zip is not valid JSON',
    );
    await expect(readModelZip(zipSync({ ...files, 'weights.bin': files['weights.bin']!.subarray(0, 100) }))).rejects.toThrow(
      'weights.bin holds 100 bytes but model.json describes',
    );
    const json = JSON.parse(strFromU8(files['model.json']!)) as { modelTopology: { config: { layers: { class_name: string }[] } } };
    json.modelTopology.config.layers[0]!.class_name = 'NoSuchLayer';
    await expect(readModelZip(zipSync({ ...files, 'model.json': strToU8(JSON.stringify(json)) }))).rejects.toThrow(
      'the model in the zip does not load (Unknown layer: NoSuchLayer',
    );
    const otherCard = strToU8(JSON.stringify({ ...card, classNames: ['a', 'b'] }));
    await expect(readModelZip(zipSync({ ...files, 'model-card.json': otherCard }))).rejects.toThrow(
      'the model has 4 outputs but its card names 2 classes',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
