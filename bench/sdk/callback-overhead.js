'use strict';
/**
 * The SDK's cost to a training: model.fit of cnn-a on 10,000 Fashion-MNIST images (1 epoch,
 * batch 64), timed without a callback and with run.callback() logging to a real API, in
 * alternating order (A B A B ...) so that the machine's drift hits both alike. Prints each
 * pair and the median overhead; the target is below 2 % of the fit's wall time. NOT run in CI.
 *
 *   pnpm build && node bench/sdk/callback-overhead.js [--images 10000] [--pairs 3] [--backend wasm|cpu]
 *
 * The API (and a fresh database, dropped afterwards) is started by bench/search/stack.js, as
 * the search benchmark does. Needs PostgreSQL and Redis as for `npm test`.
 */
const path = require('node:path');
const { startStack, ROOT } = require('../search/stack');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const IMAGES = Number(args.images ?? 10_000);
const PAIRS = Number(args.pairs ?? 3);

const ml = (file) => require(path.join(ROOT, 'packages/ml/dist', file));
const tf = require(require.resolve('@tensorflow/tfjs', { paths: [path.join(ROOT, 'packages/ml')] }));

async function main() {
  const { selectBackend } = ml('backend/select-backend.js');
  const { loadBuiltinDataset } = ml('data/builtin-datasets.js');
  const { BUILTIN_ARCHITECTURES } = ml('models/zoo.js');
  const { buildModel } = ml('models/build-model.js');
  const backend = await selectBackend({ preferred: args.backend });
  const dataset = await loadBuiltinDataset('fashion-mnist', {
    directories: [process.env.ATELIER_DATASET_DIR ?? path.resolve(ROOT, '../shared/datasets')],
  });
  const { images, labels } = dataset.train;
  const pixels = Float32Array.from(images.subarray(0, IMAGES * 784), (value) => value / 255);
  const xs = tf.tensor4d(pixels, [IMAGES, 28, 28, 1]);
  const ys = tf.oneHot(tf.tensor1d(Int32Array.from(labels.subarray(0, IMAGES)), 'int32'), 10);

  const stack = await startStack({ workerConcurrency: 1, env: {} });
  const atelier = require(path.join(ROOT, 'packages/sdk/dist/cjs/index.js'));
  try {
    const fit = async (withCallback) => {
      const model = buildModel({
        spec: BUILTIN_ARCHITECTURES['cnn-a'].spec,
        inputShape: [28, 28, 1],
        numClasses: 10,
        activation: 'relu',
        seed: 1,
      });
      model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const run = withCallback ? await atelier.init({ url: stack.apiUrl, experiment: 'bench: sdk overhead', warn: () => undefined }) : null;
      const started = performance.now();
      await model.fit(xs, ys, {
        epochs: 1,
        batchSize: 64,
        validationSplit: 0.1,
        callbacks: run
          ? [run.callback(args['batch-log-ms'] === undefined ? {} : { batchLogIntervalMs: Number(args['batch-log-ms']) })]
          : [],
      });
      const seconds = (performance.now() - started) / 1000;
      if (run) await run.finish();
      model.dispose();
      return seconds;
    };
    await fit(false); // warm-up: kernels compiled, memory allocated
    const overheads = [];
    console.log(`cnn-a, ${IMAGES} images, 1 epoch, batch 64, backend ${backend.name}`);
    for (let pair = 0; pair < PAIRS; pair++) {
      const order = pair % 2 === 0 ? [false, true] : [true, false];
      const times = {};
      for (const withCallback of order) times[withCallback ? 'with' : 'without'] = await fit(withCallback);
      const overhead = times.with / times.without - 1;
      overheads.push(overhead);
      console.log(
        `pair ${pair + 1}: without ${times.without.toFixed(2)} s, with run.callback() ${times.with.toFixed(2)} s, overhead ${(overhead * 100).toFixed(2)} %`,
      );
    }
    const sorted = [...overheads].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`median overhead ${(median * 100).toFixed(2)} % (target < 2 %: ${median < 0.02 ? 'met' : 'missed'})`);
  } finally {
    tf.dispose([xs, ys]);
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
