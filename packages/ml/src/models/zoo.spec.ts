import * as tf from '@tensorflow/tfjs';
import { ZArchitectureSpec } from '@atelier/domain';
import { buildModel } from './build-model';
import { summarizeArchitecture } from './summary';
import { BUILTIN_ARCHITECTURES, BUILTIN_ARCHITECTURE_KEYS } from './zoo';

// Hand-computed for 28×28×1 inputs and 10 classes: (kh·kw·cin + 1)·filters for a conv,
// (inputs + 1)·units for a dense layer.
const EXPECTED_PARAMETERS: Record<string, number> = {
  'cnn-a': 320 + 692_352 + 1_290,
  'cnn-b': 320 + 18_496 + 73_856 + 33_024 + 32_896 + 1_290,
  'cnn-c': 640 + 73_856 + 73_792 + 8_320 + 33_024 + 65_792 + 32_896 + 1_290,
  'cnn-d': 640 + 346_144 + 330,
  'cnn-e': 320 + 18_496 + 401_536 + 1_290,
  mlp: 200_960 + 32_896 + 1_290,
};

jest.setTimeout(60_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('BUILTIN_ARCHITECTURES', () => {
  it('has one entry per key, keyed by its own key, each a valid domain spec', () => {
    expect(Object.keys(BUILTIN_ARCHITECTURES).sort()).toEqual([...BUILTIN_ARCHITECTURE_KEYS].sort());
    for (const [key, architecture] of Object.entries(BUILTIN_ARCHITECTURES)) {
      expect(architecture.key).toBe(key);
      expect(ZArchitectureSpec.parse(architecture.spec)).toEqual(architecture.spec);
    }
  });

  it('cnn-a has the figure from the brief: 693,962 parameters', () => {
    expect(EXPECTED_PARAMETERS['cnn-a']).toBe(693_962);
    expect(summarizeArchitecture(BUILTIN_ARCHITECTURES['cnn-a'].spec, { inputShape: [28, 28, 1], numClasses: 10 }).parameterCount).toBe(
      693_962,
    );
  });

  it('knn is a layerless knn spec that the builder refuses', () => {
    expect(BUILTIN_ARCHITECTURES.knn.spec).toEqual({ kind: 'knn', layers: [] });
    expect(() =>
      buildModel({ spec: BUILTIN_ARCHITECTURES.knn.spec, inputShape: [28, 28, 1], numClasses: 10, activation: 'relu', seed: 1 }),
    ).toThrow(/knn architecture is not a neural network/);
  });

  it.each(Object.entries(EXPECTED_PARAMETERS))('%s: summary, hand count and TF.js agree on parameters and shapes', (key, expected) => {
    const { spec } = BUILTIN_ARCHITECTURES[key as keyof typeof BUILTIN_ARCHITECTURES];
    const summary = summarizeArchitecture(spec, { inputShape: [28, 28, 1], numClasses: 10 });
    const model = buildModel({ spec, inputShape: [28, 28, 1], numClasses: 10, activation: 'relu', seed: 7 });
    try {
      expect(summary.parameterCount).toBe(expected);
      expect(model.countParams()).toBe(expected);
      // The input layer is not in model.layers; every spec layer plus the output is.
      expect(model.layers).toHaveLength(summary.layers.length);
      model.layers.forEach((layer, i) => {
        expect([i, (layer.outputShape as number[]).slice(1)]).toEqual([i, summary.layers[i]!.outputShape]);
        expect([i, layer.countParams()]).toEqual([i, summary.layers[i]!.parameterCount]);
      });
    } finally {
      model.dispose();
    }
  });

  it('cnn-b reaches its dense stack with 3×3×64 features, as the PyTorch peer m2 does', () => {
    const summary = summarizeArchitecture(BUILTIN_ARCHITECTURES['cnn-b'].spec, { inputShape: [28, 28, 1], numClasses: 10 });
    expect(summary.layers.map((l) => l.outputShape)).toEqual([
      [26, 26, 32],
      [13, 13, 32],
      [7, 7, 64],
      [3, 3, 64],
      [576],
      [128],
      [128],
      [256],
      [256],
      [128],
      [10],
    ]);
  });
});
