import type { TValidationPlan } from '@atelier/domain';
import { stratifiedHoldout, stratifiedKFold, subsetImages, trainingSlice } from '@atelier/ml/data/prepare';
import type { ImageSet } from '@atelier/ml/data/types';

export interface FoldData {
  train: ImageSet;
  validation: ImageSet;
}

interface Splits {
  slice: ImageSet;
  splits: { trainIndices: ArrayLike<number>; valIndices: ArrayLike<number> }[];
}

/**
 * The training and validation images of one fold. The slice and the splits depend only on the
 * experiment (dataset, slice size, plan, seed), so every fold and trial of an experiment sees
 * the same partition; the last few are memoized because a process runs many folds in a row.
 */
export function createFoldDataSource(maxEntries = 4) {
  const memo = new Map<string, Splits>();
  return function foldData(options: {
    datasetKey: string;
    train: ImageSet;
    trainingSlice: number | null;
    validation: TValidationPlan;
    seed: number;
    fold: number;
  }): FoldData {
    const key = JSON.stringify([options.datasetKey, options.trainingSlice, options.validation, options.seed]);
    let entry = memo.get(key);
    if (!entry) {
      const slice =
        options.trainingSlice !== null && options.trainingSlice < options.train.count
          ? trainingSlice(options.train, options.trainingSlice, options.seed)
          : options.train;
      const splits =
        options.validation.kind === 'kfold'
          ? stratifiedKFold(slice.labels, options.validation.folds, options.seed)
          : [stratifiedHoldout(slice.labels, options.validation.fraction, options.seed)];
      entry = { slice, splits };
      memo.set(key, entry);
      const oldest = memo.keys().next();
      if (memo.size > maxEntries && !oldest.done) memo.delete(oldest.value);
    }
    const split = entry.splits[options.fold];
    if (!split) {
      throw new Error(`fold ${options.fold} does not exist: the validation plan has ${entry.splits.length} fold(s)`);
    }
    return { train: subsetImages(entry.slice, split.trainIndices), validation: subsetImages(entry.slice, split.valIndices) };
  };
}
