import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { deriveSeed } from '../data/random';
import { deserializeModel, serializeModel } from '../io/model-io';
import { makeBarImages } from '../training/bar-images.fixture';
import { trainModel } from '../training/train-model';
import { convertToOnnx } from '../onnx/to-onnx';
import { buildModel } from './build-model';
import { buildFineTuneModel, checkBaseModel, describeBaseModel, FineTuneError, trainableParameterCount } from './fine-tune';

// conv(4 filters, 3×3, stride 2) → pool → flatten → dense(16) → output(10): 5 layers, the last the head.
const BASE_SPEC: TArchitectureSpec = {
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2 },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 16 },
  ],
};
// 28×28 → conv stride 2 valid: 13×13×4 → pool: 6×6×4 = 144 features
const CONV_PARAMS = 3 * 3 * 1 * 4 + 4;
const DENSE_PARAMS = 144 * 16 + 16;

/** The base as the worker gets it: built, saved and loaded again (a stored model's files). */
async function loadedBase(options: { numClasses?: number; batchNorm?: boolean } = {}): Promise<tf.LayersModel> {
  const spec: TArchitectureSpec = options.batchNorm
    ? { kind: 'layers', layers: [...BASE_SPEC.layers.slice(0, 1), { type: 'batchNormalization' }, ...BASE_SPEC.layers.slice(1)] }
    : BASE_SPEC;
  const built = buildModel({ spec, inputShape: [28, 28, 1], numClasses: options.numClasses ?? 10, activation: 'relu', seed: 7 });
  const serialized = await serializeModel(built);
  built.dispose();
  return deserializeModel(serialized);
}

const bytesOf = (tensor: tf.Tensor) => Buffer.from((tensor.dataSync() as Float32Array).buffer.slice(0));
/**
 * Every weight's bytes, layer by layer in layer order (model.getWeights() lists trainable weights
 * before frozen ones, so its order changes with freezing).
 */
const layerWeights = (model: tf.LayersModel) =>
  model.layers.filter((l) => l.getClassName() !== 'InputLayer').flatMap((layer) => layer.getWeights().map(bytesOf));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

jest.setTimeout(60_000);

describe('buildFineTuneModel', () => {
  it('replaces the head with one unit per class of the dataset, and freezes exactly the first N layers', async () => {
    const base = await loadedBase();
    const model = buildFineTuneModel({ base, imageShape: [28, 28, 1], numClasses: 3, hyperparameters: { freezeLayers: 2 }, seed: 1 });
    try {
      expect(model.outputs[0]!.shape).toEqual([null, 3]);
      const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
      expect(layers.map((l) => l.getClassName())).toEqual(['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
      expect(layers.map((l) => l.trainable)).toEqual([false, false, true, true, true]);
      expect(layers.at(-1)!.name).toBe('output_finetune');
      // conv frozen (pooling has no weights): dense(16) and the new 16→3 head train
      expect(trainableParameterCount(model)).toBe(DENSE_PARAMS + 16 * 3 + 3);
      expect(model.countParams()).toBe(CONV_PARAMS + DENSE_PARAMS + 16 * 3 + 3);
    } finally {
      model.dispose();
    }
  });

  it('trains every layer at freezeLayers 0 and only the head when every other layer is frozen', async () => {
    const all = buildFineTuneModel({ base: await loadedBase(), imageShape: [28, 28, 1], numClasses: 4, hyperparameters: {}, seed: 1 });
    const head = buildFineTuneModel({
      base: await loadedBase(),
      imageShape: [28, 28, 1],
      numClasses: 4,
      hyperparameters: { freezeLayers: 4 },
      seed: 1,
    });
    expect(trainableParameterCount(all)).toBe(CONV_PARAMS + DENSE_PARAMS + 16 * 4 + 4);
    expect(trainableParameterCount(head)).toBe(16 * 4 + 4);
    all.dispose();
    head.dispose();
  });

  it('refuses freezeLayers of the base layer count or more, naming the count; and a base of another input shape', async () => {
    const base = await loadedBase();
    const description = describeBaseModel(base);
    base.dispose();
    expect(description.layerCount).toBe(5);
    expect(() => checkBaseModel(description, { imageShape: [28, 28, 1], freezeLayers: 5 })).toThrow(
      /freezeLayers 5 is too many: the base model has 5 layers \(Conv2D, MaxPooling2D, Flatten, Dense, Dense\), so freezeLayers must be below 5/,
    );
    expect(() => checkBaseModel(description, { imageShape: [28, 28, 1], freezeLayers: 4 })).not.toThrow();
    expect(() => checkBaseModel(description, { imageShape: [32, 32, 3], freezeLayers: 0 })).toThrow(
      new FineTuneError(
        "the base model's input shape is [null, 28, 28, 1] but the dataset's images are 32×32×3, fed as [null, 32, 32, 3]: start from a model trained on images of that size",
      ),
    );
    const noHead = { ...description, layerClasses: ['Conv2D', 'Flatten', 'Softmax'], layerCount: 3 };
    expect(() => checkBaseModel(noHead, { imageShape: [28, 28, 1], freezeLayers: 0 })).toThrow(/last layer is Softmax, not a Dense/);
  });

  it('keeps the frozen layers bit for bit while the head and the unfrozen layers learn, and leaks no tensor', async () => {
    const train = makeBarImages({ count: 96, numClasses: 4, seed: 1 });
    const validation = makeBarImages({ count: 32, numClasses: 4, seed: 2 });
    const reference = await loadedBase();
    const parent = layerWeights(reference); // conv kernel, bias, dense kernel, bias, head kernel, bias
    reference.dispose();

    const before = tf.memory().numTensors;
    const base = await loadedBase();
    const result = await trainModel({
      base,
      hyperparameters: {
        batchSize: 32,
        epochs: 2,
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        momentum: 0,
        freezeLayers: 4,
      },
      numClasses: 4,
      train,
      validation,
      seed: 3,
    });
    const after = layerWeights(result.model);
    const [first, last] = [result.history[0]!, result.history.at(-1)!];
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // conv kernel, conv bias, dense kernel, dense bias: byte for byte what the parent holds
    expect(after.slice(0, 4).map((w, i) => w.equals(parent[i]!))).toEqual([true, true, true, true]);
    // the new head is 16×4, not the parent's 16×10, and it learned: its kernel moved from its
    // initial values (trainModel seeds the head with deriveSeed(seed, 1)) and the loss fell
    expect(after[4]!.byteLength).toBe(16 * 4 * 4);
    const untrained = buildFineTuneModel({
      base: await loadedBase(),
      imageShape: [28, 28, 1],
      numClasses: 4,
      hyperparameters: { freezeLayers: 4 },
      seed: deriveSeed(3, 1),
    });
    const initialHead = layerWeights(untrained)[4]!;
    untrained.dispose();
    expect(initialHead.byteLength).toBe(after[4]!.byteLength);
    expect(after[4]!.equals(initialHead)).toBe(false);
    expect(last.loss).toBeLessThan(first.loss);
  });

  it('changes the unfrozen layers, and a frozen batch normalization keeps its moving statistics', async () => {
    const train = makeBarImages({ count: 64, numClasses: 4, seed: 1 });
    const reference = await loadedBase({ batchNorm: true });
    const parent = layerWeights(reference); // conv k, b; bn gamma, beta, moving mean, moving variance; dense k, b; head
    reference.dispose();
    const result = await trainModel({
      base: await loadedBase({ batchNorm: true }),
      hyperparameters: {
        batchSize: 32,
        epochs: 1,
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        momentum: 0,
        freezeLayers: 2,
      },
      numClasses: 4,
      train,
      seed: 3,
    });
    const after = layerWeights(result.model);
    result.model.dispose();
    expect(after.slice(0, 6).every((w, i) => w.equals(parent[i]!))).toBe(true);
    // dense(16) is past the frozen conv and batch norm: it trained
    expect(after[6]!.equals(parent[6]!)).toBe(false);
  });

  it('exports to ONNX like a model built from scratch, once saved and loaded again as the refit stores it', async () => {
    const model = buildFineTuneModel({
      base: await loadedBase(),
      imageShape: [28, 28, 1],
      numClasses: 3,
      hyperparameters: { freezeLayers: 2 },
      seed: 1,
    });
    const reloaded = await deserializeModel(await serializeModel(model));
    model.dispose();
    try {
      expect(convertToOnnx(reloaded).byteLength).toBeGreaterThan(4 * (CONV_PARAMS + DENSE_PARAMS));
    } finally {
      reloaded.dispose();
    }
  });
});
