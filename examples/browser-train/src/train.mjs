// A small TensorFlow.js model trained in the browser on Fashion-MNIST, as you would write it
// without Atelier — plus the lines marked "Atelier". The page's address says where things are:
//
//     index.html?api=http://localhost:3001&images=300&epochs=3&backend=cpu#token=atl_…
//
// api: Atelier's API (it must list this page's origin in ATELIER_CORS_ORIGINS); images and
// epochs: how much to train; backend: a TF.js backend to force (default: TF.js's own choice);
// token (after the #, so it never reaches a server's logs): an API token with write scope.
// The Fashion-MNIST files come from ./data/ (serve.mjs serves them from DATASET_DIR).
import * as tf from '@tensorflow/tfjs';
import atelier from '@atelier/sdk'; // Atelier (a bundler picks the SDK's browser entry)

const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const query = new URLSearchParams(location.search);
const apiUrl = query.get('api') ?? 'http://localhost:3001';
const trainImages = Number(query.get('images') ?? 300);
const testImages = Number(query.get('testImages') ?? 100);
const epochs = Number(query.get('epochs') ?? 3);
const backend = query.get('backend');
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;

const statusLine = document.getElementById('status');
const logBox = document.getElementById('log');
function show(state, text) {
  statusLine.dataset.state = state;
  statusLine.textContent = text;
}
const print = (line) => (logBox.textContent += `${line}\n`);

/** The first bytes of a gzipped file, decompressed as they arrive: a few hundred images need a few hundred KB. */
async function readGzipPrefix(url, byteCount) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new DecompressionStream('gzip')).getReader();
  const bytes = new Uint8Array(byteCount);
  let filled = 0;
  while (filled < byteCount) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`${url} holds fewer than ${byteCount} bytes`);
    const take = Math.min(value.length, byteCount - filled);
    bytes.set(value.subarray(0, take), filled);
    filled += take;
  }
  await reader.cancel();
  return bytes;
}

/** `count` images and labels of an IDX pair (16-byte header before the pixels, 8 before the labels). */
async function loadSplit(prefix, count) {
  const [pixels, labels] = await Promise.all([
    readGzipPrefix(`./data/${prefix}-images-idx3-ubyte.gz`, 16 + count * 784),
    readGzipPrefix(`./data/${prefix}-labels-idx1-ubyte.gz`, 8 + count),
  ]);
  const classes = Int32Array.from(labels.subarray(8));
  return tf.tidy(() => ({
    xs: tf.tensor4d(
      Float32Array.from(pixels.subarray(16), (v) => v / 255),
      [count, 28, 28, 1],
    ),
    ys: tf.oneHot(tf.tensor1d(classes, 'int32'), CLASS_NAMES.length),
    classes,
  }));
}

function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: CLASS_NAMES.length, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function main() {
  if (backend) await tf.setBackend(backend);
  await tf.ready();
  show('loading', `Loading ${trainImages} training and ${testImages} test images…`);
  const train = await loadSplit('train', trainImages);
  const test = await loadSplit('t10k', testImages);
  const config = { dataset: 'fashion-mnist', epochs, batchSize: 32, trainImages, backend: tf.getBackend() };

  const run = await atelier.init({ url: apiUrl, token, experiment: 'fashion-mnist (browser)', config }); // Atelier
  document.getElementById('run').innerHTML = `Logging to <a href="${run.url}">${run.url}</a>`;
  show('training', `Training for ${epochs} epochs on ${tf.getBackend()}…`);
  const model = buildModel();
  await model.fit(train.xs, train.ys, {
    epochs,
    batchSize: config.batchSize,
    validationSplit: 0.1,
    callbacks: [
      run.callback(), // Atelier
      // a tf.Callback instance first makes fit take the whole list as instances: wrap plain hooks
      new tf.CustomCallback({
        onEpochEnd: async (epoch, logs) => print(`epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}, accuracy ${logs.acc.toFixed(3)}`),
      }),
    ],
  });
  const predicted = tf.tidy(() => model.predict(test.xs).argMax(-1));
  await run.logConfusionMatrix(test.classes, predicted, CLASS_NAMES); // Atelier
  tf.dispose([predicted, train.xs, train.ys, test.xs, test.ys]);
  model.dispose();
  await run.finish(); // Atelier: a page has no exit to finish the run at
  show('done', `Done: run ${run.id} is in Atelier.`);
  statusLine.dataset.runId = run.id;
}

main().catch((error) => {
  show('error', `Failed: ${error.message}`);
  console.error(error);
});
