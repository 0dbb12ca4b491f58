#!/usr/bin/env node
'use strict';
/**
 * Platform efficiency (issue 19): images trained per second of wall time during a real search
 * through the API and the workers, divided by bench/engine's images/s for the same model, batch
 * size and parallelism, measured in the same run. NOT run in CI.
 *
 *   pnpm build && node bench/search/efficiency.js [--architecture cnn-b] [--slice 10000] [--folds 3]
 *        [--trials 2 | --learning-rates 0.003,0.0015] [--epochs 3] [--batch 64 | --batch 32,64]
 *        [--concurrency 2] [--engine-seconds 20] [--quickstart] [--log FILE] [--json]
 *
 * The defaults are issue 19's first configuration (a 3-fold grid of cnn-b on 10,000 images, target
 * ≥ 0.9); --quickstart is its second, the quick start's search (target ≥ 0.8): cnn-a on 2,000
 * images, 3 folds × 3 epochs, batch sizes 32 and 64 × learning rates 0.01 and 0.001 (4 trials).
 * The quick-start form trains SGD with momentum; this bench trains Adam in both configurations
 * because its peer does (an optimizer's own cost is not the platform's).
 *
 * Starts the built API and one worker with --concurrency trainings at once (bench/search/stack.js,
 * a fresh database and Redis prefix, removed afterwards), waits until the worker's training
 * children are warm (the idle worker a user launches on), launches a grid search of the learning
 * rates (--trials of them halving from 0.003, or --learning-rates) × --batch sizes × --folds folds
 * of --epochs epochs on --slice Fashion-MNIST images, and times it from POST /experiments until
 * the search completes (the refit of the best trial that follows is not counted). Images trained
 * = Σ over folds of train images × epochs.
 *
 * The peer: the engine benchmark's own training loop (bench/engine/run.js --child's loop, in
 * bench/search/engine-child.js, which also times its CPU: the zoo model built with Keras layers,
 * model.trainOnBatch on one random batch) in --concurrency child processes at once, about
 * --engine-seconds each, at each batch size; their images/s summed. It runs both before the stack
 * starts and after it stops (the machine is shared: other work comes and goes), and the efficiency
 * divides by the mean of the two; both are printed. With several batch sizes, the peer's time for
 * the search's images is Σ over batch sizes of its images at that size ÷ the engine's images/s at
 * that size, and the efficiency is that time ÷ the search's.
 *
 * The same ratio on CPU seconds is printed beside it: the engine's CPU seconds for the search's
 * images (its images per CPU second) over the CPU seconds the platform's processes spent during
 * the search (training children, the worker's main process, the API; from /proc). Waiting (for
 * PostgreSQL, between folds) costs no CPU, so this one counts the platform's work, not its waits;
 * but when other agents load the machine, it is the figure that still compares like with like.
 * The CPU line also shows what else ran during the search.
 *
 * It prints the efficiency (targets ≥ 0.9 for a 3-fold grid of cnn-b on 10,000 images, ≥ 0.8 for
 * the quick start's search on 2,000), and where the folds' time went (Σ of each phase the workers
 * measured, FOLD_PHASES, over Σ of their wall time).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { callApi } = require('../http');
const { startStack } = require('./stack');

const { values: given } = parseArgs({
  options: {
    architecture: { type: 'string' },
    slice: { type: 'string' },
    folds: { type: 'string' },
    trials: { type: 'string' },
    'learning-rates': { type: 'string' },
    epochs: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    'engine-seconds': { type: 'string' },
    timeout: { type: 'string', default: '3600' },
    quickstart: { type: 'boolean', default: false },
    log: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
/** Issue 19's two configurations; an explicit flag overrides either. */
const PRESETS = {
  default: { architecture: 'cnn-b', slice: '10000', folds: '3', trials: '2', epochs: '3', batch: '64', 'engine-seconds': '20' },
  quickstart: {
    architecture: 'cnn-a',
    slice: '2000',
    folds: '3',
    'learning-rates': '0.01,0.001',
    epochs: '3',
    batch: '32,64',
    'engine-seconds': '6',
  },
};
const args = {
  ...PRESETS[given.quickstart ? 'quickstart' : 'default'],
  ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
};
// --trials given with a preset that lists learning rates: the halving rates of --trials win
if (given.trials !== undefined && given['learning-rates'] === undefined) delete args['learning-rates'];
const whole = (name, value) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0, got ${value}`);
  return n;
};
const int = (name) => whole(name, args[name]);
const FOLDS = int('folds');
const EPOCHS = int('epochs');
const BATCHES = String(args.batch)
  .split(',')
  .map((b) => whole('batch', b.trim()));
const PARALLEL = int('concurrency');
/** bench/engine's models by zoo key (bench/engine/common.js builds the same layers). */
const ENGINE_MODEL = { 'cnn-a': 'a', 'cnn-b': 'b', 'cnn-c': 'c' }[args.architecture];
if (!ENGINE_MODEL) throw new Error(`--architecture: bench/engine has cnn-a, cnn-b and cnn-c, not ${args.architecture}`);
// Learning rates spaced so that the trials are alike in cost but distinct.
const LEARNING_RATES = args['learning-rates']
  ? args['learning-rates'].split(',').map((v) => Number(v))
  : Array.from({ length: int('trials') }, (_, i) => Number((0.003 / 2 ** i).toPrecision(3)));
if (LEARNING_RATES.some((v) => !(v > 0))) throw new Error(`--learning-rates must be positive numbers, got ${args['learning-rates']}`);
const TRIALS = LEARNING_RATES.length * BATCHES.length;

// FOLD_PHASES of packages/domain (experiment.ts), the order the trial page draws them in
const PHASES = ['queued', 'pickup', 'load', 'build', 'train', 'validate', 'epochWrites', 'batchEvents', 'checkpoint', 'record'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSearch(apiUrl) {
  const request = {
    name: `bench: efficiency, ${args.architecture}, batch ${BATCHES.join(', ')}`,
    dataset: 'fashion-mnist',
    strategy: { kind: 'grid' },
    space: {
      architecture: [args.architecture],
      batchSize: BATCHES,
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

/** bench/engine's training loop, PARALLEL processes at once at each batch size: { batch: images/s summed, runs }. */
async function engine() {
  const engineRun = path.join(__dirname, 'engine-child.js');
  const rates = {};
  for (const batch of BATCHES) {
    const probe = await engineChild(engineRun, 3, batch);
    const steps = Math.max(5, Math.round((Number(args['engine-seconds']) * probe.imgPerSec) / batch / PARALLEL));
    const runs = await Promise.all(Array.from({ length: PARALLEL }, () => engineChild(engineRun, steps, batch)));
    rates[batch] = {
      imagesPerSecond: runs.reduce((sum, r) => sum + r.imgPerSec, 0),
      runs: runs.map((r) => r.imgPerSec),
      // images per CPU second of one trainer: what the search's children are held to below
      imagesPerCpuSecond: runs.reduce((sum, r) => sum + r.steps * r.batch, 0) / runs.reduce((sum, r) => sum + r.cpuSeconds, 0),
    };
  }
  return rates;
}

function engineChild(script, steps, batch) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ENGINE_MODEL, String(steps), String(batch)], {
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

/** The batch size a trial trained at, from its hyperparameters. */
function batchOf(trial) {
  const batch = trial.params?.batchSize ?? trial.hyperparameters?.batchSize ?? (BATCHES.length === 1 ? BATCHES[0] : undefined);
  if (!BATCHES.includes(batch)) throw new Error(`trial ${trial.number}: batch size ${batch} is not one of --batch ${BATCHES.join(',')}`);
  return batch;
}

async function main() {
  const engineBefore = await engine();
  const stack = await startStack({ workerConcurrency: PARALLEL, warmChildren: true, log: given.log ?? null });
  let search;
  let cpu;
  try {
    const before = stack.cpu();
    search = await runSearch(stack.apiUrl);
    const after = stack.cpu();
    // who used the cores during the search: ours, and everything else on the machine (other agents, PostgreSQL, Redis)
    const childSeconds = Object.entries(after.children).reduce((sum, [pid, s]) => sum + s - (before.children[pid] ?? 0), 0);
    cpu = {
      wallSeconds: search.seconds,
      api: after.api - before.api,
      workerMain: after.worker - before.worker,
      trainingChildren: childSeconds,
      machineBusy: after.machine.busy - before.machine.busy,
      machineTotal: after.machine.total - before.machine.total,
    };
    cpu.rest = cpu.machineBusy - cpu.api - cpu.workerMain - cpu.trainingChildren;
  } finally {
    await stack.stop();
  }
  // After the stack is gone, so the engine has the machine the search had.
  const engineAfter = await engine();
  const engineRate = (batch) => (engineBefore[batch].imagesPerSecond + engineAfter[batch].imagesPerSecond) / 2;

  const trials = search.experiment.trials;
  const folds = trials.flatMap((trial) => trial.folds);
  const missing = folds.filter((fold) => fold.timings === null).length;
  const imagesOf = (fold) => (fold.trainSize ?? 0) * fold.epochsCompleted;
  const images = folds.reduce((sum, fold) => sum + imagesOf(fold), 0);
  const searchImagesPerSecond = images / search.seconds;
  // what the engine would take for the same images at the same batch sizes
  const engineSeconds = trials.reduce(
    (sum, trial) => sum + trial.folds.reduce((s, fold) => s + imagesOf(fold), 0) / engineRate(batchOf(trial)),
    0,
  );
  const engineImagesPerSecond = images / engineSeconds;
  // The same on CPU seconds: the engine's CPU for the search's images over the CPU the platform's
  // own processes spent (training children, the worker's main process, the API; PostgreSQL and
  // Redis are not counted). Other work on the machine moves it far less than the wall-time ratio.
  const engineCpuRate = (batch) => (engineBefore[batch].imagesPerCpuSecond + engineAfter[batch].imagesPerCpuSecond) / 2;
  const engineCpuSeconds = trials.reduce(
    (sum, trial) => sum + trial.folds.reduce((s, fold) => s + imagesOf(fold), 0) / engineCpuRate(batchOf(trial)),
    0,
  );
  const platformCpuSeconds = cpu.trainingChildren + cpu.workerMain + cpu.api;
  const cpuEfficiency = engineCpuSeconds / platformCpuSeconds;
  const wall = folds.reduce((sum, fold) => sum + (fold.timings?.wallSeconds ?? 0), 0);
  const phases = Object.fromEntries(PHASES.map((p) => [p, folds.reduce((sum, fold) => sum + (fold.timings?.phases[p] ?? 0), 0)]));
  const efficiency = engineSeconds / search.seconds;
  const result = {
    architecture: args.architecture,
    batches: BATCHES,
    learningRates: LEARNING_RATES,
    parallel: PARALLEL,
    folds: folds.length,
    foldsWithoutTimings: missing,
    imagesTrained: images,
    searchSeconds: search.seconds,
    searchImagesPerSecond,
    engineBefore,
    engineAfter,
    engineImagesPerSecond,
    efficiency,
    engineCpuSeconds,
    platformCpuSeconds,
    cpuEfficiency,
    foldWallSeconds: wall,
    phases,
    cpu,
  };
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(
    `search: ${folds.length} folds (${TRIALS} trials × ${FOLDS} folds × ${EPOCHS} epochs of ${args.architecture} at batch ${BATCHES.join(' and ')}, ` +
      `${PARALLEL} at once), ${images.toLocaleString('en')} images trained in ${search.seconds.toFixed(1)} s: ${searchImagesPerSecond.toFixed(0)} images/s`,
  );
  for (const batch of BATCHES) {
    const show = (rates) =>
      `${rates[batch].runs.map((r) => r.toFixed(0)).join(' + ')} = ${rates[batch].imagesPerSecond.toFixed(0)} (${rates[batch].imagesPerCpuSecond.toFixed(0)}/CPU s)`;
    console.log(
      `engine: ${PARALLEL} × bench/engine ${ENGINE_MODEL} at batch ${batch}: before ${show(engineBefore)}, after ${show(engineAfter)} images/s; mean ${engineRate(batch).toFixed(0)}`,
    );
  }
  console.log(`engine time for the search's images: ${engineSeconds.toFixed(1)} s (${engineImagesPerSecond.toFixed(0)} images/s)`);
  console.log(`platform efficiency: ${efficiency.toFixed(3)}`);
  console.log(
    `on CPU seconds: the engine would spend ${engineCpuSeconds.toFixed(1)} s, the platform spent ${platformCpuSeconds.toFixed(1)} s ` +
      `(children, worker main, API): efficiency ${cpuEfficiency.toFixed(3)}`,
  );
  const cores = (seconds) => `${seconds.toFixed(1)} s (${(seconds / cpu.wallSeconds).toFixed(2)} cores)`;
  console.log(
    `CPU during the search (${(cpu.machineTotal / cpu.wallSeconds).toFixed(0)} cores): training children ${cores(cpu.trainingChildren)}, ` +
      `worker main ${cores(cpu.workerMain)}, API ${cores(cpu.api)}, everything else (PostgreSQL, Redis, this bench, other work) ${cores(cpu.rest)}, ` +
      `idle ${cores(cpu.machineTotal - cpu.machineBusy)}`,
  );
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
