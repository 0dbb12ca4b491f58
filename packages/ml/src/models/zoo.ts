import type { TArchitectureSpec } from '@atelier/domain';

/** A builtin architecture: what the API seeds into the database and the worker builds. */
export interface BuiltinArchitecture {
  readonly key: BuiltinArchitectureKey;
  readonly name: string;
  readonly description: string;
  /** Hidden layers only: the builder appends the output Dense(numClasses, softmax). */
  readonly spec: TArchitectureSpec;
}

export const BUILTIN_ARCHITECTURE_KEYS = ['cnn-a', 'cnn-b', 'cnn-c', 'cnn-d', 'cnn-e', 'mlp', 'knn'] as const;
export type BuiltinArchitectureKey = (typeof BUILTIN_ARCHITECTURE_KEYS)[number];

/**
 * The seed models of the Fashion-MNIST study. Shapes in the descriptions are for 28×28×1
 * inputs; parameter counts for 10 classes are checked against TF.js in zoo.spec.ts.
 */
export const BUILTIN_ARCHITECTURES: Readonly<Record<BuiltinArchitectureKey, BuiltinArchitecture>> = {
  'cnn-a': {
    key: 'cnn-a',
    name: 'CNN A (one conv block)',
    description:
      'Conv 32 3×3 → MaxPool 2 → Flatten → Dense 128. 28×28 → 26×26×32 → 13×13×32 → 5408 → 128. ' +
      'The smallest CNN of the study: about 90% on Fashion-MNIST.',
    spec: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 32, kernelSize: 3 },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 128 },
      ],
    },
  },
  'cnn-b': {
    key: 'cnn-b',
    name: 'CNN B (two conv blocks, three dense)',
    description:
      'Conv 32 3×3 → MaxPool 2 → Conv 64 3×3 stride 2 same → MaxPool 2 → Flatten → Dense 128 → ' +
      'Dropout 0.25 → Dense 256 → Dropout 0.25 → Dense 128. 28×28 → 26 → 13 → 7 → 3, so 3×3×64 = 576 ' +
      'features reach the dense stack (the same shapes as the PyTorch peer model m2).',
    spec: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 32, kernelSize: 3 },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'conv2d', filters: 64, kernelSize: 3, strides: 2, padding: 'same' },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 128 },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 256 },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 128 },
      ],
    },
  },
  'cnn-c': {
    key: 'cnn-c',
    name: 'CNN C (deep)',
    description:
      'Conv 64 3×3 same → MaxPool 2 → Conv 128 3×3 stride 2 same → MaxPool 2 → Conv 64 3×3 stride 2 same → ' +
      'MaxPool 2 → Flatten → Dense 128 → Dropout 0.25 → Dense 256 → Dropout 0.5 → Dense 256 → Dropout 0.25 → ' +
      "Dense 128 → Dropout 0.1. 28×28 → 28 → 14 → 7 → 3 → 2 → 1: 'same' padding everywhere keeps every " +
      'stage at least 1×1 on 28×28 inputs (with valid padding the third conv would see a 3×3 map and the ' +
      'last pool a 1×1 one, which TF.js rejects).',
    spec: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 64, kernelSize: 3, padding: 'same' },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'conv2d', filters: 128, kernelSize: 3, strides: 2, padding: 'same' },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'conv2d', filters: 64, kernelSize: 3, strides: 2, padding: 'same' },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 128 },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 256 },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: 256 },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 128 },
        { type: 'dropout', rate: 0.1 },
      ],
    },
  },
  'cnn-d': {
    key: 'cnn-d',
    name: 'CNN D (wide conv, small head)',
    description: 'Conv 64 3×3 → MaxPool 2 → Dropout 0.25 → Flatten → Dense 32. 28×28 → 26×26×64 → 13×13×64 → 10816 → 32.',
    spec: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 64, kernelSize: 3 },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'dropout', rate: 0.25 },
        { type: 'flatten' },
        { type: 'dense', units: 32 },
      ],
    },
  },
  'cnn-e': {
    key: 'cnn-e',
    name: 'CNN E (two conv blocks with dropout)',
    description:
      'Conv 32 3×3 same → MaxPool 2 → Dropout 0.25 → Conv 64 3×3 same → MaxPool 2 → Dropout 0.25 → Flatten → ' +
      'Dense 128 → Dropout 0.5. 28×28 → 28 → 14 → 14 → 7, so 7×7×64 = 3136 features. The ~92% ' +
      'Fashion-MNIST model with enough epochs.',
    spec: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same' },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'dropout', rate: 0.25 },
        { type: 'conv2d', filters: 64, kernelSize: 3, padding: 'same' },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'dropout', rate: 0.25 },
        { type: 'flatten' },
        { type: 'dense', units: 128 },
        { type: 'dropout', rate: 0.5 },
      ],
    },
  },
  mlp: {
    key: 'mlp',
    name: 'MLP (no convolutions)',
    description: 'Flatten → Dense 256 → Dropout 0.2 → Dense 128. The fully connected baseline.',
    spec: {
      kind: 'layers',
      layers: [{ type: 'flatten' }, { type: 'dense', units: 256 }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 128 }],
    },
  },
  knn: {
    key: 'knn',
    name: 'KNN baseline',
    description:
      'k-nearest neighbours on raw pixels (k = 5 by default): the non-neural baseline, about 85.5–86% on ' +
      'Fashion-MNIST. Nothing is trained, so it has no layers and the layer builder refuses it.',
    spec: { kind: 'knn', layers: [] },
  },
};

export function isBuiltinArchitectureKey(key: string): key is BuiltinArchitectureKey {
  return (BUILTIN_ARCHITECTURE_KEYS as readonly string[]).includes(key);
}
