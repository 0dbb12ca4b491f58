import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';

/**
 * Test helpers: run an exported model with onnxruntime-node and the same inputs through TF.js.
 * Test files using them need `@jest-environment ./src/onnx/onnxruntime.jest-environment.js`.
 */

export interface ParityResult {
  /** Largest |onnx − tfjs| over every output value. */
  maxAbsDiff: number;
  /** Examples whose argmax differs. */
  argmaxMismatches: number;
  onnx: Float32Array;
  tfjs: Float32Array;
}

export async function runOnnx(bytes: Uint8Array, input: Float32Array, shape: readonly number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const outputs = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, [...shape]) });
    const output = outputs[session.outputNames[0]!]!;
    return output.data as Float32Array;
  } finally {
    await session.release();
  }
}

export function runTfjs(model: tf.LayersModel, input: Float32Array, shape: readonly number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(input, [...shape])) as tf.Tensor).dataSync() as Float32Array);
}

function argmaxRows(values: Float32Array, width: number): number[] {
  const rows: number[] = [];
  for (let start = 0; start < values.length; start += width) {
    let best = start;
    for (let i = start + 1; i < start + width; i++) if (values[i]! > values[best]!) best = i;
    rows.push(best - start);
  }
  return rows;
}

export async function compareWithTfjs(
  model: tf.LayersModel,
  bytes: Uint8Array,
  input: Float32Array,
  shape: readonly number[],
): Promise<ParityResult> {
  const onnx = await runOnnx(bytes, input, shape);
  const tfjs = runTfjs(model, input, shape);
  if (onnx.length !== tfjs.length) throw new Error(`onnxruntime gave ${onnx.length} values, TF.js ${tfjs.length}`);
  let maxAbsDiff = 0;
  for (let i = 0; i < onnx.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(onnx[i]! - tfjs[i]!));
  const width = model.outputs[0]!.shape.at(-1)!;
  const a = argmaxRows(onnx, width);
  const b = argmaxRows(tfjs, width);
  return { maxAbsDiff, argmaxMismatches: a.filter((v, i) => v !== b[i]).length, onnx, tfjs };
}

/** Seeded uniform values in [0, 1): the images' range. */
export function seededInput(count: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = (state >>> 0) / 2 ** 32;
  }
  return out;
}
