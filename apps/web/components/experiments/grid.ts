import { foldCount, spaceDimensions, type TGridSpace, type TValidationPlan } from '@atelier/domain';

/**
 * Grid arithmetic for instant feedback in the launch form. It must agree with the server's
 * plan (packages/ml gridSize: the cartesian product of every list), which the form also asks
 * for; this copy avoids pulling TensorFlow.js into the browser bundle.
 */

export interface GridEstimate {
  trialCount: number;
  folds: number;
  /** Models trained: one per trial and fold. */
  trainingRuns: number;
  /** Epochs over all training runs (each trial trains its own number of epochs per fold). */
  totalEpochs: number;
}

export function estimateGrid(space: TGridSpace, validation: TValidationPlan): GridEstimate {
  // a dimension the space leaves out is its default: one value
  const trialCount = spaceDimensions(space).reduce((n, name) => n * (space[name] ?? []).length, 1);
  const folds = foldCount(validation);
  const trialsPerEpochValue = space.epochs.length === 0 ? 0 : trialCount / space.epochs.length;
  const epochSum = space.epochs.reduce((sum, epochs) => sum + epochs, 0);
  return {
    trialCount,
    folds,
    trainingRuns: trialCount * folds,
    totalEpochs: trialsPerEpochValue * epochSum * folds,
  };
}

export type ParsedList = { ok: true; values: number[] } | { ok: false; error: string };

/**
 * Parses "0.1, 0.01 1e-3" into numbers. Commas, semicolons and whitespace all separate values,
 * so a pasted list from a notebook works as typed.
 */
export function parseNumberList(text: string): ParsedList {
  const tokens = text
    .split(/[\s,;]+/)
    .map((token) => token.trim())
    .filter(Boolean);
  const values: number[] = [];
  for (const token of tokens) {
    const value = Number(token);
    if (!Number.isFinite(value)) return { ok: false, error: `"${token}" is not a number` };
    values.push(value);
  }
  if (values.length === 0) return { ok: false, error: 'enter at least one value' };
  const duplicate = values.find((value, index) => values.indexOf(value) !== index);
  if (duplicate !== undefined) return { ok: false, error: `${duplicate} is listed twice` };
  return { ok: true, values };
}
