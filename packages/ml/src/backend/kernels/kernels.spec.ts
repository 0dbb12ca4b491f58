/**
 * Each replacement kernel vs the cpu backend on random shapes (strides 1 and 2, 'same' and
 * 'valid', odd sizes, batch 1, several channel counts).
 */
import * as tf from '@tensorflow/tfjs';
import { expectClose, onBackend, rand, setupBackends } from './spec-utils';
import { atelierAdam, getIm2colBudget, setIm2colBudget, trainingKernelsRegistered, registerTrainingKernels } from './index';

type Shape4 = [number, number, number, number];
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

async function both<T extends { data: Float32Array | Int32Array | Uint8Array; shape: number[] }>(f: () => T) {
  const ref = await onBackend('cpu', f);
  const got = await onBackend('wasm', f);
  expect(got.shape).toEqual(ref.shape);
  return { ref, got };
}

function grab(t: tf.Tensor) {
  const out = { shape: t.shape, data: t.dataSync().slice() as Float32Array };
  t.dispose();
  return out;
}

beforeAll(setupBackends);
afterAll(() => tf.setBackend('cpu'));

describe('registration', () => {
  it('is idempotent and marks all kernels as ours', () => {
    registerTrainingKernels();
    registerTrainingKernels();
    expect(trainingKernelsRegistered()).toBe(true);
  });
});

describe('Conv2DBackpropInput', () => {
  type C = { x: Shape4; co: number; k: [number, number]; s: number | [number, number]; pad: 'same' | 'valid' };
  const cases: C[] = [
    { x: [1, 5, 5, 1], co: 1, k: [3, 3], s: 1, pad: 'valid' },
    { x: [2, 7, 9, 3], co: 4, k: [3, 3], s: 2, pad: 'same' },
    { x: [2, 9, 7, 2], co: 5, k: [3, 3], s: 2, pad: 'valid' },
    { x: [2, 13, 13, 32], co: 64, k: [3, 3], s: 2, pad: 'same' },
    { x: [3, 11, 6, 5], co: 3, k: [5, 2], s: [2, 1], pad: 'same' },
    { x: [1, 6, 6, 7], co: 2, k: [1, 1], s: 1, pad: 'same' },
    { x: [2, 8, 8, 4], co: 6, k: [2, 2], s: 2, pad: 'valid' },
    { x: [1, 4, 4, 2], co: 3, k: [4, 4], s: 1, pad: 'same' },
  ];
  const run = (c: C, seed: number) => () => {
    const w = tf.tensor4d(rand(c.k[0] * c.k[1] * c.x[3] * c.co, seed), [c.k[0], c.k[1], c.x[3], c.co]);
    const y = tf.conv2d(tf.zeros<tf.Rank.R4>(c.x), w, c.s, c.pad);
    const dy = tf.tensor4d(rand(y.size, seed + 1), y.shape);
    const dx = tf.engine().runKernel<tf.Tensor>(
      'Conv2DBackpropInput',
      { dy, filter: w },
      {
        strides: c.s,
        pad: c.pad,
        dataFormat: 'NHWC',
        inputShape: c.x,
      },
    );
    tf.dispose([w, y, dy]);
    return grab(dx);
  };
  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, c, i) => {
    const { ref, got } = await both(run(c, 30 + i));
    expectClose(got.data, ref.data, 1e-4, 'dx');
  });
  it('chunked batch gives the same result', async () => {
    const old = getIm2colBudget();
    const ref = await onBackend('cpu', run(cases[3]!, 3));
    setIm2colBudget(500);
    try {
      const got = await onBackend('wasm', run(cases[3]!, 3));
      expectClose(got.data, ref.data, 1e-4, 'dx chunked');
    } finally {
      setIm2colBudget(old);
    }
  });
});

describe('Conv2D (forward)', () => {
  type C = { x: Shape4; co: number; k: [number, number]; s: number | [number, number]; pad: 'same' | 'valid'; d?: number };
  const cases: C[] = [
    { x: [1, 5, 5, 1], co: 1, k: [3, 3], s: 1, pad: 'valid' },
    { x: [2, 28, 28, 1], co: 32, k: [3, 3], s: 1, pad: 'valid' },
    { x: [2, 13, 13, 32], co: 64, k: [3, 3], s: 2, pad: 'same' },
    { x: [3, 7, 9, 3], co: 5, k: [3, 3], s: 2, pad: 'same' },
    { x: [2, 9, 7, 6], co: 13, k: [5, 2], s: [2, 1], pad: 'same' },
    { x: [1, 6, 6, 7], co: 9, k: [1, 1], s: 1, pad: 'same' },
    { x: [2, 8, 8, 4], co: 6, k: [2, 2], s: 2, pad: 'valid' },
    { x: [1, 4, 4, 2], co: 3, k: [4, 4], s: 1, pad: 'same' },
    { x: [1, 9, 9, 3], co: 4, k: [3, 3], s: 1, pad: 'valid', d: 2 }, // dilated: original kernel
  ];
  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, c, i) => {
    const { ref, got } = await both(() => {
      const x = tf.tensor4d(rand(size(c.x), 170 + i), c.x);
      const w = tf.tensor4d(rand(c.k[0] * c.k[1] * c.x[3] * c.co, 180 + i), [c.k[0], c.k[1], c.x[3], c.co]);
      const y = tf.conv2d(x, w, c.s, c.pad, 'NHWC', c.d ?? 1);
      tf.dispose([x, w]);
      return grab(y);
    });
    expectClose(got.data, ref.data, 1e-5, 'y');
  });
});

describe('MaxPoolGrad', () => {
  type C = { x: Shape4; f: number | [number, number]; s: number | [number, number]; pad: 'same' | 'valid' };
  const cases: C[] = [
    { x: [1, 4, 4, 1], f: 2, s: 2, pad: 'valid' },
    { x: [2, 7, 7, 3], f: 2, s: 2, pad: 'valid' },
    { x: [2, 7, 9, 4], f: 2, s: 2, pad: 'same' },
    { x: [3, 9, 8, 5], f: 3, s: 2, pad: 'same' },
    { x: [1, 8, 8, 6], f: 3, s: 1, pad: 'valid' },
    { x: [2, 26, 26, 32], f: 2, s: 2, pad: 'valid' },
    { x: [2, 5, 6, 7], f: [2, 3], s: [1, 2], pad: 'same' },
  ];
  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, c, i) => {
    const { ref, got } = await both(() => {
      const x = tf.tensor4d(rand(size(c.x), 60 + i), c.x);
      const y = tf.maxPool(x, c.f, c.s, c.pad);
      const dy = tf.tensor4d(rand(y.size, 70 + i), y.shape);
      const dx = tf.engine().runKernel<tf.Tensor>(
        'MaxPoolGrad',
        { dy, input: x, output: y },
        {
          filterSize: c.f,
          strides: c.s,
          pad: c.pad,
        },
      );
      tf.dispose([x, y, dy]);
      return grab(dx);
    });
    expectClose(got.data, ref.data, 1e-5, 'dx');
  });
  it.each([[[2, 6, 6, 8]], [[1, 5, 7, 3]]])('exact ties go to the first maximum like cpu %j', async (shape) => {
    const { ref, got } = await both(() => {
      const v = rand(size(shape), 3).map((t) => Math.round(t)); // values in {-1, 0, 1}: many ties
      const x = tf.tensor4d(v, shape as Shape4);
      const y = tf.maxPool(x, 2, 2, 'valid');
      const dy = tf.tensor4d(rand(y.size, 4), y.shape);
      const dx = tf.engine().runKernel<tf.Tensor>('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'valid' });
      tf.dispose([x, y, dy]);
      return grab(dx);
    });
    expectClose(got.data, ref.data, 1e-6, 'dx ties');
  });
  it('routes the gradient to one position per window on ties (relu zeros)', async () => {
    const { ref, got } = await both(() => {
      const x = tf.relu(tf.tensor4d(rand(2 * 6 * 6 * 4, 5), [2, 6, 6, 4]));
      const g = tf.grad((t: tf.Tensor) => tf.maxPool(tf.relu(t) as tf.Tensor4D, 2, 2, 'valid').sum())(x);
      x.dispose();
      return grab(g);
    });
    expectClose(got.data, ref.data, 1e-5, 'dx');
  });
});

describe('Sum', () => {
  const cases: Array<[number[], number | number[], boolean]> = [
    [[7, 5], 0, false],
    [[3, 4, 5, 6], [0, 1, 2], false],
    [[3, 4, 5, 6], [0, 1, 2], true],
    [[2, 3, 4], [0, 1], false],
    [[5, 6], 1, false],
    [[2, 3, 4], [1, 2], true],
    [[2, 3, 4], [0, 2], false],
    [[2, 3, 4], -1, false],
    [[300, 13], 0, false],
    [[4, 3], [0, 1], false],
  ];
  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, [shape, axis, keep], i) => {
    const { ref, got } = await both(() => {
      const x = tf.tensor(rand(size(shape), 80 + i), shape);
      const s = tf.sum(x, axis, keep);
      x.dispose();
      return grab(s);
    });
    expectClose(got.data, ref.data, 1e-5, 'sum');
  });
  it('keeps int32 sums exact', async () => {
    const { ref, got } = await both(() => grab(tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), 0)));
    expect(Array.from(got.data)).toEqual(Array.from(ref.data));
  });
});

describe('BatchMatMul', () => {
  const cases: Array<[number[], number[], boolean, boolean]> = [
    [[5, 7], [7, 3], false, false],
    [[7, 5], [7, 3], true, false],
    [[5, 7], [3, 7], false, true],
    [[7, 5], [3, 7], true, true],
    [[2, 7, 5], [2, 7, 3], true, false],
    [[2, 5, 7], [2, 3, 7], false, true],
    [[1, 33, 65], [1, 33, 17], true, false],
    [[64, 129], [31, 129], false, true],
    [[3, 4, 6], [1, 4, 5], true, false],
    // C = A B^T with a small A and a large B: computed as (B A^T)^T
    [[3, 9], [301, 9], false, true],
    [[2, 5, 7], [2, 211, 7], false, true],
    [[1, 130], [700, 130], false, true],
    // Atelier GEMM edge cases: N not a multiple of 8, M not a multiple of 4, K = 1, batch broadcast
    [[5, 3], [3, 13], false, false],
    [[1, 1], [1, 1], false, false],
    [[7, 1], [1, 9], false, false],
    [[4, 2, 6], [1, 6, 17], false, false],
    [[1, 9, 6], [3, 6, 8], false, false],
    [[3, 64, 5408], [3, 5408, 12], false, false],
  ];
  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, [as, bs, ta, tb], i) => {
    const { ref, got } = await both(() => {
      const a = tf.tensor(rand(size(as), 90 + i), as),
        b = tf.tensor(rand(size(bs), 99 + i), bs);
      const c = tf.matMul(a, b, ta, tb);
      tf.dispose([a, b]);
      return grab(c);
    });
    expectClose(got.data, ref.data, 1e-5, 'matmul');
  });
});

describe('Add (bias fast path and fallbacks)', () => {
  const cases: Array<[number[], number[]]> = [
    [[3, 4, 5, 6], [6]],
    [[6], [3, 4, 5, 6]],
    [
      [7, 5],
      [1, 5],
    ],
    [
      [7, 5],
      [7, 5],
    ],
    [
      [7, 5],
      [7, 1],
    ],
    [[2, 3], []],
    [[5], [5]],
    [
      [4, 3, 2],
      [1, 1, 2],
    ],
  ];
  it.each(cases.map((c, i) => [JSON.stringify(c), c, i] as const))('%s', async (_n, [as, bs], i) => {
    const { ref, got } = await both(() => {
      const a = tf.tensor(rand(size(as), 110 + i), as),
        b = tf.tensor(rand(size(bs), 120 + i), bs);
      const c = tf.add(a, b);
      tf.dispose([a, b]);
      return grab(c);
    });
    expectClose(got.data, ref.data, 1e-6, 'add');
  });
});

describe('Cast', () => {
  it('same dtype shares, other dtypes convert', async () => {
    const { ref, got } = await both(() => {
      const a = tf.tensor1d([1, 3, 0]); // stock wasm Cast (used for dtype changes) differs from cpu on .5 rounding and bool; not ours
      const f = tf.cast(a, 'float32'),
        i = tf.cast(a, 'int32');
      a.dispose();
      const out = { shape: [6], data: Float32Array.from([...f.dataSync(), ...i.dataSync()]) };
      tf.dispose([f, i]);
      return out;
    });
    expect(Array.from(got.data)).toEqual(Array.from(ref.data));
  });
});

describe('Identity', () => {
  it('shares data and survives disposing the source', async () => {
    await onBackend('wasm', () => {
      const a = tf.tensor1d([1, 2, 3]);
      const b = tf.clone(a);
      a.dispose();
      expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
      b.dispose();
    });
  });
});

describe('Relu gradient (AtelierReluGrad)', () => {
  const shapes: number[][] = [[7], [3, 5], [2, 5, 5, 3], [1, 26, 26, 32], [2, 7, 7, 9], [1, 1, 1, 1]];
  it.each(shapes.map((s, i) => [JSON.stringify(s), s, i] as const))('%s equals cpu', async (_n, shape, i) => {
    const { ref, got } = await both(() => {
      const v = rand(size(shape), 130 + i);
      // exact zeros (relu's kink: gradient 0 as in tfjs) and a NaN (propagates)
      for (let j = 0; j < v.length; j += 5) v[j] = 0;
      if (v.length > 3) v[3] = NaN;
      const x = tf.tensor(v, shape);
      const dy = tf.tensor(rand(size(shape), 140 + i), shape);
      const g = tf.grad((t: tf.Tensor) => tf.relu(t).mul(dy).sum())(x);
      tf.dispose([x, dy]);
      return grab(g);
    });
    const nan = (a: Float32Array) => Array.from(a, (t) => Number.isNaN(t));
    expect(nan(got.data)).toEqual(nan(ref.data));
    const finite = (a: Float32Array) => a.map((t) => (Number.isNaN(t) ? 0 : t));
    expectClose(finite(got.data), finite(ref.data), 1e-6, 'relu grad');
  });
  it('runs one fused kernel on wasm instead of Step + Cast + Multiply', async () => {
    await onBackend('wasm', async () => {
      const x = tf.tensor(rand(2 * 6 * 6 * 4, 150), [2, 6, 6, 4]);
      const info = await tf.profile(() => {
        const g = tf.grad((t: tf.Tensor) => tf.relu(t).sum())(x);
        g.dispose();
      });
      const names = info.kernels.map((k) => k.name);
      expect(names).toContain('AtelierReluGrad');
      expect(names).not.toContain('Step');
      x.dispose();
    });
  });
  it('keeps tfjs formula on cpu', async () => {
    await onBackend('cpu', async () => {
      const x = tf.tensor1d([-1, 0, 2]);
      const info = await tf.profile(() =>
        tf
          .grad((t: tf.Tensor) => tf.relu(t).sum())(x)
          .dispose(),
      );
      expect(info.kernels.map((k) => k.name)).toContain('Step');
      x.dispose();
    });
  });
});

describe('AtelierAdamOptimizer (AtelierAdam kernel)', () => {
  const shapes: number[][] = [[7], [3, 5], [3, 3, 3, 5], [130, 9], [1]];
  const run = (opt: () => tf.Optimizer) => () => {
    const vars = shapes.map((s, i) => tf.variable(tf.tensor(rand(size(s), 160 + i), s)));
    const o = opt();
    for (let step = 0; step < 5; step++) {
      // a different gradient every step
      const grads: tf.NamedTensorMap = {};
      vars.forEach((v, i) => {
        grads[v.name] = tf.tensor(rand(v.size, 200 + 10 * step + i), v.shape);
      });
      o.applyGradients(grads);
      tf.dispose(Object.values(grads));
    }
    const flat = Float32Array.from(vars.flatMap((v) => Array.from(v.dataSync())));
    tf.dispose(vars);
    o.dispose();
    return { shape: [flat.length], data: flat };
  };
  it('matches tfjs Adam on cpu over 5 steps (values and moments)', async () => {
    const ref = await onBackend(
      'cpu',
      run(() => tf.train.adam(0.01)),
    );
    const got = await onBackend(
      'wasm',
      run(() => atelierAdam(0.01)),
    );
    expectClose(got.data, ref.data, 1e-5, 'adam');
  });
  it('runs one AtelierAdam kernel per variable on wasm and keeps tensors balanced', async () => {
    await onBackend('wasm', async () => {
      const v = tf.variable(tf.tensor(rand(12, 1), [3, 4]));
      const o = atelierAdam(0.01);
      const g = tf.tensor(rand(12, 2), [3, 4]);
      o.applyGradients([{ name: v.name, tensor: g }]); // creates the moments
      const before = tf.memory().numTensors;
      const info = await tf.profile(() => {
        o.applyGradients([{ name: v.name, tensor: g }]);
      });
      expect(info.kernels.filter((k) => k.name === 'AtelierAdam')).toHaveLength(1);
      expect(info.kernels.map((k) => k.name)).not.toContain('Sqrt');
      expect(tf.memory().numTensors).toBe(before);
      const w = await o.getWeights();
      expect(w.map((x) => x.name)).toEqual(['iter', `${v.name}/m`, `${v.name}/v`]);
      tf.dispose([v, g]);
      o.dispose();
    });
  });
  it('is tfjs Adam on cpu', async () => {
    const a = await onBackend(
      'cpu',
      run(() => atelierAdam(0.01)),
    );
    const b = await onBackend(
      'cpu',
      run(() => tf.train.adam(0.01)),
    );
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });
});
