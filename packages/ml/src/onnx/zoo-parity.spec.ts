/** @jest-environment ./src/onnx/onnxruntime.jest-environment.js */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { selectBackend } from '../backend/select-backend';
import { readIdxImages, readIdxLabels } from '../data/idx-reader';
import { scaleToUnit } from '../data/prepare';
import { buildModel } from '../models/build-model';
import { BUILTIN_ARCHITECTURES, BUILTIN_ARCHITECTURE_KEYS } from '../models/zoo';
import { compareWithTfjs } from './onnx-runtime.factory';
import { convertToOnnx } from './to-onnx';

/**
 * The ONNX export's acceptance check: every layers model of the zoo, exported and run by
 * onnxruntime-node on the first 200 Fashion-MNIST test images, gives TF.js's probabilities to
 * within 1e-4 and the same predicted class for every image. Random (seeded) weights: a wrong
 * layout or kernel order shows as a large difference whatever the weights; a trained model
 * adds nothing to that and would cost minutes.
 */

const IMAGES = 200;
const DATASET_DIR = process.env.ATELIER_DATASET_DIR ?? path.resolve(__dirname, '../../../../../shared/datasets');
const FASHION = path.join(DATASET_DIR, 'fashion-mnist');
const hasFashion = existsSync(path.join(FASHION, 't10k-images-idx3-ubyte.gz'));
// CI must run it: there a missing dataset is a failure, not a skip.
const withFashion = hasFashion || process.env.CI ? describe : describe.skip;

const LAYER_MODELS = BUILTIN_ARCHITECTURE_KEYS.filter((key) => BUILTIN_ARCHITECTURES[key].spec.kind === 'layers');

withFashion(`ONNX export of the zoo matches TF.js on ${IMAGES} Fashion-MNIST test images (${FASHION})`, () => {
  let input: Float32Array;
  let labels: Uint8Array;

  beforeAll(async () => {
    // wasm: the pure-JS cpu backend takes seconds per model for 200 images.
    const backend = await selectBackend({ preferred: 'wasm', env: {} });
    expect(backend.name).toBe('wasm');
    const images = await readIdxImages(path.join(FASHION, 't10k-images-idx3-ubyte.gz'));
    labels = (await readIdxLabels(path.join(FASHION, 't10k-labels-idx1-ubyte.gz'))).subarray(0, IMAGES);
    // Atelier's preprocessing: 0..255 → [0, 1], NHWC.
    input = scaleToUnit(images.images.subarray(0, IMAGES * 28 * 28));
  });

  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('covers every layers model of the zoo', () => {
    expect(LAYER_MODELS).toEqual(['cnn-a', 'cnn-b', 'cnn-c', 'cnn-d', 'cnn-e', 'mlp']);
    expect(labels).toHaveLength(IMAGES);
  });

  it.each(LAYER_MODELS)('%s (with the trial dropout head)', async (key) => {
    const before = tf.memory().numTensors;
    const model = buildModel({
      spec: BUILTIN_ARCHITECTURES[key].spec,
      inputShape: [28, 28, 1],
      numClasses: 10,
      activation: 'relu',
      hyperparameters: { dropout: 0.3 },
      seed: 17,
    });
    const result = await compareWithTfjs(model, convertToOnnx(model), input, [IMAGES, 28, 28, 1]);
    expect(result.tfjs).toHaveLength(IMAGES * 10);
    expect(result.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(result.argmaxMismatches).toBe(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['tanh', 'selu', 'elu', 'sigmoid', 'softplus', 'linear'] as const)('cnn-e with the %s activation', async (activation) => {
    const model = buildModel({ spec: BUILTIN_ARCHITECTURES['cnn-e'].spec, inputShape: [28, 28, 1], numClasses: 10, activation, seed: 5 });
    const result = await compareWithTfjs(model, convertToOnnx(model), input, [IMAGES, 28, 28, 1]);
    expect(result.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(result.argmaxMismatches).toBe(0);
    model.dispose();
  });
});
