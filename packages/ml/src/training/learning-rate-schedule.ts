import * as tf from '@tensorflow/tfjs';
import type { LearningRateSchedule } from './types';

/**
 * The learning rate for the 0-based batch `step` of a run of `totalSteps` batches (all epochs).
 *
 * constant: `base` throughout (what training without a schedule does).
 * cosine:   min + (base − min)·(1 + cos(π·step/totalSteps))/2, so the first batch uses `base` and
 *           the rate falls smoothly towards `min` over the whole run (SGDR without restarts,
 *           Loshchilov & Hutter 2017). It depends only on the absolute step, so a run resumed
 *           from a checkpoint continues the same curve.
 */
export function scheduledLearningRate(base: number, schedule: LearningRateSchedule | undefined, step: number, totalSteps: number): number {
  if (!schedule || schedule.kind === 'constant') return base;
  const min = schedule.minLearningRate ?? 0;
  const t = Math.min(Math.max(step / totalSteps, 0), 1);
  return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * t));
}

/**
 * Sets the rate of a live optimizer. SGD and momentum SGD keep it as a tensor (setLearningRate
 * replaces it and frees the old one); the others read their `learningRate` field on every step.
 * (By class name: TF.js optimizers answer `instanceof` by duck typing, so every optimizer is
 * "an instance of" SGDOptimizer.)
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const live = optimizer as unknown as { learningRate: number };
  if (live.learningRate === learningRate) return;
  const className = optimizer.getClassName();
  if (className === 'SGD' || className === 'Momentum')
    (optimizer as unknown as Pick<tf.SGDOptimizer, 'setLearningRate'>).setLearningRate(learningRate);
  else live.learningRate = learningRate;
}

export function validateLearningRateSchedule(schedule: LearningRateSchedule, base: number): void {
  if (schedule.kind === 'constant') return;
  // A schedule from JSON can name a kind the type does not know.
  if ((schedule as { kind: unknown }).kind !== 'cosine')
    throw new Error(`unknown learning-rate schedule ${JSON.stringify((schedule as { kind: unknown }).kind)}`);
  const min = schedule.minLearningRate ?? 0;
  if (!(Number.isFinite(min) && min >= 0 && min <= base)) {
    throw new Error(`the cosine schedule's minLearningRate must be between 0 and the learning rate ${base}, got ${min}`);
  }
}
