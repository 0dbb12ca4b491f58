import { BUILTIN_ARCHITECTURES } from '../models/zoo';
import type { ImageSet } from '../data/types';
import { trainModel } from './train-model';

export interface WarmUpOptions {
  /** The images' shape (the dataset a process will train on). */
  height?: number;
  width?: number;
  channels?: number;
  numClasses?: number;
  /** Training batches to run; each is one forward and backward pass and an optimizer step. */
  batches?: number;
  batchSize?: number;
}

/**
 * Trains a few batches of the zoo's cnn-a on blank images and throws the model away, so that a
 * process's first real training does not pay for the first calls: V8 compiles the wasm kernels
 * and TF.js's JavaScript at a baseline tier first and optimizes them as they run, and the
 * backend allocates its buffers. A fresh process's first epoch of cnn-a at batch 32 on 1,333
 * images took 0.83–1.00 s against 0.64–0.69 s for the next ones (bench/engine/sustained.js): the
 * quick start's first point is a first epoch. Leaves no tensor behind. Returns its seconds.
 */
export async function warmUpTraining(options: WarmUpOptions = {}): Promise<number> {
  const started = performance.now();
  const { height = 28, width = 28, channels = 1, numClasses = 10, batches = 6, batchSize = 32 } = options;
  const count = batches * batchSize;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % numClasses;
  const images: ImageSet = { images: new Uint8Array(count * height * width * channels), labels, count, height, width, channels };
  const result = await trainModel({
    spec: BUILTIN_ARCHITECTURES['cnn-a'].spec,
    hyperparameters: { batchSize, epochs: 1, activation: 'relu', optimizer: 'adam', learningRate: 0.001, momentum: 0 },
    numClasses,
    train: images,
    // a validation pass too: the fold's epoch ends with one (model.predict's path)
    validation: { ...images, count: batchSize },
    seed: 1,
  });
  result.model.dispose();
  return (performance.now() - started) / 1000;
}
