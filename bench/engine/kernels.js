'use strict';
// Micro-benchmark of the training kernels on model (b) shapes, min of R runs (robust to noise).
// Usage: node bench/engine/kernels.js [wasm|wasm-raw] [R]
const { tf, useBackend } = require('./common');

function time(fn, R) {
  let best = Infinity;
  for (let r = 0; r < R; r++) {
    const t = process.hrtime.bigint();
    const out = fn();
    tf.dispose(out);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

(async () => {
  const [backend = 'wasm', R = '5'] = process.argv.slice(2);
  await useBackend(backend);
  const r = (s) => tf.randomNormal(s);
  const x1 = r([512, 28, 28, 1]),
    dy1 = r([512, 26, 26, 32]);
  const x2 = r([512, 13, 13, 32]),
    dy2 = r([512, 7, 7, 64]),
    w2 = r([3, 3, 32, 64]),
    w1 = r([3, 3, 1, 32]);
  const p1 = tf.maxPool(dy1, 2, 2, 'valid'),
    dp1 = r(p1.shape);
  const a = r([512, 576]),
    b = r([576, 128]),
    d = r([512, 128]);
  const rows = [
    ['Conv2D fwd conv1', () => tf.conv2d(x1, w1, 1, 'valid')],
    ['Conv2D fwd conv2', () => tf.conv2d(x2, w2, 2, 'same')],
    [
      'BackpropFilter conv1',
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x: x1, dy: dy1 },
            { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 32] },
          ),
    ],
    [
      'BackpropFilter conv2',
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x: x2, dy: dy2 },
            { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 32, 64] },
          ),
    ],
    [
      'BackpropInput conv2',
      () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropInput',
            { dy: dy2, filter: w2 },
            { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: [512, 13, 13, 32] },
          ),
    ],
    [
      'MaxPoolGrad 26->13',
      () => tf.engine().runKernel('MaxPoolGrad', { dy: dp1, input: dy1, output: p1 }, { filterSize: 2, strides: 2, pad: 'valid' }),
    ],
    ['Sum [512,26,26,32]->[32]', () => tf.sum(dy1, [0, 1, 2])],
    ['MatMul a*b', () => tf.matMul(a, b)],
    ['MatMul a^T*d', () => tf.matMul(a, d, true, false)],
    ['MatMul d*b^T', () => tf.matMul(d, b, false, true)],
    ['Add bias [512,26,26,32]+[32]', () => tf.add(dy1, tf.ones([32]))],
    ['Relu [512,26,26,32]', () => tf.relu(dy1)],
    ['Multiply [512,26,26,32]', () => tf.mul(dy1, dy1)],
  ];
  for (const [name, fn] of rows) {
    try {
      console.log(`${name.padEnd(34)} ${time(fn, Number(R)).toFixed(1).padStart(8)} ms`);
    } catch (e) {
      console.log(`${name.padEnd(34)} error ${String(e.message).slice(0, 60)}`);
    }
  }
})();
