import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildModel } from '../models/build-model';
import { BUILTIN_ARCHITECTURES } from '../models/zoo';
import { makeBarImages } from '../training/bar-images.fixture';
import { trainModel } from '../training/train-model';
import { deserializeModel, loadModelFromDirectory, loadModelMetadata, saveModelToDirectory, serializeModel } from './model-io';

jest.setTimeout(60_000);

let directory: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  directory = await mkdtemp(path.join(tmpdir(), 'atelier-model-io-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const inputs = () =>
  tf.tensor4d(
    Float32Array.from(makeBarImages({ count: 16, numClasses: 4, seed: 5 }).images, (v) => v / 255),
    [16, 28, 28, 1],
  );

async function predictions(model: tf.LayersModel): Promise<Float32Array> {
  const x = inputs();
  const y = model.predict(x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describe('model io', () => {
  it('round-trips a trained model through a directory with identical predictions and its metadata', async () => {
    const { model } = await trainModel({
      spec: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 8 }, { type: 'dropout', rate: 0.5 }] },
      hyperparameters: { batchSize: 16, epochs: 1, activation: 'relu', optimizer: 'adam', learningRate: 0.01, momentum: 0 },
      numClasses: 4,
      train: makeBarImages({ count: 64, numClasses: 4, seed: 4 }),
      seed: 1,
    });
    const target = path.join(directory, 'nested', 'run-1');
    await saveModelToDirectory(model, target, { metadata: { classNames: ['a', 'b', 'c', 'd'], backend: 'cpu' } });
    expect((await readdir(target)).sort()).toEqual(['model.json', 'weights.bin']);
    // Flatten→8→4 on 784 inputs: (784·8 + 8 + 8·4 + 4) float32 weights.
    expect((await readFile(path.join(target, 'weights.bin'))).byteLength).toBe((784 * 8 + 8 + 8 * 4 + 4) * 4);
    const json = JSON.parse(await readFile(path.join(target, 'model.json'), 'utf8')) as {
      format: string;
      weightsManifest: { paths: string[] }[];
      modelTopology: { config: { layers: { class_name: string; config: unknown }[] } };
    };
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0]!.paths).toEqual(['./weights.bin']);
    // The trainer's per-batch dropout seed must not leak into the saved config.
    const dropout = json.modelTopology.config.layers.find((l) => l.class_name === 'Dropout');
    expect(dropout?.config).toMatchObject({ rate: 0.5, seed: null });
    expect(await loadModelMetadata(target)).toEqual({ classNames: ['a', 'b', 'c', 'd'], backend: 'cpu' });

    const loaded = await loadModelFromDirectory(target);
    expect(Buffer.from((await predictions(loaded)).buffer).equals(Buffer.from((await predictions(model)).buffer))).toBe(true);
    expect(loaded.countParams()).toBe(model.countParams());
    loaded.dispose();
    model.dispose();
  });

  it('round-trips every zoo CNN through bytes without leaking tensors', async () => {
    for (const key of ['cnn-b', 'cnn-c', 'cnn-e'] as const) {
      const model = buildModel({
        spec: BUILTIN_ARCHITECTURES[key].spec,
        inputShape: [28, 28, 1],
        numClasses: 10,
        activation: 'relu',
        seed: 9,
      });
      const before = tf.memory().numTensors;
      const serialized = await serializeModel(model);
      expect(serialized.weightData.byteLength).toBe(model.countParams() * 4);
      // Through JSON text, as it would come back from storage.
      const copy = await deserializeModel({
        ...serialized,
        modelJson: JSON.parse(JSON.stringify(serialized.modelJson)) as tf.io.ModelJSON,
      });
      expect([key, Array.from(await predictions(copy))]).toEqual([key, Array.from(await predictions(model))]);
      copy.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  });

  it('says what is missing when a directory holds no model or no weights', async () => {
    await expect(loadModelFromDirectory(path.join(directory, 'absent'))).rejects.toThrow(/no model\.json in .*absent/);
    const model = buildModel({
      spec: BUILTIN_ARCHITECTURES.mlp.spec,
      inputShape: [28, 28, 1],
      numClasses: 10,
      activation: 'relu',
      seed: 1,
    });
    const target = path.join(directory, 'no-weights');
    await saveModelToDirectory(model, target);
    model.dispose();
    await rm(path.join(target, 'weights.bin'));
    await expect(loadModelFromDirectory(target)).rejects.toThrow(/cannot read weights .*weights\.bin listed in .*model\.json/);
  });
});
