import * as tf from '@tensorflow/tfjs';
import type { TLayerSpec } from '@atelier/domain';
import { buildModel } from './build-model';
import { ArchitectureSpecError, summarizeArchitecture } from './summary';

const layersSpec = (layers: TLayerSpec[]) => ({ kind: 'layers' as const, layers });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('summarizeArchitecture', () => {
  it.each<[string, TLayerSpec[], [number, number, number], number]>([
    [
      'rectangular kernels, strides and same padding on a colour input',
      [
        { type: 'conv2d', filters: 8, kernelSize: [3, 5], strides: [2, 1], padding: 'same' },
        { type: 'averagePooling2d', poolSize: 3, strides: 2 },
        { type: 'batchNormalization' },
        { type: 'flatten' },
        { type: 'dense', units: 16, activation: 'tanh' },
        { type: 'batchNormalization' },
      ],
      [32, 30, 3],
      5,
    ],
    [
      'valid pooling with a non-dividing size and same-padded pooling',
      [
        { type: 'conv2d', filters: 4, kernelSize: 5 },
        { type: 'maxPooling2d', poolSize: 3 },
        { type: 'maxPooling2d', poolSize: 2, padding: 'same' },
        { type: 'flatten' },
      ],
      [28, 28, 1],
      10,
    ],
    ['flatten only (logistic regression)', [{ type: 'flatten' }], [28, 28, 1], 10],
  ])('matches TF.js shapes and counts: %s', (_name, layers, inputShape, numClasses) => {
    const spec = layersSpec(layers);
    const summary = summarizeArchitecture(spec, { inputShape, numClasses });
    const model = buildModel({ spec, inputShape, numClasses, activation: 'relu', seed: 1 });
    try {
      expect(summary.parameterCount).toBe(model.countParams());
      const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
      expect(summary.trainableParameterCount).toBe(trainable);
      expect(summary.layers.map((l) => l.outputShape)).toEqual(model.layers.map((l) => (l.outputShape as number[]).slice(1)));
    } finally {
      model.dispose();
    }
  });

  it('gives the hand-computed figures for a small list', () => {
    const summary = summarizeArchitecture(
      layersSpec([
        { type: 'conv2d', filters: 2, kernelSize: 3 },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 4 },
      ]),
      { inputShape: [6, 6, 1], numClasses: 3 },
    );
    // conv: 3·3·1·2 + 2 = 20 → 4×4×2; pool → 2×2×2 = 8; dense 8·4 + 4 = 36; output 4·3 + 3 = 15.
    expect(summary).toEqual({
      layers: [
        { type: 'conv2d', outputShape: [4, 4, 2], parameterCount: 20 },
        { type: 'maxPooling2d', outputShape: [2, 2, 2], parameterCount: 0 },
        { type: 'flatten', outputShape: [8], parameterCount: 0 },
        { type: 'dense', outputShape: [4], parameterCount: 36 },
        { type: 'dense', outputShape: [3], parameterCount: 15, output: true },
      ],
      parameterCount: 71,
      trainableParameterCount: 71,
    });
  });

  it.each<[string, TLayerSpec[], RegExp, number | null]>([
    [
      'a kernel larger than its input',
      [{ type: 'conv2d', filters: 4, kernelSize: 7 }, { type: 'flatten' }],
      /layer 1 \(conv2d\): its 7×7 kernel is larger than its 5×5 input/,
      0,
    ],
    [
      'pooling down to nothing',
      [
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'flatten' },
      ],
      /layer 3 \(maxPooling2d\): its 2×2 pool window is larger than its 1×1 input/,
      2,
    ],
    [
      'dense on an image',
      [{ type: 'dense', units: 8 }, { type: 'flatten' }],
      /layer 1 \(dense\) gets a 5×5×1 input: add a flatten layer before it/,
      0,
    ],
    [
      'conv after flatten',
      [{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernelSize: 1 }],
      /layer 2 \(conv2d\) needs a height×width×channels input but gets a flat vector of 25/,
      1,
    ],
    [
      'no flatten at the end',
      [{ type: 'conv2d', filters: 2, kernelSize: 3 }],
      /the layers end with a 3×3×2 output: end the list with a flatten layer/,
      null,
    ],
  ])('rejects %s with a clear message', (_name, layers, message, layerIndex) => {
    const attempt = () => summarizeArchitecture(layersSpec(layers), { inputShape: [5, 5, 1], numClasses: 10 });
    expect(attempt).toThrow(ArchitectureSpecError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ArchitectureSpecError).layerIndex).toBe(layerIndex);
    }
  });

  it('rejects a knn spec, a bad input shape and fewer than two classes', () => {
    expect(() => summarizeArchitecture({ kind: 'knn', layers: [] }, { inputShape: [28, 28, 1], numClasses: 10 })).toThrow(
      /knn architecture has no layers/,
    );
    expect(() => summarizeArchitecture(layersSpec([{ type: 'flatten' }]), { inputShape: [28, 0, 1], numClasses: 10 })).toThrow(
      /input shape must be/,
    );
    expect(() => summarizeArchitecture(layersSpec([{ type: 'flatten' }]), { inputShape: [28, 28, 1], numClasses: 1 })).toThrow(
      /at least 2 classes/,
    );
  });
});
