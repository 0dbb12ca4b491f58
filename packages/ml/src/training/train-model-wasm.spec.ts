import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { selectBackend } from '../backend/select-backend';
import { makeBarImages } from './bar-images.fixture';
import { trainModel } from './train-model';
import type { TrainOptions } from './types';

// The production path: wasm with the project's training kernels, checked against the
// reference cpu backend on the same seeded run.
jest.setTimeout(120_000);

const SPEC: TArchitectureSpec = {
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 16 },
    { type: 'dropout', rate: 0.25 },
  ],
};

const options = (): TrainOptions => ({
  spec: SPEC,
  hyperparameters: { batchSize: 16, epochs: 2, activation: 'relu', optimizer: 'sgd', learningRate: 0.05, momentum: 0.9 },
  numClasses: 4,
  train: makeBarImages({ count: 64, numClasses: 4, size: 14, seed: 21 }),
  validation: makeBarImages({ count: 32, numClasses: 4, size: 14, seed: 22 }),
  seed: 8,
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

it('trains a CNN on wasm with the same numbers as on cpu, without leaking tensors', async () => {
  await selectBackend({ preferred: 'cpu', env: {} });
  const onCpu = await trainModel(options());
  onCpu.model.dispose();

  const info = await selectBackend({ preferred: 'wasm', env: {} });
  expect(info.name).toBe('wasm');
  const before = tf.memory().numTensors;
  const onWasm = await trainModel(options());
  onWasm.model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  expect(onWasm.backend).toBe(info.label);

  expect(onWasm.history[1]!.loss).toBeLessThan(onWasm.history[0]!.loss);
  onWasm.history.forEach((epoch, i) => {
    const reference = onCpu.history[i]!;
    // Float summation order differs between backends; a wrong gradient would differ by far more.
    expect(Math.abs(epoch.loss - reference.loss)).toBeLessThan(2e-3);
    expect(Math.abs(epoch.valLoss! - reference.valLoss!)).toBeLessThan(5e-3);
  });
});
