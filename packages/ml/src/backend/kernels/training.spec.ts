/**
 * Whole-model checks on wasm with the Atelier kernels: gradients equal the cpu backend's for
 * models (a), (b) and a deeper strided one, and training does not leak tensors or wasm heap.
 */
import * as tf from '@tensorflow/tfjs';
import { expectClose, onBackend, rand, setupBackends } from './spec-utils';
import { wasmMemoryOf } from './native';

const L = tf.layers;
const conv = (filters: number, strides: number, padding: 'same' | 'valid', first = false) =>
  L.conv2d({ filters, kernelSize: 3, strides, padding, activation: 'relu', ...(first ? { inputShape: [28, 28, 1] } : {}) });
const pool = () => L.maxPooling2d({ poolSize: 2 });
const dense = (units: number, activation: 'relu' | 'softmax' = 'relu') => L.dense({ units, activation });

const MODELS: Record<string, () => tf.layers.Layer[]> = {
  a: () => [conv(32, 1, 'valid', true), pool(), L.flatten(), dense(128), dense(10, 'softmax')],
  b: () => [
    conv(32, 1, 'valid', true),
    pool(),
    conv(64, 2, 'same'),
    pool(),
    L.flatten(),
    dense(128),
    L.dropout({ rate: 0.25 }),
    dense(256),
    L.dropout({ rate: 0.25 }),
    dense(128),
    dense(10, 'softmax'),
  ],
  deep: () => [
    conv(16, 1, 'valid', true),
    pool(),
    conv(24, 2, 'same'),
    pool(),
    conv(16, 2, 'same'),
    pool(),
    L.flatten(),
    dense(32),
    dense(10, 'softmax'),
  ],
  strided: () => [
    conv(8, 2, 'same', true),
    conv(12, 2, 'valid'),
    L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
    L.flatten(),
    dense(10, 'softmax'),
  ],
};

function build(name: string): tf.Sequential {
  const m = tf.sequential({ layers: MODELS[name]!() });
  // identical deterministic weights on every backend
  m.setWeights(
    m.getWeights().map((w, i) => {
      const fanIn = w.shape.length > 1 ? w.shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
      const v = rand(w.size, 1000 + i).map((x) => x * Math.sqrt(3 / fanIn));
      return tf.tensor(v, w.shape);
    }),
  );
  return m;
}

function gradsOf(name: string, batch: number) {
  const model = build(name);
  const x = tf.tensor4d(
    rand(batch * 28 * 28, 7).map((v) => (v + 1) / 2),
    [batch, 28, 28, 1],
  );
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => (i * 7) % 10),
      'int32',
    ),
    10,
  );
  const { grads, value } = tf.variableGrads(() =>
    tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(labels, tf.log(model.apply(x) as tf.Tensor)),
  );
  const out: Record<string, Float32Array> = {};
  // A LayerVariable gives its tf.Variable its own name, which is what grads is keyed by.
  model.trainableWeights.forEach((w, i) => {
    out[`${i}:${w.shape.join('x')}`] = grads[w.name]!.dataSync().slice() as Float32Array;
  });
  const loss = value.dataSync()[0]!;
  tf.dispose([x, labels, value, ...Object.values(grads)]);
  model.dispose();
  return { out, loss };
}

beforeAll(setupBackends);
afterAll(() => tf.setBackend('cpu'));

describe('whole-model gradients, wasm + atelier kernels vs cpu', () => {
  it.each(['a', 'b', 'deep', 'strided'])(
    'model %s',
    async (name) => {
      const ref = await onBackend('cpu', () => gradsOf(name, 3));
      const got = await onBackend('wasm', () => gradsOf(name, 3));
      expect(Math.abs(got.loss - ref.loss)).toBeLessThan(1e-4 * Math.max(1, Math.abs(ref.loss)));
      expect(Object.keys(got.out)).toEqual(Object.keys(ref.out));
      for (const k of Object.keys(ref.out)) expectClose(got.out[k]!, ref.out[k]!, 2e-4, `${name} ${k}`);
    },
    60_000,
  );
});

describe('training on wasm does not leak', () => {
  it('keeps tensor count and wasm heap bounded over many steps', async () => {
    await tf.setBackend('wasm');
    const model = build('b');
    model.compile({ optimizer: tf.train.adam(), loss: 'categoricalCrossentropy' });
    const x = tf.tensor4d(rand(32 * 28 * 28, 3), [32, 28, 28, 1]);
    const y = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 32 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    );
    const memory = wasmMemoryOf(tf.backend());
    const counts: number[] = [],
      heap: number[] = [];
    for (let step = 0; step < 40; step++) {
      await model.trainOnBatch(x, y);
      counts.push(tf.memory().numTensors);
      heap.push(memory.buffer.byteLength);
    }
    // after warm-up (optimizer slots created), nothing grows
    expect(new Set(counts.slice(5)).size).toBe(1);
    expect(heap[heap.length - 1]).toBe(heap[5]);
    tf.dispose([x, y]);
    model.dispose();
    await tf.setBackend('cpu');
  }, 120_000);
});
