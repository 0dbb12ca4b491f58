import * as tf from '@tensorflow/tfjs';
import { expectClose, onBackend, rand, setupBackends } from './spec-utils';
import { setIm2colBudget, getIm2colBudget } from './index';
import { setForceGenericDirect, setForceTransposedIm2col } from './conv2d-backprop-filter';

type Case = {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  k: [number, number];
  s: number | [number, number];
  pad: 'same' | 'valid';
};
const cases: Case[] = [
  { n: 1, h: 5, w: 5, ci: 1, co: 1, k: [3, 3], s: 1, pad: 'valid' },
  { n: 1, h: 7, w: 9, ci: 3, co: 4, k: [3, 3], s: 2, pad: 'same' },
  { n: 2, h: 9, w: 7, ci: 2, co: 5, k: [3, 3], s: 2, pad: 'valid' },
  { n: 2, h: 13, w: 13, ci: 32, co: 64, k: [3, 3], s: 2, pad: 'same' },
  { n: 4, h: 28, w: 28, ci: 1, co: 32, k: [3, 3], s: 1, pad: 'valid' },
  { n: 2, h: 15, w: 12, ci: 3, co: 16, k: [3, 3], s: 2, pad: 'same' },
  { n: 1, h: 9, w: 9, ci: 2, co: 48, k: [3, 3], s: 1, pad: 'same' },
  { n: 2, h: 11, w: 6, ci: 5, co: 3, k: [5, 2], s: [2, 1], pad: 'same' },
  { n: 3, h: 6, w: 6, ci: 7, co: 2, k: [1, 1], s: 1, pad: 'same' },
  { n: 2, h: 8, w: 8, ci: 4, co: 6, k: [2, 2], s: 2, pad: 'valid' },
  { n: 1, h: 4, w: 4, ci: 2, co: 2, k: [4, 4], s: 1, pad: 'same' },
  // im2col rows + gemm_tn8 (K > 32, Cout % 8 == 0): K % 4 = 1, 2, 0; batch 1 and 3
  { n: 1, h: 6, w: 7, ci: 5, co: 8, k: [3, 3], s: 1, pad: 'same' },
  { n: 3, h: 9, w: 9, ci: 6, co: 24, k: [3, 3], s: 2, pad: 'valid' },
  { n: 1, h: 5, w: 5, ci: 11, co: 16, k: [2, 2], s: 1, pad: 'valid' },
];

function run(c: Case, seed: number) {
  const xs = [c.n, c.h, c.w, c.ci] as [number, number, number, number];
  const x = tf.tensor4d(
    rand(
      xs.reduce((a, b) => a * b),
      seed,
    ),
    xs,
  );
  const fshape = [c.k[0], c.k[1], c.ci, c.co] as [number, number, number, number];
  const y = tf.conv2d(x, tf.zeros<tf.Rank.R4>(fshape), c.s, c.pad);
  const dy = tf.tensor4d(rand(y.size, seed + 7), y.shape);
  const dw = tf.engine().runKernel<tf.Tensor>(
    'Conv2DBackpropFilter',
    { x, dy },
    {
      strides: c.s,
      pad: c.pad,
      dataFormat: 'NHWC',
      filterShape: fshape,
    },
  );
  const out = { shape: dw.shape, data: dw.dataSync().slice() };
  tf.dispose([x, y, dy, dw]);
  return out;
}

describe('Conv2DBackpropFilter (wasm, atelier) vs cpu', () => {
  beforeAll(setupBackends);
  afterAll(() => tf.setBackend('cpu'));

  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, c, i) => {
    const ref = await onBackend('cpu', () => run(c, 100 + i));
    const got = await onBackend('wasm', () => run(c, 100 + i));
    expect(got.shape).toEqual(ref.shape);
    expectClose(got.data, ref.data, 1e-4, 'dW');
  });

  it.each(cases.filter((c) => c.k[0] * c.k[1] * c.ci <= 32 && c.co % 4 === 0).map((c) => [JSON.stringify(c), c] as const))(
    'generic 4-wide direct kernel %s',
    async (_n, c) => {
      const ref = await onBackend('cpu', () => run(c, 77));
      setForceGenericDirect(true);
      try {
        const got = await onBackend('wasm', () => run(c, 77));
        expectClose(got.data, ref.data, 1e-4, 'dW generic direct');
      } finally {
        setForceGenericDirect(false);
      }
    },
  );

  it.each(cases.filter((c) => c.k[0] * c.k[1] * c.ci > 32 && c.co % 8 === 0).map((c) => [JSON.stringify(c), c] as const))(
    'transposed-im2col path (forced) %s',
    async (_n, c) => {
      const ref = await onBackend('cpu', () => run(c, 78));
      setForceTransposedIm2col(true);
      try {
        const got = await onBackend('wasm', () => run(c, 78));
        expectClose(got.data, ref.data, 1e-4, 'dW transposed im2col');
      } finally {
        setForceTransposedIm2col(false);
      }
    },
  );

  it('gives the same result when the batch is processed in chunks', async () => {
    const c = cases[3]!;
    const ref = await onBackend('cpu', () => run(c, 5));
    const old = getIm2colBudget();
    setIm2colBudget(300 * 7 * 7); // about one image per chunk
    try {
      const got = await onBackend('wasm', () => run(c, 5));
      expectClose(got.data, ref.data, 1e-4, 'dW chunked');
    } finally {
      setIm2colBudget(old);
    }
  });

  it('trains a small CNN on wasm (gradient exists and matches cpu)', async () => {
    const grads = async (b: 'cpu' | 'wasm') =>
      onBackend(b, () => {
        const x = tf.tensor4d(rand(2 * 10 * 10 * 1, 9), [2, 10, 10, 1]);
        const w = tf.variable(tf.tensor4d(rand(3 * 3 * 1 * 4, 10), [3, 3, 1, 4]));
        const { grads: g, value } = tf.variableGrads(
          () =>
            tf
              .conv2d(x, w as tf.Tensor4D, 1, 'valid')
              .square()
              .sum<tf.Scalar>(),
          [w],
        );
        const out = g[w.name]!.dataSync().slice();
        tf.dispose([x, w, value, ...Object.values(g)]);
        return out;
      });
    expectClose(await grads('wasm'), await grads('cpu'), 1e-4, 'grad');
  });
});
