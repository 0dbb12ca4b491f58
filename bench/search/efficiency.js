#!/usr/bin/env node
'use strict';
/**
 * Platform efficiency (issue 19): images trained per second of wall time during a real search
 * through the API and the workers, divided by bench/engine's images/s for the same model, batch
 * size and parallelism, measured in the same run. NOT run in CI.
 *
 *   pnpm build && node bench/search/efficiency.js [--architecture cnn-b] [--slice 10000] [--folds 3]
 *        [--trials 2] [--epochs 3] [--batch 64] [--concurrency 2] [--engine-seconds 20] [--json]
 *
 * Starts the built API and one worker with --concurrency trainings at once (bench/search/stack.js,
 * a fresh database and Redis prefix, removed afterwards), launches a grid search of --trials
 * learning rates × --folds folds of --epochs epochs on --slice Fashion-MNIST images at --batch,
 * and times it from POST /experiments until the search completes (the refit of the best trial
 * that follows is not counted). Images trained = Σ over folds of train images × epochs.
 *
 * The peer: the engine benchmark's own training loop (bench/engine/run.js --child: the zoo model
 * built with Keras layers, model.trainOnBatch on one random batch) in --concurrency child
 * processes at once, about --engine-seconds each; their images/s summed.
 *
 * It prints the efficiency (search images/s ÷ engine images/s; targets ≥ 0.9 for a 3-fold grid of
 * cnn-b on 10,000 images, ≥ 0.8 for the quick start's search on 2,000), and where the folds' time
 * went (Σ of each phase the workers measured, FOLD_PHASES, over Σ of their wall time).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { callApi } = require('../http');
const { startStack, ROOT } = require('./stack');

const { values: args } = parseArgs({
  options: {
    architecture: { type: 'string', default: 'cnn-b' },
    slice: { type: 'string', default: '10000' },
    folds: { type: 'string', default: '3' },
    trials: { type: 'string', default: '2' },
    epochs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '64' },
    concurrency: { type: 'string', default: '2' },
    'engine-seconds': { type: 'string', default: '20' },
    timeout: { type: 'string', default: '3600' },
    json: { type: 'boolean', default: false },
  },
});
const int = (name) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0, got ${args[name]}`);
  return n;
};
const FOLDS = int('folds');
const TRIALS = int('trials');
const EPOCHS = int('epochs');
const BATCH = int('batch');
const PARALLEL = int('concurrency');
/** bench/engine's models by zoo key (bench/engine/common.js builds the same layers). */
const ENGINE_MODEL = { 'cnn-a': 'a', 'cnn-b': 'b', 'cnn-c': 'c' }[args.architecture];
if (!ENGINE_MODEL) throw new Error(`--architecture: bench/engine has cnn-a, cnn-b and cnn-c, not ${args.architecture}`);
// Learning rates spaced so that the trials are alike in cost but distinct.
const LEARNING_RATES = Array.from({ length: TRIALS }, (_, i) => Number((0.003 / 2 ** i).toPrecision(3)));

// FOLD_PHASES of packages/domain (experiment.ts), the order the trial page draws them in
const PHASES = ['queued', 'pickup', 'load', 'build', 'train', 'validate', 'epochWrites', 'batchEvents', 'checkpoint', 'record'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSearch(apiUrl) {
  const request = {
    name: `bench: efficiency, ${args.architecture}, batch ${BATCH}`,
    dataset: 'fashion-mnist',
    strategy: { kind: 'grid' },
    space: {
      architecture: [args.architecture],
      batchSize: [BATCH],
      epochs: [EPOCHS],
      activation: ['relu'],
      optimizer: ['adam'],
      learningRate: LEARNING_RATES,
      momentum: [0],
    },
    validation: { kind: 'kfold', folds: FOLDS },
    trainingSlice: int('slice'),
    seed: 1,
  };
  const started = Date.now();
  const created = await callApi(apiUrl, 'POST', '/experiments', request);
  const deadline = started + Number(args.timeout) * 1000;
  for (;;) {
    const experiment = await callApi(apiUrl, 'GET', `/experiments/${created.id}`);
    if (['completed', 'failed', 'cancelled'].includes(experiment.status)) {
      const seconds = (Date.now() - started) / 1000;
      if (experiment.status !== 'completed') throw new Error(`the search ended ${experiment.status}: ${experiment.error ?? ''}`);
      return { experiment, seconds };
    }
    if (Date.now() > deadline) throw new Error(`the search did not finish within --timeout ${args.timeout} s`);
    // Polling every half second costs the workers little and bounds the error on the wall time.
    await sleep(500);
  }
}

/** bench/engine's training loop, PARALLEL processes at once: images/s of each. */
async function engine() {
  const engineRun = path.join(ROOT, 'bench/engine/run.js');
  const probe = await engineChild(engineRun, 3);
  const steps = Math.max(5, Math.round((Number(args['engine-seconds']) * probe.imgPerSec) / BATCH / PARALLEL));
  return Promise.all(Array.from({ length: PARALLEL }, () => engineChild(engineRun, steps)));
}

function engineChild(script, steps) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--child', ENGINE_MODEL, 'wasm', String(steps), '2', String(BATCH)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) reject(new Error(`bench/engine child exited ${code}: ${err.slice(-500)}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

async function main() {
  const stack = await startStack({ workerConcurrency: PARALLEL });
  let search;
  try {
    search = await runSearch(stack.apiUrl);
  } finally {
    await stack.stop();
  }
  // After the stack is gone, so the engine has the machine the search had.
  const engineRuns = await engine();
  const engineImagesPerSecond = engineRuns.reduce((sum, r) => sum + r.imgPerSec, 0);

  const folds = search.experiment.trials.flatMap((trial) => trial.folds);
  const missing = folds.filter((fold) => fold.timings === null).length;
  const images = folds.reduce((sum, fold) => sum + (fold.trainSize ?? 0) * fold.epochsCompleted, 0);
  const searchImagesPerSecond = images / search.seconds;
  const wall = folds.reduce((sum, fold) => sum + (fold.timings?.wallSeconds ?? 0), 0);
  const phases = Object.fromEntries(PHASES.map((p) => [p, folds.reduce((sum, fold) => sum + (fold.timings?.phases[p] ?? 0), 0)]));
  const efficiency = searchImagesPerSecond / engineImagesPerSecond;
  const result = {
    architecture: args.architecture,
    batch: BATCH,
    parallel: PARALLEL,
    folds: folds.length,
    foldsWithoutTimings: missing,
    imagesTrained: images,
    searchSeconds: search.seconds,
    searchImagesPerSecond,
    engineImagesPerSecond,
    efficiency,
    foldWallSeconds: wall,
    phases,
  };
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(
    `search: ${folds.length} folds (${TRIALS} trials × ${FOLDS} folds × ${EPOCHS} epochs of ${args.architecture} at batch ${BATCH}, ` +
      `${PARALLEL} at once), ${images.toLocaleString('en')} images trained in ${search.seconds.toFixed(1)} s: ${searchImagesPerSecond.toFixed(0)} images/s`,
  );
  console.log(
    `engine: ${PARALLEL} × bench/engine ${ENGINE_MODEL} at batch ${BATCH}: ${engineRuns.map((r) => r.imgPerSec.toFixed(0)).join(' + ')} = ${engineImagesPerSecond.toFixed(0)} images/s`,
  );
  console.log(`platform efficiency: ${efficiency.toFixed(3)}`);
  console.log(`where the folds' ${wall.toFixed(1)} s on the workers went (Σ over folds; the queue wait apart):`);
  for (const phase of PHASES) {
    const share = phase === 'queued' ? '' : ` ${((100 * phases[phase]) / wall).toFixed(1).padStart(5)} %`;
    console.log(`  ${phase.padEnd(12)} ${phases[phase].toFixed(2).padStart(8)} s${share}`);
  }
  const accounted = PHASES.filter((p) => p !== 'queued').reduce((sum, p) => sum + phases[p], 0);
  console.log(
    `  ${'other'.padEnd(12)} ${(wall - accounted).toFixed(2).padStart(8)} s ${((100 * (wall - accounted)) / wall).toFixed(1).padStart(5)} %`,
  );
  console.log('per fold, in the order they finished (seconds: queued, pickup, load, build, train, validate, wall):');
  const finished = search.experiment.trials
    .flatMap((trial) => trial.folds.map((fold) => ({ trial: trial.number, ...fold })))
    .filter((fold) => fold.timings !== null)
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
  for (const fold of finished) {
    const p = fold.timings.phases;
    const cells = [p.queued, p.pickup, p.load, p.build, p.train, p.validate, fold.timings.wallSeconds].map((v) => v.toFixed(2).padStart(7));
    console.log(`  trial ${String(fold.trial).padStart(2)} fold ${fold.fold + 1} ${cells.join(' ')}`);
  }
  console.log(
    `search wall ${search.seconds.toFixed(1)} s vs Σ fold wall / ${PARALLEL} = ${(wall / PARALLEL).toFixed(1)} s: the rest is between folds`,
  );
  if (missing > 0) console.log(`(${missing} folds have no timings)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
