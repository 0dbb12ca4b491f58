import type { TSearchEstimate, TValidationPlan } from '@atelier/domain';

/**
 * Seconds per training image per epoch assumed where this server has measured nothing for an
 * architecture: the README's end-to-end figure (4-trial cnn-a grid, batch 32/64, 2,000 images,
 * 3 folds, 3 epochs: 75 s on 2 slots, about 3 ms per image-epoch including validation).
 */
export const FALLBACK_SECONDS_PER_IMAGE = 0.003;

/** Median seconds per training image per epoch of one (architecture, batch size) pair on one dataset. */
export interface MeasuredPace {
  architecture: string;
  batchSize: number;
  secondsPerImage: number;
  epochs: number;
}

export interface EstimateInput {
  /** Every configuration the search starts, with the epochs it trains (per fold). */
  candidates: readonly { architecture: string; batchSize: number; epochs: number }[];
  /** Epochs over every fold run: the plan's totalEpochs (for ASHA the most it can take). */
  totalEpochs: number;
  trainingRuns: number;
  /** The longest single fold run in epochs (for ASHA the last rung). */
  longestRunEpochs: number;
  imagesPerFold: number;
  measured: readonly MeasuredPace[];
  /** From the queue's connected workers; null when it could not be asked. */
  workers: { workers: number; slots: number } | null;
  fallbackSecondsPerImage?: number;
}

/** Training images of one fold run: the slice less the part held out for validation. */
export function imagesPerFold(sliceSize: number, validation: TValidationPlan): number {
  const kept = validation.kind === 'kfold' ? (validation.folds - 1) / validation.folds : 1 - validation.fraction;
  return Math.max(1, Math.round(sliceSize * kept));
}

/**
 * The search's wall time: its epochs × images per fold × the measured seconds per image (a
 * mean weighted by how many epochs each architecture and batch size trains), spread over the
 * training slots, and never shorter than its longest single run. A pair never measured takes
 * the same architecture's nearest measured batch size, else the stated fallback.
 */
export function estimateSearch(input: EstimateInput): TSearchEstimate {
  const fallback = input.fallbackSecondsPerImage ?? FALLBACK_SECONDS_PER_IMAGE;
  const weights = new Map<string, { architecture: string; batchSize: number; epochs: number }>();
  for (const c of input.candidates) {
    const key = `${c.architecture}\u0000${c.batchSize}`;
    const group = weights.get(key) ?? { architecture: c.architecture, batchSize: c.batchSize, epochs: 0 };
    group.epochs += c.epochs;
    weights.set(key, group);
  }
  const totalWeight = [...weights.values()].reduce((sum, g) => sum + g.epochs, 0) || 1;
  const basis = [...weights.values()]
    .map((group) => ({ ...pace(group, input.measured, fallback), share: group.epochs / totalWeight }))
    .sort((a, b) => b.share - a.share || a.architecture.localeCompare(b.architecture) || a.batchSize - b.batchSize);

  const meanSecondsPerImage = basis.reduce((sum, b) => sum + b.share * b.secondsPerImage, 0);
  const slowest = basis.reduce((max, b) => Math.max(max, b.secondsPerImage), 0);
  const trainingSeconds = input.totalEpochs * input.imagesPerFold * meanSecondsPerImage;
  const slots = input.workers?.slots ?? null;
  const parallel = Math.max(1, Math.min(slots || 1, input.trainingRuns));
  const longestRun = input.longestRunEpochs * input.imagesPerFold * slowest;
  return {
    seconds: Math.max(trainingSeconds / parallel, Math.min(longestRun, trainingSeconds)),
    trainingSeconds,
    parallel,
    slots,
    workers: input.workers?.workers ?? null,
    imagesPerFold: input.imagesPerFold,
    fallbackSecondsPerImage: fallback,
    basis,
  };
}

function pace(group: { architecture: string; batchSize: number }, measured: readonly MeasuredPace[], fallback: number) {
  const base = { architecture: group.architecture, batchSize: group.batchSize };
  const exact = measured.find((m) => m.architecture === group.architecture && m.batchSize === group.batchSize);
  if (exact)
    return {
      ...base,
      source: 'measured' as const,
      secondsPerImage: exact.secondsPerImage,
      measuredEpochs: exact.epochs,
      measuredBatchSize: null,
    };
  // Per-image time falls as the batch grows; the nearest size measured (on a log scale) is the closest guess.
  const nearest = measured
    .filter((m) => m.architecture === group.architecture)
    .sort(
      (a, b) =>
        Math.abs(Math.log(a.batchSize / group.batchSize)) - Math.abs(Math.log(b.batchSize / group.batchSize)) || b.epochs - a.epochs,
    )[0];
  if (nearest) {
    return {
      ...base,
      source: 'nearest-batch' as const,
      secondsPerImage: nearest.secondsPerImage,
      measuredEpochs: nearest.epochs,
      measuredBatchSize: nearest.batchSize,
    };
  }
  return { ...base, source: 'fallback' as const, secondsPerImage: fallback, measuredEpochs: 0, measuredBatchSize: null };
}
