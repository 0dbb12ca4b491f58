/**
 * In-memory images as the readers produce them: raw uint8 pixels, never scaled. Scaling to
 * [0,1] happens when tensors are made (see data/prepare.ts), so one copy of the bytes serves
 * every fold and trial in a process.
 */
export interface ImageSet {
  /** Row-major pixels: count × height × width × channels, values 0..255. */
  readonly images: Uint8Array;
  /** Class index of each image, 0..classNames.length-1. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export interface LabeledDataset {
  readonly key: string;
  readonly name: string;
  readonly classNames: readonly string[];
  readonly train: ImageSet;
  readonly test: ImageSet;
  /** Where the bytes came from (a directory or file), for logs and model cards. */
  readonly source: string;
}
