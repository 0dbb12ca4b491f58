import { EPOCH_METRIC_KEYS, type MetricPointRow } from '@atelier/db';
import { scheduledLearningRate } from '@atelier/ml/training/learning-rate-schedule';
import type { EpochMetrics, LearningRateSchedule } from '@atelier/ml/training/types';

export interface EpochPointsInput {
  metrics: EpochMetrics;
  /** 0-based fold the epoch trained. */
  fold: number;
  /** Training images of the fold (one epoch sees each once). */
  trainImages: number;
  batchSize: number;
  /** The trial's epochs: the schedule's horizon. */
  epochs: number;
  /** hyperparameters.learningRate, and the schedule training was given (undefined: constant). */
  baseLearningRate: number;
  learningRateSchedule: LearningRateSchedule | undefined;
  wallTime: Date;
}

/**
 * One epoch's metric points, values exactly as training measured them: a NaN or infinite loss (a
 * diverged training) is stored as it is. Validation keys are left out when the fold has no
 * validation set. learning_rate is the rate of the epoch's first batch (a schedule moves it per
 * batch; constant training uses one rate throughout). images_per_second counts training images
 * over the epoch's wall time, validation included, as the throughput a user waits for.
 */
export function epochPoints(input: EpochPointsInput): MetricPointRow[] {
  const { metrics, fold, wallTime } = input;
  const point = (key: string, value: number): MetricPointRow => ({ key, value, fold, step: metrics.epoch, wallTime });
  const batches = Math.max(1, Math.ceil(input.trainImages / input.batchSize));
  const learningRate = scheduledLearningRate(
    input.baseLearningRate,
    input.learningRateSchedule,
    (metrics.epoch - 1) * batches,
    input.epochs * batches,
  );
  const points = [
    point(EPOCH_METRIC_KEYS.loss, metrics.loss),
    point(EPOCH_METRIC_KEYS.accuracy, metrics.accuracy),
    point(EPOCH_METRIC_KEYS.seconds, metrics.seconds),
    point(EPOCH_METRIC_KEYS.learningRate, learningRate),
  ];
  if (metrics.valLoss !== null) points.push(point(EPOCH_METRIC_KEYS.valLoss, metrics.valLoss));
  if (metrics.valAccuracy !== null) points.push(point(EPOCH_METRIC_KEYS.valAccuracy, metrics.valAccuracy));
  if (metrics.seconds > 0) points.push(point(EPOCH_METRIC_KEYS.imagesPerSecond, input.trainImages / metrics.seconds));
  return points;
}
