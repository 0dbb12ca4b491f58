import * as tf from '@tensorflow/tfjs';
import { permutation } from '../data/random';
import type { ImageSet } from '../data/types';
import {
  accuracy as accuracyOf,
  classificationReport,
  confusionMatrix as confusionMatrixOf,
  topConfusions as topConfusionsOf,
  type ClassificationReport,
  type Confusion,
} from '@atelier/domain/classification';
import { assertImageSet, fillBatch, identityOrder } from '../training/image-batches';

export interface EvaluateModelOptions {
  model: tf.LayersModel;
  test: ImageSet;
  /** One name per output unit, in label order. */
  classNames: readonly string[];
  /** How many test images to return with their probabilities (a seeded sample). */
  sampleCount: number;
  seed: number;
  /** Images per forward pass. Default 128 (faster than 512 on wasm: see EVALUATION_BATCH_SIZE in training/train-model.ts). */
  batchSize?: number;
  /** How many of the most frequent mistakes to list. Default 10. */
  topConfusionLimit?: number;
}

export interface SamplePrediction {
  /** Index in the test set. */
  index: number;
  trueLabel: number;
  predictedLabel: number;
  /** Probability of the predicted class. */
  confidence: number;
  probabilities: number[];
}

export interface EvaluationResult {
  accuracy: number;
  /** Mean categorical cross-entropy, as Keras computes it (probabilities clipped to [1e-7, 1-1e-7]). */
  loss: number;
  /** counts[true][predicted]. */
  confusionMatrix: number[][];
  report: ClassificationReport;
  topConfusions: Confusion[];
  /** Ascending by index. */
  samplePredictions: SamplePrediction[];
}

const DEFAULT_BATCH_SIZE = 128;
/** Keras's backend epsilon, so our loss equals model.evaluate's. */
const EPSILON = 1e-7;

/**
 * Test-set results of a trained model: every number the evaluation page shows, computed from
 * one inference pass. Probabilities come back to JS once per batch and all metrics are the
 * metrics module's pure functions, so the worker and any later recomputation agree.
 */
export async function evaluateModel(options: EvaluateModelOptions): Promise<EvaluationResult> {
  const { model, test, classNames, seed } = options;
  const numClasses = classNames.length;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  assertImageSet(test, 'test', numClasses);
  const outputUnits = (model.outputs[0]?.shape ?? []).at(-1);
  if (outputUnits !== numClasses) throw new Error(`the model has ${outputUnits} outputs but ${numClasses} class names were given`);
  if (!Number.isInteger(options.sampleCount) || options.sampleCount < 0)
    throw new RangeError(`sampleCount must be a non-negative integer, got ${options.sampleCount}`);

  const size = test.height * test.width * test.channels;
  const chunk = Math.min(batchSize, test.count);
  const buffers = { pixels: new Float32Array(chunk * size), labels: new Int32Array(chunk) };
  const order = identityOrder(test.count);
  const probabilities = new Float32Array(test.count * numClasses);
  for (let start = 0; start < test.count; start += batchSize) {
    const count = fillBatch(test, order, { start, end: Math.min(start + batchSize, test.count) }, buffers);
    const output = tf.tidy(
      () =>
        model.predict(tf.tensor4d(buffers.pixels.subarray(0, count * size), [count, test.height, test.width, test.channels])) as tf.Tensor,
    );
    probabilities.set(await output.data<'float32'>(), start * numClasses);
    output.dispose();
  }

  const trueLabels = test.labels.subarray(0, test.count);
  const predicted = new Uint8Array(test.count);
  let lossSum = 0;
  for (let i = 0; i < test.count; i++) {
    const row = probabilities.subarray(i * numClasses, (i + 1) * numClasses);
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (row[c]! > row[best]!) best = c;
    predicted[i] = best;
    lossSum -= Math.log(Math.min(Math.max(row[trueLabels[i]!]!, EPSILON), 1 - EPSILON));
  }

  const matrix = confusionMatrixOf(trueLabels, predicted, numClasses);
  const sampleIndices = permutation(test.count, seed)
    .slice(0, Math.min(options.sampleCount, test.count))
    .sort((a, b) => a - b);
  return {
    accuracy: accuracyOf(trueLabels, predicted),
    loss: lossSum / test.count,
    confusionMatrix: matrix,
    report: classificationReport(matrix, classNames),
    topConfusions: topConfusionsOf(matrix, classNames, options.topConfusionLimit ?? 10),
    samplePredictions: sampleIndices.map((index) => {
      const row = Array.from(probabilities.subarray(index * numClasses, (index + 1) * numClasses));
      return {
        index,
        trueLabel: trueLabels[index]!,
        predictedLabel: predicted[index]!,
        confidence: row[predicted[index]!]!,
        probabilities: row,
      };
    }),
  };
}
