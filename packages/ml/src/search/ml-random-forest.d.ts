// ml-random-forest ships its typings in types/types.d.ts without pointing package.json at them, and
// they leave the fitted trees untyped; this declares the part importance.ts reads.
declare module 'ml-random-forest' {
  /** An ml-cart node: internal nodes route `row[splitColumn] < splitValue` left; leaves hold the mean. */
  export interface CartNode {
    splitColumn?: number;
    splitValue?: number;
    left?: CartNode;
    right?: CartNode;
    distribution?: number;
  }

  export interface RandomForestRegressionOptions {
    nEstimators: number;
    maxFeatures: number;
    replacement: boolean;
    seed: number;
    useSampleBagging: boolean;
    noOOB: boolean;
    treeOptions: { minNumSamples?: number; maxDepth?: number };
    selectionMethod?: 'mean' | 'median';
  }

  export class RandomForestRegression {
    constructor(options: Partial<RandomForestRegressionOptions>);
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
    /** The fitted trees. */
    estimators: { root: CartNode }[];
    /** Per tree: the training-set column behind each of its columns (feature bagging). */
    indexes: number[][];
  }
}
