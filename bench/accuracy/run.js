'use strict';
/**
 * Accuracy benchmark: trains the zoo's models on the full datasets with Atelier's own trainer
 * (packages/ml) on the best available backend and prints test accuracy and wall time against
 * the targets. NOT run in CI (a full run takes tens of minutes to hours on 2 cores).
 *
 *   node bench/accuracy/run.js [--parts cnn-a,best,knn,mnist] [--best cnn-e] [--epochs-a 8]
 *       [--epochs-best 30] [--epochs-mnist 6] [--batch-size 128] [--learning-rate 0.001]
 *       [--lr-schedule constant|cosine] [--train-size N] [--test-size N] [--seed 1]
 *       [--backend wasm|cpu|tensorflow] [--json]
 *
 * No build is needed: the TypeScript sources of packages/ml (and packages/domain) are compiled
 * on load with @swc/core, a workspace dependency. Data comes from ATELIER_DATASET_DIR, else
 * /work/shared/datasets (or ../shared/datasets next to the repository), holding
 * fashion-mnist/ and mnist/ with the four official IDX .gz files each.
 * --lr-schedule cosine (the default) anneals Adam's rate per batch from --learning-rate to 0 over
 * the run (TrainOptions.learningRateSchedule in packages/ml); constant keeps it.
 * --train-size / --test-size take stratified seeded slices, for smoke runs, e.g.
 *   node bench/accuracy/run.js --train-size 2000 --test-size 1000 --epochs-a 1 --epochs-best 1 --epochs-mnist 1
 * Parts and targets:
 *   cnn-a  Fashion-MNIST, model cnn-a              test accuracy >= 90%
 *   best   Fashion-MNIST, --best model (cnn-e)     >= 92%
 *   knn    Fashion-MNIST, KNN k=5 on raw pixels    85.5% .. 86.0% (the published baseline)
 *   mnist  MNIST digits, model cnn-a                >= 98.5%
 * Exit code 0 when every part ran; targets are reported, not enforced (slices miss them).
 * After the table, each trained part's images/s by epoch, and per CPU second of this process, and
 * whether the last epoch is within 5 % of the first per CPU second (sustained speed, issue 19; the
 * wall-time rate swings with other work on the machine; bench/engine/sustained.js isolates the loop).
 *
 * Measured 2026-11-29 on the 2-core dev machine (2 × AMD EPYC; wasm + Atelier kernels, seed 1,
 * batch 128, Adam 1e-3 with the cosine schedule; another benchmark shared the machine part of the time):
 *   node bench/accuracy/run.js --parts cnn-a,knn              cnn-a 8 epochs  90.95% (met)      140 s
 *                                                             knn k=5         85.67% (met)       23 s
 *   node bench/accuracy/run.js --parts mnist                  cnn-a 6 epochs  98.68% (met)       96 s
 *   node bench/accuracy/run.js --parts best                   cnn-e 30 epochs 92.42% (met)    2,020 s
 *     (15 epochs gave 91.30% in 858 s: the cosine schedule needs the longer run to settle)
 * and 2026-11-22 with a constant rate (machine shared with other jobs, so times are pessimistic):
 *   cnn-a  8 epochs  90.23% (met, narrowly: train accuracy 94.3%, it starts to overfit)  782 s
 *   knn    k=5       85.67% (met)                                                           64 s
 *   mnist  cnn-a 5 epochs 98.48%, 8 epochs 98.40% (constant rate: it overfits; the cosine schedule fixed it)
 *   best   cnn-e 8 epochs 90.73% in 2005 s
 * The same seed replays the same per-epoch losses across processes.
 */
const fs = require('node:fs');
const path = require('node:path');

const { hookTypeScript } = require('../typescript-hook');

const ROOT = path.resolve(__dirname, '../..');

function parseArgs(argv) {
  const options = {
    parts: ['cnn-a', 'best', 'knn', 'mnist'],
    best: 'cnn-e',
    epochsA: 8,
    epochsBest: 30,
    epochsMnist: 6,
    batchSize: 128,
    learningRate: 0.001,
    lrSchedule: 'cosine',
    trainSize: null,
    testSize: null,
    seed: 1,
    backend: undefined,
    json: false,
  };
  const names = {
    '--parts': (v) => (options.parts = v.split(',')),
    '--best': (v) => (options.best = v),
    '--epochs-a': (v) => (options.epochsA = Number(v)),
    '--epochs-best': (v) => (options.epochsBest = Number(v)),
    '--epochs-mnist': (v) => (options.epochsMnist = Number(v)),
    '--batch-size': (v) => (options.batchSize = Number(v)),
    '--learning-rate': (v) => (options.learningRate = Number(v)),
    '--train-size': (v) => (options.trainSize = Number(v)),
    '--test-size': (v) => (options.testSize = Number(v)),
    '--seed': (v) => (options.seed = Number(v)),
    '--backend': (v) => (options.backend = v),
    '--lr-schedule': (v) => (options.lrSchedule = v),
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') options.json = true;
    else if (names[argv[i]] && argv[i + 1] !== undefined) names[argv[i]](argv[++i]);
    else throw new Error(`unknown or incomplete option ${argv[i]} (see the header of ${__filename})`);
  }
  const unknown = options.parts.filter((p) => !['cnn-a', 'best', 'knn', 'mnist'].includes(p));
  if (unknown.length) throw new Error(`unknown parts: ${unknown.join(', ')}`);
  if (!['constant', 'cosine'].includes(options.lrSchedule))
    throw new Error(`--lr-schedule must be constant or cosine, got ${options.lrSchedule}`);
  return options;
}

function datasetDirectories() {
  const candidates = [process.env.ATELIER_DATASET_DIR, '/work/shared/datasets', path.resolve(ROOT, '../shared/datasets')];
  return candidates.filter((d) => d && fs.existsSync(d));
}

const percent = (x) => `${(100 * x).toFixed(2)}%`;
const log = (...args) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  hookTypeScript();
  const { selectBackend } = require(path.join(ROOT, 'packages/ml/src/backend/select-backend.ts'));
  const { loadBuiltinDataset } = require(path.join(ROOT, 'packages/ml/src/data/builtin-datasets.ts'));
  const { trainingSlice } = require(path.join(ROOT, 'packages/ml/src/data/prepare.ts'));
  const { BUILTIN_ARCHITECTURES } = require(path.join(ROOT, 'packages/ml/src/models/zoo.ts'));
  const { trainModel } = require(path.join(ROOT, 'packages/ml/src/training/train-model.ts'));
  const { evaluateModel } = require(path.join(ROOT, 'packages/ml/src/evaluation/evaluate-model.ts'));
  const { knnPredict } = require(path.join(ROOT, 'packages/ml/src/knn/knn-classifier.ts'));
  const { accuracy } = require(path.join(ROOT, 'packages/domain/src/classification.ts'));

  const backend = await selectBackend({ preferred: options.backend });
  log(`backend ${backend.label}${backend.skipped.length ? ` (skipped: ${backend.skipped.join('; ')})` : ''}`);
  const directories = datasetDirectories();
  const datasets = new Map();
  async function dataset(key) {
    if (!datasets.has(key)) {
      const loaded = await loadBuiltinDataset(key, { directories });
      const train = options.trainSize ? trainingSlice(loaded.train, options.trainSize, options.seed) : loaded.train;
      const test = options.testSize ? trainingSlice(loaded.test, options.testSize, options.seed) : loaded.test;
      log(`${key}: ${train.count} training and ${test.count} test images from ${loaded.source}`);
      datasets.set(key, { ...loaded, train, test });
    }
    return datasets.get(key);
  }

  async function trainAndTest({ part, datasetKey, architecture, epochs, target }) {
    const data = await dataset(datasetKey);
    if (!BUILTIN_ARCHITECTURES[architecture]) throw new Error(`unknown architecture ${architecture}`);
    const started = Date.now();
    const epochRates = [];
    const epochCpuRates = [];
    let cpuMark = process.cpuUsage();
    const result = await trainModel({
      spec: BUILTIN_ARCHITECTURES[architecture].spec,
      hyperparameters: {
        batchSize: options.batchSize,
        epochs,
        activation: 'relu',
        optimizer: 'adam',
        learningRate: options.learningRate,
        momentum: 0,
      },
      numClasses: data.classNames.length,
      train: data.train,
      seed: options.seed,
      learningRateSchedule: { kind: options.lrSchedule },
      onEpochEnd: (m) => {
        epochRates.push(data.train.count / m.seconds);
        const cpu = process.cpuUsage(cpuMark);
        cpuMark = process.cpuUsage();
        epochCpuRates.push(data.train.count / ((cpu.user + cpu.system) / 1e6));
        log(
          `${part} ${architecture} epoch ${m.epoch}/${epochs}: loss ${m.loss.toFixed(4)} acc ${percent(m.accuracy)} ` +
            `${m.seconds.toFixed(1)} s (${Math.round(data.train.count / m.seconds)} img/s)`,
        );
      },
    });
    const trainSeconds = (Date.now() - started) / 1000;
    const evaluation = await evaluateModel({
      model: result.model,
      test: data.test,
      classNames: data.classNames,
      sampleCount: 0,
      seed: options.seed,
    });
    result.model.dispose();
    return {
      part,
      dataset: datasetKey,
      model: architecture,
      epochs,
      accuracy: evaluation.accuracy,
      loss: evaluation.loss,
      target,
      met: target(evaluation.accuracy),
      seconds: (Date.now() - started) / 1000,
      trainSeconds,
      epochImagesPerSecond: epochRates,
      epochImagesPerCpuSecond: epochCpuRates,
      // sustained speed: the last epoch no more than 5 % slower than the first, per CPU second of
      // this process (a leak or heap growth shows there; other agents' load swings the wall rate)
      sustained: epochCpuRates.length > 1 ? epochCpuRates.at(-1) >= 0.95 * epochCpuRates[0] : null,
    };
  }

  const rows = [];
  for (const part of options.parts) {
    log(`part ${part}`);
    if (part === 'cnn-a') {
      rows.push(
        await trainAndTest({
          part,
          datasetKey: 'fashion-mnist',
          architecture: 'cnn-a',
          epochs: options.epochsA,
          target: Object.assign((a) => a >= 0.9, { text: '>= 90%' }),
        }),
      );
    } else if (part === 'best') {
      rows.push(
        await trainAndTest({
          part,
          datasetKey: 'fashion-mnist',
          architecture: options.best,
          epochs: options.epochsBest,
          target: Object.assign((a) => a >= 0.92, { text: '>= 92%' }),
        }),
      );
    } else if (part === 'mnist') {
      rows.push(
        await trainAndTest({
          part,
          datasetKey: 'mnist',
          architecture: 'cnn-a',
          epochs: options.epochsMnist,
          target: Object.assign((a) => a >= 0.985, { text: '>= 98.5%' }),
        }),
      );
    } else if (part === 'knn') {
      const data = await dataset('fashion-mnist');
      const started = Date.now();
      const predictions = await knnPredict({ train: data.train, test: data.test, k: 5 });
      const acc = accuracy(data.test.labels.subarray(0, data.test.count), predictions);
      const target = Object.assign((a) => a >= 0.855 && a <= 0.86, { text: '85.5% .. 86.0%' });
      rows.push({
        part,
        dataset: 'fashion-mnist',
        model: 'knn k=5',
        epochs: null,
        accuracy: acc,
        loss: null,
        target,
        met: target(acc),
        seconds: (Date.now() - started) / 1000,
      });
    }
    const row = rows[rows.length - 1];
    log(`${part}: ${percent(row.accuracy)} (target ${row.target.text}: ${row.met ? 'met' : 'NOT met'}) in ${row.seconds.toFixed(1)} s`);
  }

  if (options.json) {
    console.log(JSON.stringify({ backend, options, rows: rows.map((r) => ({ ...r, target: r.target.text })) }, null, 2));
    return;
  }
  const sizes = datasets.size ? [...datasets.entries()].map(([k, d]) => `${k} ${d.train.count}/${d.test.count}`).join(', ') : '';
  console.log(
    `\nAtelier accuracy bench, ${backend.label}, seed ${options.seed}, batch ${options.batchSize}, adam ${options.learningRate}, ${options.lrSchedule} learning rate; train/test sizes: ${sizes}\n`,
  );
  console.log('| part | dataset | model | epochs | test accuracy | target | met | wall time |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.part} | ${r.dataset} | ${r.model} | ${r.epochs ?? '-'} | ${percent(r.accuracy)} | ${r.target.text} | ${r.met ? 'yes' : 'no'} | ${r.seconds.toFixed(1)} s |`,
    );
  }
  for (const r of rows.filter((row) => row.epochImagesPerSecond?.length)) {
    const rates = r.epochImagesPerSecond;
    const cpuRates = r.epochImagesPerCpuSecond;
    const change = cpuRates.at(-1) / cpuRates[0] - 1;
    const show = (values) => values.map((v) => Math.round(v).toLocaleString('en')).join(', ');
    console.log(
      `${r.part}: images/s by epoch ${show(rates)}; per CPU second ${show(cpuRates)}; last vs first (per CPU second) ${(100 * change).toFixed(1)} %: ` +
        (r.sustained === null ? 'one epoch' : r.sustained ? 'within 5 %' : 'NOT within 5 %'),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
