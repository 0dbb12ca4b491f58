/**
 * Sum for wasm, fast path for reductions over leading axes.
 *
 * Why: bias gradients are Sum over the batch (and spatial) axes, e.g. [512,26,26,32] -> [32];
 * the wasm backend transposes the reduced axes to the end first (~150 ms per step).
 * Approach: when the reduced axes are exactly the leading axes of a float32 tensor, treat it
 * as rows x C and add rows (native/kernels.c sum_rows: SIMD float partial sums over blocks of
 * 256 rows, blocks accumulated in float64; no transpose, one streaming pass).
 * Every other case goes to the original wasm Sum.
 */
import { Sum, util } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { callOriginal, disposeTemp, KernelArgs, newF32, offsetOf, WasmBackendLike } from './wasm-heap';
import { native } from './native';

export function sum(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
  if (x.dtype !== 'float32' || x.shape.length < 2) return callOriginal(Sum, args);
  const axes = util
    .parseAxisParam(axis, x.shape)
    .slice()
    .sort((p, q) => p - q);
  const k = axes.length;
  if (k === 0 || k >= x.shape.length || !axes.every((a, i) => a === i)) return callOriginal(Sum, args);
  const rows = x.shape.slice(0, k).reduce((p, q) => p * q, 1);
  const C = x.shape.slice(k).reduce((p, q) => p * q, 1);
  const outShape = keepDims ? x.shape.map((d, i) => (i < k ? 1 : d)) : x.shape.slice(k);
  const out = newF32(backend, outShape);
  const scratch = newF32(backend, [3 * C + 2]); // C floats + C doubles (8-byte aligned)
  const sOff = offsetOf(backend, scratch);
  const accOff = Math.ceil((sOff + 4 * C) / 8) * 8;
  native(backend).sum_rows(offsetOf(backend, x), rows, C, offsetOf(backend, out), sOff, accOff);
  disposeTemp(backend, scratch);
  return out;
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sum as unknown as KernelConfig['kernelFunc'],
};
