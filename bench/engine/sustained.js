'use strict';
/**
 * Sustained training speed (issue 19): several epochs over one fixed dataset in one process,
 * each epoch's images/s, and whether the last epoch is within 5 % of the first. NOT run in CI.
 *
 *   node bench/engine/sustained.js [--loop train-model|engine] [--model cnn-a] [--images 10000]
 *        [--epochs 6] [--batch 128] [--json]
 *
 * --loop train-model (the default): packages/ml's trainModel, the loop a fold trains with
 * (Fashion-MNIST from ATELIER_DATASET_DIR, a seeded stratified slice of --images, Adam 1e-3,
 * no validation). --loop engine: bench/engine's own loop (model.trainOnBatch on one random batch,
 * bench/engine/common.js's zoo layers a/b/c for cnn-a/b/c) for the same number of images per
 * "epoch", its peer. Beside each epoch: images per CPU second of this process (the verdict uses
 * those: other agents' load swings the wall-time rate by half), tf.memory()'s tensors and bytes
 * and the wasm heap's size, which show a leak or heap growth if the speed falls.
 */
const fs = require('node:fs');
const path = require('node:path');

const { hookTypeScript } = require('../typescript-hook');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '../..');

const { values: args } = parseArgs({
  options: {
    loop: { type: 'string', default: 'train-model' },
    model: { type: 'string', default: 'cnn-a' },
    images: { type: 'string', default: '10000' },
    epochs: { type: 'string', default: '6' },
    batch: { type: 'string', default: '128' },
    json: { type: 'boolean', default: false },
  },
});

function wasmHeapBytes(tf) {
  const backend = tf.backend();
  return backend?.wasm?.HEAPU8?.buffer?.byteLength ?? null;
}

async function main() {
  const IMAGES = Number(args.images);
  const EPOCHS = Number(args.epochs);
  const BATCH = Number(args.batch);
  hookTypeScript();
  const tf = require(path.join(ROOT, 'packages/ml/node_modules/@tensorflow/tfjs'));
  const { selectBackend } = require(path.join(ROOT, 'packages/ml/src/backend/select-backend.ts'));
  const backend = await selectBackend({ preferred: 'wasm' });
  const epochs = [];
  let cpuMark = process.cpuUsage();
  const record = (epoch, seconds) => {
    const memory = tf.memory();
    const cpu = process.cpuUsage(cpuMark);
    cpuMark = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const row = {
      epoch,
      seconds,
      imagesPerSecond: IMAGES / seconds,
      cpuSeconds,
      imagesPerCpuSecond: IMAGES / cpuSeconds,
      numTensors: memory.numTensors,
      numBytes: memory.numBytes,
      wasmHeapBytes: wasmHeapBytes(tf),
      rssBytes: process.memoryUsage().rss,
    };
    epochs.push(row);
    if (!args.json) {
      console.log(
        `epoch ${epoch}: ${row.imagesPerSecond.toFixed(0)} images/s (${seconds.toFixed(2)} s), ${row.imagesPerCpuSecond.toFixed(0)} per CPU s, ${row.numTensors} tensors, ` +
          `${(row.numBytes / 2 ** 20).toFixed(1)} MiB in tensors, wasm heap ${row.wasmHeapBytes === null ? '?' : (row.wasmHeapBytes / 2 ** 20).toFixed(0)} MiB, ` +
          `rss ${(row.rssBytes / 2 ** 20).toFixed(0)} MiB`,
      );
    }
  };

  if (args.loop === 'train-model') {
    const { loadBuiltinDataset } = require(path.join(ROOT, 'packages/ml/src/data/builtin-datasets.ts'));
    const { trainingSlice } = require(path.join(ROOT, 'packages/ml/src/data/prepare.ts'));
    const { BUILTIN_ARCHITECTURES } = require(path.join(ROOT, 'packages/ml/src/models/zoo.ts'));
    const { trainModel } = require(path.join(ROOT, 'packages/ml/src/training/train-model.ts'));
    const dirs = [process.env.ATELIER_DATASET_DIR, '/work/shared/datasets', path.resolve(ROOT, '../shared/datasets')].filter(
      (d) => d && fs.existsSync(d),
    );
    const loaded = await loadBuiltinDataset('fashion-mnist', { directories: dirs });
    const train = trainingSlice(loaded.train, IMAGES, 1);
    cpuMark = process.cpuUsage(); // the epochs' CPU, not the dataset's loading
    let last = performance.now();
    const result = await trainModel({
      spec: BUILTIN_ARCHITECTURES[args.model].spec,
      hyperparameters: { batchSize: BATCH, epochs: EPOCHS, activation: 'relu', optimizer: 'adam', learningRate: 0.001, momentum: 0 },
      numClasses: loaded.classNames.length,
      train,
      seed: 1,
      onEpochEnd: (m) => {
        const now = performance.now();
        record(m.epoch, (now - last) / 1000);
        last = now;
      },
    });
    result.model.dispose();
  } else if (args.loop === 'engine') {
    const { buildModel, randomBatch } = require('./common');
    const key = { 'cnn-a': 'a', 'cnn-b': 'b', 'cnn-c': 'c' }[args.model];
    const model = buildModel(key);
    const { x, y } = randomBatch(BATCH);
    const steps = Math.ceil(IMAGES / BATCH);
    cpuMark = process.cpuUsage();
    for (let epoch = 1; epoch <= EPOCHS; epoch++) {
      const started = performance.now();
      for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
      record(epoch, (performance.now() - started) / 1000);
    }
  } else throw new Error(`--loop is train-model or engine, not ${args.loop}`);

  // Judged on images per CPU second: on a machine shared with other work the wall-time rate of
  // one epoch swings by half with the others' load, while a leak, heap growth or GC pressure in
  // this process shows in its own CPU per image. Slower by more than 5 % fails; faster is fine.
  const first = epochs[0].imagesPerCpuSecond;
  const lastRate = epochs.at(-1).imagesPerCpuSecond;
  const change = lastRate / first - 1;
  const wallChange = epochs.at(-1).imagesPerSecond / epochs[0].imagesPerSecond - 1;
  const result = {
    loop: args.loop,
    model: args.model,
    backend: backend.label,
    images: IMAGES,
    batch: BATCH,
    epochs,
    change,
    wallChange,
    within5: change >= -0.05,
  };
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else
    console.log(
      `${args.loop} ${args.model} at batch ${BATCH} on ${backend.label}: last epoch ${lastRate.toFixed(0)} vs first ${first.toFixed(0)} images per CPU s ` +
        `(${(100 * change).toFixed(1)} %; wall time ${(100 * wallChange).toFixed(1)} %): ${result.within5 ? 'within' : 'NOT within'} 5 %`,
    );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
