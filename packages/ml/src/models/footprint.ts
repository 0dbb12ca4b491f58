import type { TOptimizer } from '@atelier/domain';
import type { ArchitectureSummaryResult } from './summary';

/** Bytes of one float32, the dtype of every weight, gradient and activation the trainer allocates. */
const FLOAT32_BYTES = 4n;

/**
 * Per-weight state each optimizer keeps beside the weights, as TF.js allocates it: sgd with
 * momentum (the trainer uses tf.train.momentum when momentum > 0) one accumulator; adagrad one;
 * rmsprop (centred off, with momentum) two; adam, adamax and adadelta two.
 */
export const OPTIMIZER_SLOTS: Record<TOptimizer, number> = {
  sgd: 1,
  adagrad: 1,
  rmsprop: 2,
  adam: 2,
  adamax: 2,
  adadelta: 2,
};

export interface TrainingMemoryEstimate {
  /** Weights, their gradients and the optimizer's slots. */
  parameterBytes: bigint;
  /** Every layer's output for a whole batch, kept for the backward pass, and its gradient. */
  activationBytes: bigint;
  bytes: bigint;
  /** `bytes` in MiB, rounded up. */
  megabytes: bigint;
}

/**
 * A lower bound of the memory one training of a model needs, from its summary alone: what TF.js
 * must hold at once at the peak of a training step (weights + gradients + optimizer state, the
 * batch's input, every layer's activations and their gradients). Kernels' scratch buffers and
 * the dataset come on top. BigInt throughout: a 7-billion-parameter layer list times a batch
 * size must give a number, not an overflow or a rounding (Number loses integers above 2^53).
 */
export function estimateTrainingMemory(options: {
  summary: Pick<ArchitectureSummaryResult, 'layers' | 'parameterCount'>;
  inputShape: readonly [number, number, number];
  batchSize: number;
  optimizer: TOptimizer;
}): TrainingMemoryEstimate {
  const { summary, inputShape, batchSize, optimizer } = options;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const parameters = BigInt(summary.parameterCount);
  const parameterBytes = parameters * BigInt(2 + OPTIMIZER_SLOTS[optimizer]) * FLOAT32_BYTES;
  const elements = (shape: readonly number[]) => shape.reduce((product, n) => product * BigInt(n), 1n);
  const perImage = summary.layers.reduce((sum, layer) => sum + elements(layer.outputShape), elements(inputShape));
  // forward activations are kept for the backward pass, which allocates a gradient of each
  const activationBytes = perImage * BigInt(batchSize) * 2n * FLOAT32_BYTES;
  const bytes = parameterBytes + activationBytes;
  const mib = 1024n * 1024n;
  return { parameterBytes, activationBytes, bytes, megabytes: (bytes + mib - 1n) / mib };
}
