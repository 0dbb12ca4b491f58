// A plain TensorFlow.js CNN on Fashion-MNIST, as you would write it without Atelier — plus the
// lines marked "Atelier". Run it with the platform up (`npm start` in the repository):
//
//     node examples/node-train/train.mjs            # 10,000 images, 5 epochs
//     TRAIN_IMAGES=256 EPOCHS=1 node examples/node-train/train.mjs
//
// ATELIER_URL (default http://localhost:3001) says where Atelier is; DATASET_DIR where the
// Fashion-MNIST files are (default ../shared/datasets/fashion-mnist beside the repository).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import atelier from '@atelier/sdk'; // Atelier

const here = path.dirname(fileURLToPath(import.meta.url));
const datasetDir = process.env.DATASET_DIR ?? path.resolve(here, '../../../shared/datasets/fashion-mnist');
const trainImages = Number(process.env.TRAIN_IMAGES ?? 10_000);
const epochs = Number(process.env.EPOCHS ?? 5);
const config = { dataset: 'fashion-mnist', epochs, batchSize: 64, learningRate: 0.001, trainImages };

/** Reads an IDX file (the format of MNIST and Fashion-MNIST): a header, then one byte per pixel or label. */
function readIdx(file, headerBytes, count, itemBytes) {
  const bytes = gunzipSync(readFileSync(path.join(datasetDir, file)));
  return bytes.subarray(headerBytes, headerBytes + count * itemBytes);
}

function loadTrainingSet(count) {
  const pixels = readIdx('train-images-idx3-ubyte.gz', 16, count, 28 * 28);
  const labels = readIdx('train-labels-idx1-ubyte.gz', 8, count, 1);
  return tf.tidy(() => ({
    xs: tf.tensor4d(
      Float32Array.from(pixels, (value) => value / 255),
      [count, 28, 28, 1],
    ),
    ys: tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), 10),
  }));
}

function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(config.learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const run = await atelier.init({ experiment: 'fashion-mnist cnn (node)', config }); // Atelier
const { xs, ys } = loadTrainingSet(trainImages);
const model = buildModel();
await model.fit(xs, ys, {
  epochs,
  batchSize: config.batchSize,
  validationSplit: 0.1,
  callbacks: [run.callback()], // Atelier
});
await run.logModel(model); // Atelier
console.log(`logged to ${run.url}`);
