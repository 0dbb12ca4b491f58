import { TrainingInputError } from './training-input-error';
import * as tf from '@tensorflow/tfjs';
import { HYPERPARAMETER_NAMES, hyperparameterDefinition, resolveHyperparameters, type TOptimizer } from '@atelier/domain';
import { backendInfo } from '../backend/select-backend';
import { atelierAdam } from '../backend/kernels/adam';
import { createRandom, deriveSeed, permutation, type SeededRandom } from '../data/random';
import type { ImageSet } from '../data/types';
import { buildModel } from '../models/build-model';
import { buildFineTuneModel } from '../models/fine-tune';
import { assertImageSet, fillBatch, identityOrder } from './image-batches';
import { deserializeCheckpoint, restoreCheckpoint, serializeCheckpoint, type Checkpoint } from './checkpoint';
import { applyRandomErasing, DEFAULT_RANDOM_ERASING, validateRandomErasingOptions } from './random-erasing';
import { scheduledLearningRate, setOptimizerLearningRate, validateLearningRateSchedule } from './learning-rate-schedule';
import type { EarlyStoppingOptions, EpochMetrics, RandomErasingOptions, TrainingHyperparameters, TrainOptions } from './types';

export interface TrainResult {
  /** The trained model; the caller owns it and must dispose it. */
  model: tf.LayersModel;
  /** One entry per completed epoch (an epoch cut short by cancellation is not reported). */
  history: EpochMetrics[];
  stoppedEarly: boolean;
  cancelled: boolean;
  /** Set when options.checkpoint asked for one and training was not cancelled. */
  checkpoint: Uint8Array | null;
  /** Backend label for run metadata, e.g. "wasm (tfjs 4.22.0, SIMD)". */
  backend: string;
  /** Where the call's wall time went (a fold's breakdown on the trial page). */
  timings: TrainTimings;
  /**
   * counts[true][predicted] on the validation set after the last epoch trained: what a separate
   * evaluation of the returned model would count. Null without validation or epochs.
   */
  validationConfusionMatrix: number[][] | null;
}

/** Seconds of trainModel's wall time by what it was doing; together they are nearly all of it. */
export interface TrainTimings {
  /** Building the model (or adapting a base model) and restoring a checkpoint. */
  buildSeconds: number;
  /** The batches: assembling and augmenting them, forward and backward passes, reading the loss. */
  trainSeconds: number;
  /** Validation loss and accuracy after each epoch. */
  validationSeconds: number;
  /** Awaiting onEpochEnd: the caller's per-epoch writes and events. */
  epochEndSeconds: number;
  /** Awaiting onBatchEnd and shouldStop, and yielding to the event loop between batches. */
  batchEndSeconds: number;
  /** Serializing the checkpoint at the end. */
  checkpointSeconds: number;
}

/**
 * Images per forward pass when measuring validation loss. Not the bigger the better: on the wasm
 * backend cnn-b predicted 12,000–13,000 images per CPU second at 64–128 but 6,500–9,500 at 512
 * (cnn-a 16,600 at 64, 10,900 at 512; issue 19), the larger batches' im2col buffers falling out
 * of the caches; at 128 the per-call costs are already amortised. Validation is a sixth of a
 * 3-fold search's time on the workers, so this is a few per cent of every search.
 */
const EVALUATION_BATCH_SIZE = 128;

/** Streams of randomness derived from the trial seed, so changing one use does not shift another. */
const SEED_SALT = { weights: 1, shuffle: 2, augmentation: 3, dropout: 4 } as const;

/**
 * The stream of one use in one epoch: a function of (seed, epoch) only, so a run resumed from
 * a checkpoint at epoch k draws exactly what an uninterrupted run draws from epoch k+1 on.
 */
function epochRandom(seed: number, salt: number, epoch: number): SeededRandom {
  return createRandom(deriveSeed(deriveSeed(seed, salt), epoch));
}

export function createOptimizer(options: { optimizer: TOptimizer; learningRate: number; momentum: number }): tf.Optimizer {
  const { optimizer, learningRate, momentum } = options;
  switch (optimizer) {
    case 'sgd':
      // tf.train.sgd has no momentum term; tf.train.momentum is SGD with classical momentum.
      return momentum > 0 ? tf.train.momentum(learningRate, momentum) : tf.train.sgd(learningRate);
    case 'adam':
      // tf.train.adam's state and maths; one fused kernel per variable on wasm (kernels/adam.ts)
      return atelierAdam(learningRate);
    case 'rmsprop':
      // decay 0.9 is Keras's rho; TF.js's own default is the same.
      return tf.train.rmsprop(learningRate, 0.9, momentum);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
    case 'adadelta':
      return tf.train.adadelta(learningRate);
    case 'adamax':
      return tf.train.adamax(learningRate);
    default: {
      const unknown: never = optimizer;
      throw new Error(`unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Disposes an optimizer's state. TF.js 4.22's MomentumOptimizer.dispose() does not call
 * SGDOptimizer's, so its learning-rate scalar `c` would leak one tensor per training run.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) {
    const c = (optimizer as unknown as { c?: tf.Tensor }).c;
    if (c && !c.isDisposed) c.dispose();
  }
}

/**
 * Keras's categorical cross-entropy on probabilities (softmax outputs), per example: the
 * same numbers model.fit would report, so our curves compare with any TF/Keras run.
 */
export function categoricalCrossEntropy(oneHot: tf.Tensor, probabilities: tf.Tensor): tf.Tensor1D {
  return tf.metrics.categoricalCrossentropy(oneHot, probabilities) as tf.Tensor1D;
}

/**
 * The random erasing a trial trains with, or null for none. The probability is the trial's
 * erasingProbability; a trial that does not hold one (stored before the hyperparameter existed,
 * or from a space that leaves it out) keeps the experiment's augmentation probability, so those
 * runs train as they did. The rectangle's shape comes from the experiment's augmentation, else
 * the paper's defaults.
 */
export function randomErasingOf(
  hyperparameters: TrainingHyperparameters,
  augmentation: RandomErasingOptions | undefined,
): RandomErasingOptions | null {
  const probability = hyperparameters.erasingProbability ?? augmentation?.probability ?? 0;
  return probability > 0 ? { ...(augmentation ?? DEFAULT_RANDOM_ERASING), probability } : null;
}

export interface BatchLosses {
  /** Mean cross-entropy against the true labels: what `loss` reports, comparable across trials and with `val_loss`. */
  loss: tf.Scalar;
  /**
   * What the optimizer minimises: the cross-entropy against the training targets (the labels,
   * smoothed by labelSmoothing) plus the model's regularization penalties (its layers' regularizers, which model.fit adds the same
   * way; our custom loop has to add them itself). The same tensor as `loss` when there is
   * nothing to add.
   */
  objective: tf.Scalar;
}

/** The losses of one training batch; call inside the optimizer's minimize so the objective has gradients. */
export function batchLosses(options: {
  model: tf.LayersModel;
  oneHot: tf.Tensor2D;
  probabilities: tf.Tensor2D;
  hyperparameters: TrainingHyperparameters;
}): BatchLosses {
  const { model, oneHot, probabilities } = options;
  const { labelSmoothing } = resolveHyperparameters(options.hyperparameters);
  const loss = categoricalCrossEntropy(oneHot, probabilities).mean<tf.Scalar>();
  // Label smoothing trains towards y·(1 − ε) + ε/K instead of the one-hot y, as Keras does.
  const classes = oneHot.shape[1];
  const dataTerm =
    labelSmoothing > 0
      ? categoricalCrossEntropy(tf.add(tf.mul(oneHot, 1 - labelSmoothing), labelSmoothing / classes), probabilities).mean<tf.Scalar>()
      : loss;
  const penalties = model.calculateLosses();
  return { loss, objective: penalties.length > 0 ? tf.addN<tf.Scalar>([dataTerm, ...penalties]) : dataTerm };
}

export interface LossAndAccuracy {
  loss: number;
  accuracy: number;
  /** counts[true][predicted] of the same predictions (the fold's out-of-fold share, at no extra pass). */
  confusionMatrix: number[][];
}

/** Mean loss and accuracy of `model` on a whole set, in inference mode, batch by batch, and its confusion matrix. */
export async function measureLossAndAccuracy(
  model: tf.LayersModel,
  set: ImageSet,
  options: { numClasses: number; batchSize?: number },
): Promise<LossAndAccuracy> {
  const batchSize = options.batchSize ?? EVALUATION_BATCH_SIZE;
  const size = set.height * set.width * set.channels;
  const pixels = new Float32Array(Math.min(batchSize, set.count) * size);
  const labels = new Int32Array(Math.min(batchSize, set.count));
  const order = identityOrder(set.count);
  const confusionMatrix = Array.from({ length: options.numClasses }, () => new Array<number>(options.numClasses).fill(0));
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const count = fillBatch(set, order, { start, end: Math.min(start + batchSize, set.count) }, { pixels, labels });
    const [lossT, predictedT] = tf.tidy((): [tf.Scalar, tf.Tensor1D] => {
      const x = tf.tensor4d(pixels.subarray(0, count * size), [count, set.height, set.width, set.channels]);
      const y = tf.tensor1d(labels.subarray(0, count), 'int32');
      const probabilities = model.predict(x) as tf.Tensor2D;
      const loss = categoricalCrossEntropy(tf.oneHot(y, options.numClasses), probabilities).sum<tf.Scalar>();
      return [loss, tf.argMax(probabilities, -1)];
    });
    lossSum += (await lossT.data())[0]!;
    const predicted = await predictedT.data();
    lossT.dispose();
    predictedT.dispose();
    for (let i = 0; i < count; i++) {
      const truth = labels[i]!;
      const guess = predicted[i]!;
      confusionMatrix[truth]![guess]! += 1;
      if (truth === guess) correct++;
    }
  }
  return { loss: lossSum / set.count, accuracy: correct / set.count, confusionMatrix };
}

/** Keras-style patience: stop after `patience` epochs without an improvement larger than minDelta. */
class EarlyStopper {
  private best: number;
  private wait = 0;

  constructor(private readonly options: EarlyStoppingOptions) {
    this.best = options.monitor === 'valLoss' ? Infinity : -Infinity;
  }

  /** Returns true when training should stop after this epoch. */
  update(metrics: EpochMetrics): boolean {
    const value = metrics[this.options.monitor];
    if (value === null || Number.isNaN(value)) return false;
    const improved =
      this.options.monitor === 'valLoss' ? value < this.best - this.options.minDelta : value > this.best + this.options.minDelta;
    if (improved) {
      this.best = value;
      this.wait = 0;
      return false;
    }
    this.wait++;
    return this.wait >= this.options.patience;
  }
}

/** Lets timers and I/O run between batches (lock renewals, progress writes, cancel messages). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * TF.js Dropout draws its mask from `seed` on every call, so a fixed seed would reuse one mask
 * for the whole run. We hand each dropout layer a fresh seeded value per batch instead, which
 * keeps runs reproducible while the masks vary; the layers keep their stock class (and
 * model.json stays loadable anywhere).
 */
function dropoutLayers(model: tf.LayersModel): { seed?: number }[] {
  return model.layers.filter((layer) => layer.getClassName() === 'Dropout') as unknown as { seed?: number }[];
}

function validate(options: TrainOptions): void {
  const { train, validation, numClasses, hyperparameters, earlyStopping, augmentation } = options;
  if ((options.spec === undefined) === (options.base === undefined))
    throw new Error('trainModel needs either a spec (train from scratch) or a base model (fine-tune), not both or neither');
  assertImageSet(train, 'training', numClasses);
  if (validation) {
    assertImageSet(validation, 'validation', numClasses);
    if (validation.height !== train.height || validation.width !== train.width || validation.channels !== train.channels) {
      throw new TrainingInputError(
        `validation images are ${validation.height}×${validation.width}×${validation.channels} but training images are ` +
          `${train.height}×${train.width}×${train.channels}`,
      );
    }
  }
  if (!Number.isInteger(hyperparameters.batchSize) || hyperparameters.batchSize < 1)
    throw new TrainingInputError(`batch size must be a positive integer, got ${hyperparameters.batchSize}`);
  if (!Number.isInteger(hyperparameters.epochs) || hyperparameters.epochs < 1)
    throw new TrainingInputError(`epochs must be a positive integer, got ${hyperparameters.epochs}`);
  // Every other hyperparameter against its registry schema, so a bad value fails here with its name.
  for (const name of HYPERPARAMETER_NAMES) {
    const value = (hyperparameters as Record<string, unknown>)[name];
    if (name === 'architecture' || value === undefined) continue;
    const checked = hyperparameterDefinition(name).value.safeParse(value);
    if (!checked.success)
      throw new TrainingInputError(`invalid ${name} ${JSON.stringify(value)}: ${checked.error.issues[0]?.message ?? 'out of range'}`);
  }
  if (earlyStopping && !validation) {
    throw new TrainingInputError(`early stopping monitors ${earlyStopping.monitor}, which needs a validation set`);
  }
  if (earlyStopping && !(Number.isInteger(earlyStopping.patience) && earlyStopping.patience >= 1)) {
    throw new TrainingInputError(`early stopping patience must be a positive integer, got ${earlyStopping.patience}`);
  }
  try {
    if (augmentation) validateRandomErasingOptions(augmentation);
    if (options.learningRateSchedule) validateLearningRateSchedule(options.learningRateSchedule, hyperparameters.learningRate);
  } catch (error) {
    // the same options fail the same way on every attempt
    throw new TrainingInputError((error as Error).message, { cause: error });
  }
  const { initialEpoch } = options;
  if (initialEpoch !== undefined) {
    if (!Number.isInteger(initialEpoch) || initialEpoch < 0)
      throw new TrainingInputError(`initialEpoch must be a whole number ≥ 0, got ${initialEpoch}`);
    if (initialEpoch >= hyperparameters.epochs) {
      throw new TrainingInputError(`initialEpoch ${initialEpoch} leaves nothing to train: epochs is ${hyperparameters.epochs}`);
    }
    if (initialEpoch > 0 && !options.resumeFrom)
      throw new TrainingInputError(`initialEpoch ${initialEpoch} needs resumeFrom: the checkpoint of those epochs`);
  }
}

/** The epochs already done: the checkpoint's, which an explicit initialEpoch must agree with. */
function startingEpoch(options: TrainOptions, checkpoint: Checkpoint | null): number {
  if (!checkpoint) return options.initialEpoch ?? 0;
  if (options.initialEpoch !== undefined && options.initialEpoch !== checkpoint.epoch) {
    throw new TrainingInputError(`initialEpoch is ${options.initialEpoch} but the checkpoint was taken after epoch ${checkpoint.epoch}`);
  }
  if (checkpoint.epoch >= options.hyperparameters.epochs) {
    throw new TrainingInputError(
      `the checkpoint already holds ${checkpoint.epoch} epochs: epochs (${options.hyperparameters.epochs}) must be higher to resume`,
    );
  }
  return checkpoint.epoch;
}

/** buildFineTuneModel, disposing the base when it is refused: trainModel owns the base it is given. */
function buildFineTuneModelOrDispose(options: Parameters<typeof buildFineTuneModel>[0]): tf.LayersModel {
  try {
    return buildFineTuneModel(options);
  } catch (error) {
    options.base.dispose();
    throw error;
  }
}

/**
 * Builds the spec's model (or the fine-tune model of options.base, which it takes ownership of)
 * and trains it with a custom loop (rather than model.fit) so that
 * the shuffle order, dropout masks and augmentation all come from the trial seed, batches
 * are built from uint8 pixels on the fly, and cancellation is checked between batches.
 * On error the model is disposed; on success the caller owns it.
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  try {
    validate(options);
  } catch (error) {
    options.base?.dispose(); // it is ours from the call on
    throw error;
  }
  const { spec, numClasses, train, validation, seed } = options;
  const erasing = randomErasingOf(options.hyperparameters, options.augmentation);
  // What the trial trains with: its own values, and the default of each one it does not set.
  const hyperparameters = resolveHyperparameters(options.hyperparameters);
  // Parsed before anything is built, so bad bytes fail fast and allocate nothing.
  const resumed = options.resumeFrom ? deserializeCheckpoint(options.resumeFrom) : null;
  const initialEpoch = startingEpoch(options, resumed);
  const { batchSize, epochs } = hyperparameters;
  const shape = { height: train.height, width: train.width, channels: train.channels };
  const imageSize = shape.height * shape.width * shape.channels;

  const clock = stopwatch();
  const model = options.base
    ? buildFineTuneModelOrDispose({
        base: options.base,
        imageShape: [shape.height, shape.width, shape.channels],
        numClasses,
        hyperparameters,
        seed: deriveSeed(seed, SEED_SALT.weights),
      })
    : buildModel({
        spec: spec!, // TrainOptions: a spec when there is no base
        inputShape: [shape.height, shape.width, shape.channels],
        numClasses,
        activation: hyperparameters.activation,
        hyperparameters,
        seed: deriveSeed(seed, SEED_SALT.weights),
      });
  const optimizer = createOptimizer(hyperparameters);
  const dropouts = dropoutLayers(model);
  const stopper = options.earlyStopping ? new EarlyStopper(options.earlyStopping) : null;

  const fullBatch = Math.min(batchSize, train.count);
  const buffers = { pixels: new Float32Array(fullBatch * imageSize), labels: new Int32Array(fullBatch) };
  const batches = Math.ceil(train.count / batchSize);
  const history: EpochMetrics[] = [];
  // Set inside the batch loop, which TypeScript's narrowing of the epoch loop's condition misses.
  let cancelled = false as boolean;
  let stoppedEarly = false;
  let checkpoint: Uint8Array | null = null;
  let validationConfusionMatrix: number[][] | null = null;

  try {
    if (resumed) await restoreCheckpoint(resumed, model, optimizer);
    clock.lap('buildSeconds');
    for (let epoch = initialEpoch + 1; epoch <= epochs && !cancelled && !stoppedEarly; epoch++) {
      const started = performance.now();
      const order = permutation(train.count, deriveSeed(deriveSeed(seed, SEED_SALT.shuffle), epoch));
      const dropoutRandom = epochRandom(seed, SEED_SALT.dropout, epoch);
      const augmentationRandom = epochRandom(seed, SEED_SALT.augmentation, epoch);
      let lossSum = 0;
      let correct = 0;

      clock.lap('trainSeconds');
      for (let batch = 0; batch < batches; batch++) {
        const stop = await options.shouldStop?.();
        clock.lap('batchEndSeconds');
        if (stop) {
          cancelled = true;
          break;
        }
        const start = batch * batchSize;
        const count = fillBatch(train, order, { start, end: Math.min(start + batchSize, train.count) }, buffers);
        if (erasing) applyRandomErasing(buffers.pixels, { count, ...shape }, erasing, augmentationRandom);
        for (const layer of dropouts) layer.seed = Math.floor(dropoutRandom.next() * 0x7fffffff);
        if (options.learningRateSchedule) {
          const step = (epoch - 1) * batches + batch;
          setOptimizerLearningRate(
            optimizer,
            scheduledLearningRate(hyperparameters.learningRate, options.learningRateSchedule, step, epochs * batches),
          );
        }

        const [lossT, correctT] = tf.tidy(() => {
          const x = tf.tensor4d(buffers.pixels.subarray(0, count * imageSize), [count, shape.height, shape.width, shape.channels]);
          const y = tf.tensor1d(buffers.labels.subarray(0, count), 'int32');
          const oneHot = tf.oneHot(y, numClasses);
          let batchCorrect: tf.Scalar | undefined;
          let reported: tf.Scalar | undefined;
          const objective = optimizer.minimize(() => {
            const probabilities = model.apply(x, { training: true }) as tf.Tensor2D;
            // Kept out of minimize's internal tidy so accuracy needs no second forward pass.
            batchCorrect = tf.keep(tf.equal(tf.argMax(probabilities, -1), y).sum());
            const losses = batchLosses({ model, oneHot: oneHot as tf.Tensor2D, probabilities, hyperparameters });
            if (losses.loss !== losses.objective) reported = tf.keep(losses.loss);
            return losses.objective;
          }, true)!;
          return [reported ?? objective, batchCorrect!];
        });
        const [batchLoss] = await lossT.data();
        const [batchCorrect] = await correctT.data();
        lossT.dispose();
        correctT.dispose();
        lossSum += batchLoss! * count;
        correct += batchCorrect!;
        clock.lap('trainSeconds');

        await options.onBatchEnd?.({ epoch, batch: batch + 1, batches });
        await yieldToEventLoop();
        clock.lap('batchEndSeconds');
      }
      if (cancelled) break;

      const measured = validation ? await measureLossAndAccuracy(model, validation, { numClasses }) : null;
      validationConfusionMatrix = measured?.confusionMatrix ?? null;
      clock.lap('validationSeconds');
      const metrics: EpochMetrics = {
        epoch,
        loss: lossSum / train.count,
        accuracy: correct / train.count,
        valLoss: measured?.loss ?? null,
        valAccuracy: measured?.accuracy ?? null,
        seconds: (performance.now() - started) / 1000,
      };
      history.push(metrics);
      await options.onEpochEnd?.(metrics);
      clock.lap('epochEndSeconds');
      if (stopper?.update(metrics) && epoch < epochs) stoppedEarly = true;
    }
    if (options.checkpoint && !cancelled) {
      checkpoint = await serializeCheckpoint(model, optimizer, history.at(-1)?.epoch ?? initialEpoch);
      clock.lap('checkpointSeconds');
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    disposeOptimizer(optimizer);
    // Back to unseeded dropout so the saved config carries no training-time seed.
    for (const layer of dropouts) layer.seed = undefined;
  }

  return {
    model,
    history,
    stoppedEarly,
    cancelled,
    checkpoint,
    backend: backendInfo()?.label ?? tf.getBackend(),
    timings: clock.totals,
    validationConfusionMatrix,
  };
}

/** Adds the time since the previous lap to one bucket per call: every moment lands in exactly one. */
function stopwatch() {
  const totals: TrainTimings = {
    buildSeconds: 0,
    trainSeconds: 0,
    validationSeconds: 0,
    epochEndSeconds: 0,
    batchEndSeconds: 0,
    checkpointSeconds: 0,
  };
  let last = performance.now();
  return {
    totals,
    lap(bucket: keyof TrainTimings): void {
      const now = performance.now();
      totals[bucket] += (now - last) / 1000;
      last = now;
    },
  };
}
