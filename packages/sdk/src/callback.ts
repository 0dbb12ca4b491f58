import { EPOCH_METRIC_KEYS } from '@atelier/domain';
import * as tf from '@tensorflow/tfjs';
import type { Run } from './run.js';

/** Options of {@link Run.callback}. */
export interface CallbackOptions {
  /** 0-based fold these epochs train (k-fold cross-validation); omitted: the run as a whole. */
  fold?: number;
  /**
   * Batch-level loss is logged (as `batch/loss`, step = the batch since training began) at most
   * this often; 0 turns it off. Reading a batch's loss waits for the GPU, so it is throttled.
   */
  batchLogIntervalMs?: number;
}

/** One value of {@link Logs}: a number, or a scalar tensor TF.js has not read yet. */
export type LogValue = number | tf.Scalar | undefined;
/** What TF.js hands a callback: a batch's or an epoch's metric values. */
export type Logs = Record<string, LogValue>;

/** TF.js's names for Atelier's epoch metrics, so runs from code and search trials share a chart. */
const RENAMED: Readonly<Record<string, string>> = { acc: EPOCH_METRIC_KEYS.accuracy, val_acc: EPOCH_METRIC_KEYS.valAccuracy };

const MAX_SUMMARY_CHARACTERS = 5000;

async function valueOf(value: LogValue): Promise<number | undefined> {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const [resolved] = await value.data();
  return resolved;
}

/**
 * What `run.callback()` gives `model.fit` and `model.fitDataset`: it logs each epoch's logs
 * (loss, accuracy, val_*, as TF.js reports them, at step = the 1-based epoch), the learning rate,
 * the epoch's seconds and images per second, and, throttled, the batch loss; at the start of
 * training it records the model (parameter counts, layers, optimizer, loss, its summary) and the
 * fit's settings as parameters. It extends tf.Callback so that it sees the model; it never
 * throws into training (the run's methods queue and return).
 */
export class AtelierCallback extends tf.Callback {
  private readonly fold: number | undefined;
  private readonly batchLogIntervalMs: number;
  /** Epochs of earlier fits of this run (and fold): a second fit continues the curve instead of overwriting it. */
  private epochOffset = 0;
  private epochStartedAt = 0;
  private imagesThisEpoch = 0;
  private batchesSeen = 0;
  private lastBatchLogAt = 0;

  /** @internal Made by {@link Run.callback}. */
  constructor(
    private readonly run: Run,
    options: CallbackOptions = {},
  ) {
    super();
    this.fold = options.fold;
    this.batchLogIntervalMs = options.batchLogIntervalMs ?? 1000;
  }

  /** Records the model and the fit's settings as parameters (once per run), and continues the epoch count of an earlier fit. */
  override async onTrainBegin(): Promise<void> {
    this.epochOffset = this.run.lastEpochStep(this.fold);
    this.run.setConfigOnce({ ...describeModel(this.model), ...this.fitSettings() });
    await Promise.resolve();
  }

  /** Starts the epoch's clock and image count. */
  override async onEpochBegin(): Promise<void> {
    this.epochStartedAt = now();
    this.imagesThisEpoch = 0;
    await Promise.resolve();
  }

  /** Counts the batch's images and, at most every `batchLogIntervalMs`, logs its loss as `batch/loss`. */
  override async onBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    this.batchesSeen += 1;
    const size = logs?.size;
    if (typeof size === 'number') this.imagesThisEpoch += size;
    if (this.batchLogIntervalMs <= 0 || logs?.loss === undefined) return;
    const time = now();
    if (time - this.lastBatchLogAt < this.batchLogIntervalMs) return;
    this.lastBatchLogAt = time;
    const loss = await valueOf(logs.loss);
    if (loss !== undefined) this.run.log({ 'batch/loss': loss }, { step: this.batchesSeen, fold: this.fold });
  }

  /** Logs the epoch's metrics, learning rate, seconds and images per second at step = the 1-based epoch. */
  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    const seconds = (now() - this.epochStartedAt) / 1000;
    const values: Record<string, number> = {};
    for (const [key, value] of Object.entries(logs ?? {})) {
      const resolved = await valueOf(value);
      if (resolved !== undefined) values[RENAMED[key] ?? key] = resolved;
    }
    values[EPOCH_METRIC_KEYS.seconds] = seconds;
    const images = this.imagesThisEpoch > 0 ? this.imagesThisEpoch : this.params.samples;
    if (typeof images === 'number' && images > 0 && seconds > 0) values[EPOCH_METRIC_KEYS.imagesPerSecond] = images / seconds;
    const learningRate = learningRateOf(this.model);
    if (learningRate !== undefined) values[EPOCH_METRIC_KEYS.learningRate] = learningRate;
    const step = this.epochOffset + epoch + 1;
    this.run.log(values, { step, fold: this.fold });
    this.run.noteEpochStep(this.fold, step);
  }

  /** What model.fit was asked for (this.params, set by TF.js before training begins). */
  private fitSettings(): Record<string, number> {
    const settings: Record<string, number> = {};
    for (const [param, key] of [
      ['epochs', 'fit.epochs'],
      ['batchSize', 'fit.batch_size'],
      ['samples', 'fit.samples'],
      ['steps', 'fit.steps_per_epoch'],
    ] as const) {
      const value = this.params[param];
      if (typeof value === 'number') settings[key] = value;
    }
    return settings;
  }
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** The model as parameters: sizes, layers, optimizer and loss, and the text of model.summary(). */
export function describeModel(model: tf.LayersModel): Record<string, number | string> {
  const trainable = model.trainableWeights.reduce(
    (sum, weight) => sum + weight.shape.reduce((product: number, dimension) => product * (dimension ?? 1), 1),
    0,
  );
  const described: Record<string, number | string> = {
    'model.parameters': model.countParams(),
    'model.trainable_parameters': trainable,
    // Sequential models list their input layer too; Keras's summary does not count it
    'model.layers': model.layers.filter((layer) => layer.getClassName() !== 'InputLayer').length,
    'model.summary': modelSummary(model),
  };
  const optimizer = (model as { optimizer?: tf.Optimizer }).optimizer;
  if (optimizer) described['model.optimizer'] = optimizer.getClassName();
  const loss = (model as { loss?: unknown }).loss;
  if (typeof loss === 'string') described['model.loss'] = loss;
  const learningRate = learningRateOf(model);
  if (learningRate !== undefined) described['model.learning_rate'] = learningRate;
  return described;
}

function modelSummary(model: tf.LayersModel): string {
  const lines: string[] = [];
  model.summary(undefined, undefined, (line: string) => lines.push(line));
  const text = lines.join('\n');
  return text.length <= MAX_SUMMARY_CHARACTERS ? text : `${text.slice(0, MAX_SUMMARY_CHARACTERS - 1)}…`;
}

/** The optimizer's current rate: TF.js's optimizers (SGD, Adam, RMSProp...) keep it as `learningRate`. */
function learningRateOf(model: tf.LayersModel): number | undefined {
  const optimizer = (model as { optimizer?: { learningRate?: unknown } }).optimizer;
  return typeof optimizer?.learningRate === 'number' ? optimizer.learningRate : undefined;
}
