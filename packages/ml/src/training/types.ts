import type * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec, THyperparameters } from '@atelier/domain';
import type { ImageSet } from '../data/types';

export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  /** Wall time of the epoch, validation included. */
  seconds: number;
}

export interface BatchProgress {
  epoch: number;
  /** 1-based index of the batch that just finished. */
  batch: number;
  batches: number;
}

export interface RandomErasingOptions {
  probability: number;
  /** Erased area as a fraction of the image, [min, max]. */
  areaRange: [number, number];
  aspectRatioRange: [number, number];
  /** Fill values in [0,1], [min, max]. */
  fillRange: [number, number];
  /** true: every erased pixel gets its own random fill; false: one fill per erased rectangle. */
  perPixelFill: boolean;
}

export interface EarlyStoppingOptions {
  monitor: 'valLoss' | 'valAccuracy';
  patience: number;
  minDelta: number;
}

/**
 * How the learning rate moves during training (training/learning-rate-schedule.ts).
 * 'constant' keeps hyperparameters.learningRate. 'cosine' starts there and anneals it per batch
 * along half a cosine to minLearningRate (default 0) at the end of epoch hyperparameters.epochs.
 */
export type LearningRateSchedule = { kind: 'constant' } | { kind: 'cosine'; minLearningRate?: number };

/** A trial's hyperparameters as the trainer takes them; one with a default may be left out. */
export type TrainingHyperparameters = Omit<THyperparameters, 'architecture'>;

/**
 * What is trained: a layer list built from scratch (`spec`), or a base model fine-tuned (`base`:
 * its head replaced for numClasses and its first hyperparameters.freezeLayers layers frozen, see
 * models/fine-tune.ts). The base's layers become the result's: dispose the result, not the base.
 */
export interface TrainOptions {
  /** Exactly one of spec and base. */
  spec?: TArchitectureSpec;
  base?: tf.LayersModel;
  hyperparameters: TrainingHyperparameters;
  numClasses: number;
  train: ImageSet;
  validation?: ImageSet;
  seed: number;
  earlyStopping?: EarlyStoppingOptions;
  /**
   * The experiment's random erasing: the rectangle, and the probability for a trial that does
   * not set hyperparameters.erasingProbability (see randomErasingOf in train-model.ts).
   */
  augmentation?: RandomErasingOptions;
  /** Default constant. */
  learningRateSchedule?: LearningRateSchedule;
  /** Awaited before the next epoch starts, so a slow writer applies back-pressure. */
  onEpochEnd?: (metrics: EpochMetrics) => void | Promise<void>;
  onBatchEnd?: (progress: BatchProgress) => void | Promise<void>;
  /** Checked between batches; true stops training and returns with `cancelled: true`. */
  shouldStop?: () => boolean | Promise<boolean>;
  /**
   * Epochs already trained (an ASHA promotion continues a trial): training runs epochs
   * initialEpoch+1..hyperparameters.epochs and reports absolute epoch numbers. Defaults to the
   * checkpoint's epoch when resumeFrom is given, else 0; anything above 0 needs resumeFrom.
   */
  initialEpoch?: number;
  /** Checkpoint bytes (training/checkpoint.ts) of the same spec, optimizer and seed to continue from. */
  resumeFrom?: Uint8Array;
  /**
   * true: the result carries a checkpoint of the last completed epoch (weights and optimizer
   * state), taken before the optimizer is disposed. None when training was cancelled mid-epoch.
   */
  checkpoint?: boolean;
}
