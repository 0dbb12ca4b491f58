import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { buildModel, type BuildModelOptions } from './build-model';
import { BUILTIN_ARCHITECTURES } from './zoo';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Buffer.from(w.dataSync().buffer));
const options = (overrides: Partial<BuildModelOptions> = {}): BuildModelOptions => ({
  spec: BUILTIN_ARCHITECTURES['cnn-b'].spec,
  inputShape: [28, 28, 1],
  numClasses: 10,
  activation: 'relu',
  seed: 3,
  ...overrides,
});

describe('buildModel', () => {
  it('builds the same weights from the same seed and different ones from another', () => {
    const a = buildModel(options());
    const b = buildModel(options());
    const c = buildModel(options({ seed: 4 }));
    const [wa, wb, wc] = [weightsOf(a), weightsOf(b), weightsOf(c)];
    expect(wa.every((w, i) => w.equals(wb[i]!))).toBe(true);
    // Every kernel differs with another seed (biases start at zero either way).
    const kernels = a.weights.map((w, i) => [w.name, i] as const).filter(([name]) => name.endsWith('kernel'));
    expect(kernels.length).toBe(6);
    for (const [, i] of kernels) expect(wa[i]!.equals(wc[i]!)).toBe(false);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('gives same-shaped layers different weights', () => {
    const spec: TArchitectureSpec = {
      kind: 'layers',
      layers: [{ type: 'flatten' }, { type: 'dense', units: 8 }, { type: 'dense', units: 8 }],
    };
    const model = buildModel(options({ spec, inputShape: [2, 4, 1], numClasses: 8 }));
    const [k1, , k2, , k3] = weightsOf(model);
    expect(k1!.equals(k2!)).toBe(false);
    expect(k2!.equals(k3!)).toBe(false);
    model.dispose();
  });

  it('uses the trial activation unless a layer sets its own, and always ends in softmax', () => {
    const spec: TArchitectureSpec = {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 2, kernelSize: 3 },
        { type: 'conv2d', filters: 2, kernelSize: 3, activation: 'sigmoid' },
        { type: 'flatten' },
        { type: 'dense', units: 4 },
        { type: 'dense', units: 4, activation: 'linear' },
      ],
    };
    const model = buildModel(options({ spec, activation: 'tanh' }));
    const activations = model.layers.map((layer) => (layer.getConfig() as { activation?: string }).activation ?? null);
    expect(activations).toEqual(['tanh', 'sigmoid', null, 'tanh', 'linear', 'softmax']);
    expect(model.layers.map((l) => l.name)).toEqual(['conv2d_1', 'conv2d_2', 'flatten_3', 'dense_4', 'dense_5', 'output']);
    model.dispose();
  });

  it('refuses an invalid list with the summary’s message', () => {
    expect(() => buildModel(options({ spec: { kind: 'layers', layers: [{ type: 'dense', units: 4 }] } }))).toThrow(
      'layer 1 (dense) gets a 28×28×1 input: add a flatten layer before it',
    );
  });
});
