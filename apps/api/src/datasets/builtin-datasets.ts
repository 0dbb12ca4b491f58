import type { TBuiltinDatasetKey } from '@atelier/domain';

/** What the API seeds for each builtin dataset (sizes of the official train/test files). */
export interface BuiltinDatasetSeed {
  key: TBuiltinDatasetKey;
  name: string;
  classNames: string[];
  trainSize: number;
  testSize: number;
  imageShape: [number, number, number];
}

export const BUILTIN_DATASET_SEEDS: readonly BuiltinDatasetSeed[] = [
  {
    key: 'fashion-mnist',
    name: 'Fashion-MNIST',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    trainSize: 60_000,
    testSize: 10_000,
    imageShape: [28, 28, 1],
  },
  {
    key: 'mnist',
    name: 'MNIST',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    trainSize: 60_000,
    testSize: 10_000,
    imageShape: [28, 28, 1],
  },
];
