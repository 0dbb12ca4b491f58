'use strict';
// Shared pieces of the engine bench: a require hook that compiles the TypeScript kernels with
// @swc/core (already a workspace dependency), tfjs from packages/ml, the three bench models.
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const ROOT = path.resolve(__dirname, '../..');
const ML = path.join(ROOT, 'packages/ml');
const mlRequire = createRequire(path.join(ML, 'package.json'));

let hooked = false;
function hookTs() {
  if (hooked) return;
  hooked = true;
  const swc = createRequire(path.join(ROOT, 'package.json'))('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const src = fs.readFileSync(filename, 'utf8');
    const out = swc.transformSync(src, {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(out.code, filename);
  };
}

const tf = mlRequire('@tensorflow/tfjs');
mlRequire('@tensorflow/tfjs-backend-wasm');

function kernels() {
  hookTs();
  return require(path.join(ML, 'src/backend/kernels/index.ts'));
}

/** backend: 'wasm' (Atelier kernels), 'wasm-raw' (stock wasm kernels) or 'cpu'. */
async function useBackend(backend) {
  const wasm = mlRequire('@tensorflow/tfjs-backend-wasm');
  const wasmDir = path.dirname(mlRequire.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
  if (backend === 'wasm') {
    wasm.setWasmPaths(wasmDir);
    kernels().registerTrainingKernels();
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm failed');
  } else if (backend === 'wasm-raw') {
    wasm.setWasmPaths(wasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm failed');
  } else {
    await tf.setBackend('cpu');
  }
  await tf.ready();
}

const L = tf.layers;
const conv = (filters, strides, padding, extra = {}) =>
  L.conv2d({ filters, kernelSize: 3, strides, padding, activation: 'relu', ...extra });
const pool = () => L.maxPooling2d({ poolSize: 2 });

const MODELS = {
  // (a) Conv2D(32,3x3,valid)+relu -> MaxPool2 -> Flatten -> Dense128 relu -> Dense10 softmax
  a: () => [
    conv(32, 1, 'valid', { inputShape: [28, 28, 1] }),
    pool(),
    L.flatten(),
    L.dense({ units: 128, activation: 'relu' }),
    L.dense({ units: 10, activation: 'softmax' }),
  ],
  // (b) Conv32 -> MaxPool -> Conv64 s2 same -> MaxPool -> Flatten -> 128 -> do -> 256 -> do -> 128 -> 10
  b: () => [
    conv(32, 1, 'valid', { inputShape: [28, 28, 1] }),
    pool(),
    conv(64, 2, 'same'),
    pool(),
    L.flatten(),
    L.dense({ units: 128, activation: 'relu' }),
    L.dropout({ rate: 0.25 }),
    L.dense({ units: 256, activation: 'relu' }),
    L.dropout({ rate: 0.25 }),
    L.dense({ units: 128, activation: 'relu' }),
    L.dense({ units: 10, activation: 'softmax' }),
  ],
  // (c) Conv64 -> MaxPool -> Conv128 s2 -> MaxPool -> Conv64 s2 -> MaxPool -> 128/256/256/128 + dropouts -> 10
  c: () => [
    conv(64, 1, 'valid', { inputShape: [28, 28, 1] }),
    pool(),
    conv(128, 2, 'same'),
    pool(),
    conv(64, 2, 'same'),
    pool(),
    L.flatten(),
    L.dense({ units: 128, activation: 'relu' }),
    L.dropout({ rate: 0.25 }),
    L.dense({ units: 256, activation: 'relu' }),
    L.dropout({ rate: 0.25 }),
    L.dense({ units: 256, activation: 'relu' }),
    L.dropout({ rate: 0.25 }),
    L.dense({ units: 128, activation: 'relu' }),
    L.dense({ units: 10, activation: 'softmax' }),
  ],
};

function buildModel(name) {
  const model = tf.sequential({ layers: MODELS[name]() });
  // the product's Adam (packages/ml createOptimizer): tf.train.adam, fused per variable on wasm
  model.compile({ optimizer: kernels().atelierAdam(), loss: 'categoricalCrossentropy' });
  return model;
}

function randomBatch(bs) {
  return tf.tidy(() => {
    const x = tf.randomUniform([bs, 28, 28, 1]);
    const y = tf.oneHot(tf.randomUniform([bs], 0, 10, 'int32'), 10).toFloat();
    return { x, y };
  });
}

module.exports = { tf, ROOT, ML, kernels, useBackend, buildModel, randomBatch, MODELS };
