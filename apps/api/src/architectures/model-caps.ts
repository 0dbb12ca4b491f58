import type { TArchitectureSpec, TOptimizer } from '@atelier/domain';
import { estimateTrainingMemory } from '@atelier/ml/models/footprint';
import { ArchitectureSpecError, summarizeArchitecture, type ArchitectureSummaryResult } from '@atelier/ml/models/summary';

/** The server's caps on one model (ATELIER_MAX_MODEL_PARAMS, ATELIER_MAX_TRAINING_MEMORY_MB). */
export interface ModelCaps {
  maxParameters: number;
  maxTrainingMemoryMb: number;
}

const count = (n: number | bigint) => n.toLocaleString('en-US');

/** The parameter cap's refusal, or null: the count and the cap, so the user knows how far over it is. */
export function parameterCapIssue(key: string, parameterCount: number, caps: ModelCaps, images: string): string | null {
  if (parameterCount <= caps.maxParameters) return null;
  return (
    `Architecture '${key}' has ${count(parameterCount)} parameters for ${images}; the cap is ${count(caps.maxParameters)} ` +
    '(ATELIER_MAX_MODEL_PARAMS): use fewer filters or units, or downsample (pooling, strides) before the flatten layer.'
  );
}

/**
 * Whether one architecture of a search can train on its dataset: it builds for the dataset's
 * image shape and class count (the same shape inference the worker's model builder runs, so the
 * rule has one home), it is under the parameter cap, and its largest training (the space's
 * largest batch size, the optimizer with the most state) fits the memory cap. The messages say
 * what to change; an empty list means it fits.
 */
export function architectureFitIssues(
  architecture: { key: string; spec: TArchitectureSpec },
  dataset: { key: string; imageShape: readonly [number, number, number]; numClasses: number },
  training: { maxBatchSize: number; optimizers: readonly TOptimizer[] },
  caps: ModelCaps,
): string[] {
  const [h, w, c] = dataset.imageShape;
  const images = `the ${h}×${w}×${c} images of '${dataset.key}'`;
  let summary: ArchitectureSummaryResult;
  try {
    summary = summarizeArchitecture(architecture.spec, { inputShape: dataset.imageShape, numClasses: dataset.numClasses });
  } catch (error) {
    if (!(error instanceof ArchitectureSpecError)) throw error;
    return [`Architecture '${architecture.key}' cannot be built for ${images}: ${error.message}`];
  }
  const overParameters = parameterCapIssue(architecture.key, summary.parameterCount, caps, images);
  if (overParameters) return [overParameters];
  // the optimizer with the most state: each trial's training must fit, the largest included
  const worst = training.optimizers.reduce<{ optimizer: TOptimizer; bytes: bigint; megabytes: bigint } | null>((most, optimizer) => {
    const estimate = estimateTrainingMemory({ summary, inputShape: dataset.imageShape, batchSize: training.maxBatchSize, optimizer });
    return most && most.bytes >= estimate.bytes ? most : { optimizer, bytes: estimate.bytes, megabytes: estimate.megabytes };
  }, null);
  if (!worst || worst.megabytes <= BigInt(caps.maxTrainingMemoryMb)) return [];
  return [
    `Training architecture '${architecture.key}' on ${images} with batch size ${training.maxBatchSize} and ${worst.optimizer} needs ` +
      `about ${count(worst.megabytes)} MiB (weights, gradients, optimizer state and the batch's activations); the cap is ` +
      `${count(caps.maxTrainingMemoryMb)} MiB (ATELIER_MAX_TRAINING_MEMORY_MB): use smaller batch sizes or a smaller architecture.`,
  ];
}
