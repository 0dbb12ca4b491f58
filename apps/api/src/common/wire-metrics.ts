import {
  toWireNumber,
  type TEpochMetric,
  type TExperimentMetrics,
  type TFoldMetrics,
  type ZEpochMetric,
  type ZExperimentMetrics,
  type ZFoldMetrics,
} from '@atelier/domain';
import type { z } from 'zod';

/**
 * Epoch records as they go on the wire: NaN and ±Infinity (a diverged training) as the strings
 * "NaN", "Infinity", "-Infinity" that the shared schemas decode back (ZMetricNumber), where
 * JSON.stringify would write null and the search pages could not read the response. The same
 * result as `ZEpochMetric.encode`, without its validation pass: a 10,000-trial search's curves
 * are some 600,000 records, and the rows come from the database, not from a client.
 */
export function wireEpoch(m: TEpochMetric): z.input<typeof ZEpochMetric> {
  return {
    epoch: m.epoch,
    loss: toWireNumber(m.loss),
    accuracy: toWireNumber(m.accuracy),
    valLoss: m.valLoss === null ? null : toWireNumber(m.valLoss),
    valAccuracy: m.valAccuracy === null ? null : toWireNumber(m.valAccuracy),
    seconds: toWireNumber(m.seconds),
  };
}

export function wireFoldMetrics(fold: TFoldMetrics): z.input<typeof ZFoldMetrics> {
  return { ...fold, metrics: fold.metrics.map(wireEpoch) };
}

export function wireExperimentMetrics(metrics: TExperimentMetrics): z.input<typeof ZExperimentMetrics> {
  return {
    experimentId: metrics.experimentId,
    trials: metrics.trials.map((trial) => ({ ...trial, folds: trial.folds.map(wireFoldMetrics) })),
  };
}
