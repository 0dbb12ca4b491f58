import {
  normalizeParams,
  RUN_LIMITS,
  toWireNumber,
  ZRunKey,
  type TEvaluation,
  type TEvaluationSplit,
  type TMetricPoint,
  type TRunDetail,
} from '@atelier/domain';
import { confusionMatrix } from '@atelier/domain/classification';
import type * as tf from '@tensorflow/tfjs';
import { AtelierCallback, type CallbackOptions } from './callback.js';
import { serializeModel } from './model.js';
import { Outbox, type OutboxTotals } from './outbox.js';
import type { Transport, UploadFile } from './transport.js';

/** Options of {@link Run.logModel}. */
export interface LogModelOptions {
  /** The model artifact's name within the run (default "model"). */
  name?: string;
  /** Key of the dataset it classifies (class names and image size for predictions); default: the run's `dataset` parameter. */
  dataset?: string;
  /** Replace a model of the same name instead of refusing. */
  overwrite?: boolean;
}

/**
 * Class labels: class indices (a plain array, a typed array, or a 1-D tensor), or a 2-D tensor of
 * one-hot labels or predicted probabilities, whose arg-max along the last axis is the class.
 */
export type Labels = ArrayLike<number> | tf.Tensor;

/** Options of {@link Run.logConfusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** What the labels are of: 'test' (default), a held-out test set, or 'validation'. One evaluation per split: a second replaces the first. */
  split?: TEvaluationSplit;
  /** The loss on the same images, shown beside the accuracy. */
  loss?: number;
}

/** Options of {@link Run.log}. */
export interface LogOptions {
  /** The step of these values; omitted: one more than the last step this run logged. */
  step?: number;
  /** 0-based fold of a cross-validation; omitted: the run as a whole. */
  fold?: number;
}

/** @internal What init() gives a run. */
export interface RunOptions {
  transport: Transport;
  /** The run's page in the web app. */
  url: string;
  warn: (message: string) => void;
  /** How long finish() and fail() wait for queued points when the API is away. */
  finishTimeoutMs: number;
  flushIntervalMs?: number;
  batchPoints?: number;
  maxQueuedPoints?: number;
}

/** The model artifact {@link Run.logModel} stored. */
export interface LoggedModel {
  /** The artifact's id: `/models/<id>` in the API, and its download and predict routes. */
  id: string;
  /** Its name within the run. */
  name: string | null;
}

/** What finish() reports: the points the API stored, those still unsent at the deadline, those dropped. */
export type FinishSummary = OutboxTotals;

/**
 * One run logged from code. Every method that a training loop calls (log, setTags, setConfig)
 * returns at once and never throws: values go to a queue that a background sender drains (see
 * Outbox), and a value the API would refuse is skipped here with a warning naming it, so that
 * it cannot take a batch of good points down with it.
 */
export class Run {
  /** The run's id in Atelier (a UUID; offline, the id it will have until synced). */
  readonly id: string;
  /** The run's number in its experiment, 1 for the first. */
  readonly number: number;
  /** The id of the (tracked) experiment the run belongs to. */
  readonly experimentId: string;
  /** The run's page in Atelier's web app. */
  readonly url: string;
  private readonly outbox: Outbox;
  private readonly warned = new Set<string>();
  private nextStep = 0;
  private trainingDescribed = false;
  /** Per fold (-1: the run as a whole), the last epoch step a callback logged: the next fit continues from it. */
  private readonly epochSteps = new Map<number, number>();
  private ended: Promise<FinishSummary> | null = null;

  /** @internal Made by `atelier.init()`. */
  constructor(
    detail: Pick<TRunDetail, 'id' | 'number' | 'experimentId'>,
    private readonly options: RunOptions,
  ) {
    this.id = detail.id;
    this.number = detail.number;
    this.experimentId = detail.experimentId;
    this.url = options.url;
    this.outbox = new Outbox({
      send: async (batch) => {
        await options.transport.log(this.id, batch);
      },
      warn: options.warn,
      flushIntervalMs: options.flushIntervalMs,
      batchPoints: options.batchPoints,
      maxQueuedPoints: options.maxQueuedPoints,
    });
  }

  /**
   * Logs metric values at one step: `run.log({ loss: 0.31, acc: 0.88 }, { step: epoch })`.
   * NaN and ±Infinity are logged as such (a diverged training is data).
   */
  log(values: Readonly<Record<string, number>>, options: LogOptions = {}): void {
    if (this.isEnded('log')) return;
    const step = this.stepOf(options.step);
    if (step === null) return;
    const fold = this.foldOf(options.fold);
    if (fold === null) return;
    const timestamp = Date.now();
    const points: TMetricPoint[] = [];
    for (const [key, value] of Object.entries(values)) {
      if (!this.validKey(key, 'metric')) continue;
      if (typeof value !== 'number') {
        this.warnOnce(`value:${key}`, `atelier: metric "${key}" is ${typeof value}, not a number; it is not logged`);
        continue;
      }
      points.push({ key, value: toWireNumber(value), step, timestamp, ...(fold === undefined ? {} : { fold }) });
    }
    this.outbox.addPoints(points);
  }

  /** Sets parameters (nested objects become dotted keys). A parameter is set once: another value later is refused by the API. */
  setConfig(config: Readonly<Record<string, unknown>>): void {
    if (this.isEnded('setConfig')) return;
    const { params, issues } = normalizeParams({ ...config });
    for (const issue of issues)
      this.warnOnce(`param:${issue.path}`, `atelier: parameter ${issue.path.replace(/^params\./, '')} ${issue.message}; it is not logged`);
    if (Object.keys(params).length > 0) this.outbox.addParams(params);
  }

  /** Sets tags (key → text); a later value replaces an earlier one. */
  setTags(tags: Readonly<Record<string, string | number | boolean>>): void {
    if (this.isEnded('setTags')) return;
    const valid: Record<string, string> = {};
    for (const [key, value] of Object.entries(tags)) {
      if (!this.validKey(key, 'tag')) continue;
      const text = String(value);
      if (text.length > RUN_LIMITS.valueLength) {
        this.warnOnce(`tag:${key}`, `atelier: tag "${key}" is longer than ${RUN_LIMITS.valueLength} characters; it is not set`);
        continue;
      }
      valid[key] = text;
    }
    if (Object.keys(valid).length > 0) this.outbox.addTags(valid);
  }

  /**
   * A TF.js callback for `model.fit(x, y, { callbacks: [run.callback()] })` and `model.fitDataset`:
   * logs every epoch (and, throttled, the batch loss) and records the model as parameters.
   */
  callback(options: CallbackOptions = {}): AtelierCallback {
    return new AtelierCallback(this, options);
  }

  /**
   * Uploads a trained layers model as a model artifact of the run: downloadable, and predictable
   * in Atelier like a search's refit model. Waits for queued points first. Rejects with the API's
   * message when the model is refused (e.g. its input is not the dataset's image shape).
   */
  async logModel(model: tf.LayersModel, options: LogModelOptions = {}): Promise<LoggedModel> {
    await this.outbox.flush(this.options.finishTimeoutMs);
    const files = await serializeModel(model);
    const artifact = await this.options.transport.uploadModel(this.id, { ...files, ...options });
    return { id: artifact.id, name: artifact.name };
  }

  /** Uploads files to the run (plots, reports, checkpoints). Waits for the queued points first, so the run page is complete. */
  async logArtifact(file: UploadFile | readonly UploadFile[], options: { overwrite?: boolean } = {}): Promise<void> {
    await this.outbox.flush(this.options.finishTimeoutMs);
    await this.options.transport.uploadArtifacts(this.id, Array.isArray(file) ? file : [file as UploadFile], options);
  }

  /**
   * Logs a classification's confusion matrix as the run's evaluation: Atelier computes accuracy
   * and per-class precision, recall and F1 from it (as for a search's trials) and shows them on
   * the run's page. `yTrue` and `yPred` are class indices or tensors (see {@link Labels}); tensors
   * passed in are read, not disposed. Waits for queued points first. Rejects when the labels do
   * not match the class names, or with the API's message when it refuses the matrix. Resolves
   * with the stored evaluation (null in offline mode, where it is scored at `atelier sync`).
   */
  async logConfusionMatrix(
    yTrue: Labels,
    yPred: Labels,
    classNames: readonly string[],
    options: ConfusionMatrixOptions = {},
  ): Promise<TEvaluation | null> {
    const [truth, predicted] = await Promise.all([classIndices(yTrue, 'yTrue'), classIndices(yPred, 'yPred')]);
    let matrix: number[][];
    try {
      matrix = confusionMatrix(truth, predicted, classNames.length);
    } catch (error) {
      throw new RangeError(`logConfusionMatrix: ${(error as Error).message} (there are ${classNames.length} class names)`);
    }
    await this.outbox.flush(this.options.finishTimeoutMs);
    return this.options.transport.logEvaluation(this.id, {
      classNames: [...classNames],
      confusionMatrix: matrix,
      split: options.split ?? 'test',
      ...(options.loss === undefined ? {} : { loss: options.loss }),
    });
  }

  /**
   * @internal Sets parameters the first time only: a callback records the model and the fit's
   * settings at the first fit; a second fit (fine-tuning) would otherwise be refused for changing them.
   */
  setConfigOnce(config: Readonly<Record<string, unknown>>): void {
    if (this.trainingDescribed) return;
    this.trainingDescribed = true;
    this.setConfig(config);
  }

  /** @internal The last epoch step logged for `fold` by a callback (0 before any). */
  lastEpochStep(fold: number | undefined): number {
    return this.epochSteps.get(fold ?? -1) ?? 0;
  }

  /** @internal Records that a callback logged epoch `step` of `fold`. */
  noteEpochStep(fold: number | undefined, step: number): void {
    this.epochSteps.set(fold ?? -1, Math.max(step, this.lastEpochStep(fold)));
  }

  /** Sends what is queued now; resolves when the API has it (or the timeout passed). */
  flush(timeoutMs = this.options.finishTimeoutMs): Promise<FinishSummary> {
    return this.outbox.flush(timeoutMs);
  }

  /** Ends the run as finished, once every queued point is sent (waiting up to finishTimeoutMs while the API is away). */
  finish(): Promise<FinishSummary> {
    return this.end('finished');
  }

  /** Ends the run as failed, with the error's message and stack shown on its page. */
  fail(error?: unknown): Promise<FinishSummary> {
    return this.end('failed', error);
  }

  /** Ends the run as killed (shown as cancelled): a user stopped it. */
  kill(): Promise<FinishSummary> {
    return this.end('killed');
  }

  private end(status: 'finished' | 'failed' | 'killed', error?: unknown): Promise<FinishSummary> {
    this.ended ??= (async () => {
      const totals = await this.outbox.flush(this.options.finishTimeoutMs);
      this.outbox.close();
      if (totals.pending > 0) {
        this.options.warn(
          `atelier: ${totals.pending} points of run ${this.number} could not be sent within ${Math.round(this.options.finishTimeoutMs / 1000)} s; the API at ${this.url} did not answer`,
        );
      }
      const message = status === 'failed' ? errorText(error) : undefined;
      try {
        await this.options.transport.updateRun(this.id, { status, ...(message === undefined ? {} : { error: message }) });
      } catch (failure) {
        this.options.warn(
          `atelier: run ${this.number} could not be marked ${status}: ${failure instanceof Error ? failure.message : String(failure)}`,
        );
      }
      return totals;
    })();
    return this.ended;
  }

  private isEnded(method: string): boolean {
    if (this.ended === null) return false;
    this.warnOnce(`ended:${method}`, `atelier: run ${this.number} has ended; ${method}() after finish() or fail() is ignored`);
    return true;
  }

  private stepOf(step: number | undefined): number | null {
    if (step === undefined) return this.nextStep++;
    if (!Number.isInteger(step) || step < 0 || step > 2 ** 31 - 1) {
      this.warnOnce(`step:${step}`, `atelier: step ${step} is not a whole number from 0 to ${2 ** 31 - 1}; those values are not logged`);
      return null;
    }
    this.nextStep = Math.max(this.nextStep, step + 1);
    return step;
  }

  private foldOf(fold: number | undefined): number | undefined | null {
    if (fold === undefined) return undefined;
    if (Number.isInteger(fold) && fold >= 0 && fold <= 1000) return fold;
    this.warnOnce(`fold:${fold}`, `atelier: fold ${fold} is not a whole number from 0 to 1000; those values are not logged`);
    return null;
  }

  private validKey(key: string, what: 'metric' | 'tag'): boolean {
    const check = ZRunKey.safeParse(key);
    if (check.success) return true;
    this.warnOnce(`key:${key}`, `atelier: ${what} key "${key}": ${check.error.issues[0]?.message ?? 'invalid'}; it is not logged`);
    return false;
  }

  private warnOnce(id: string, message: string): void {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.options.warn(message);
  }
}

const isTensor = (labels: Labels): labels is tf.Tensor =>
  typeof (labels as tf.Tensor).data === 'function' && Array.isArray((labels as tf.Tensor).shape);

/** Class indices of labels: as given, or read from a tensor (the arg-max of each row of a 2-D one). */
async function classIndices(labels: Labels, name: string): Promise<ArrayLike<number>> {
  if (!isTensor(labels)) return labels;
  if (labels.rank === 1) return labels.data();
  if (labels.rank !== 2)
    throw new RangeError(
      `logConfusionMatrix: ${name} is a tensor of shape [${labels.shape.join(', ')}]; pass class indices (1-D) or one-hot labels or probabilities (2-D)`,
    );
  const indices = labels.argMax(-1);
  try {
    return await indices.data();
  } finally {
    indices.dispose();
  }
}

/** What a failed run records of its error: the stack when there is one (it starts with the message). */
export function errorText(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  let text: string;
  if (error instanceof Error) text = error.stack ?? `${error.name}: ${error.message}`;
  else if (typeof error === 'string') text = error;
  // JSON.stringify answers undefined for these, although its type says string
  else if (typeof error === 'function' || typeof error === 'symbol') text = typeof error;
  else text = JSON.stringify(error);
  return text.slice(0, RUN_LIMITS.errorLength);
}
