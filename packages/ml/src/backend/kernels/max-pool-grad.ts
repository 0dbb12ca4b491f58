/**
 * MaxPoolGrad for wasm.
 *
 * Why: the wasm backend's MaxPoolGrad takes ~0.5 s per step on [512,26,26,32] (it rescans
 * every window for every input element).
 * Approach: one pass over the output windows (native/kernels.c max_pool_grad, SIMD over 4
 * channels): per window the first maximum of each channel (as in the cpu backend; padding
 * never wins) receives dy (+=, so overlapping windows accumulate). Any window/stride/pad.
 * Non-overlapping windows (pool 2 stride 2, the usual case) take max_pool_grad_disjoint:
 * each input element is written once with dy or 0 (no zero pass, no scattered writes); the
 * 2x2/stride-2 unpadded case has its own branch-free SIMD kernel (max_pool_grad_2x2).
 */
import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { KernelArgs, newF32, offsetOf, sizeOf, WasmBackendLike } from './wasm-heap';
import { native } from './native';

export function maxPoolGrad(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error('atelier MaxPoolGrad: float32 only');
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const dx = newF32(backend, input.shape);
  const nat = native(backend);
  const disjoint =
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.strideHeight >= info.effectiveFilterHeight &&
    info.strideWidth >= info.effectiveFilterWidth;
  if (disjoint) {
    // windows tile the input without overlap: write every covered element once (no scatter);
    // zero first only if some elements lie outside every window
    const coversAll =
      info.strideHeight === info.effectiveFilterHeight &&
      info.strideWidth === info.effectiveFilterWidth &&
      info.padInfo.top === 0 &&
      info.padInfo.left === 0 &&
      info.outHeight * info.strideHeight === info.inHeight &&
      info.outWidth * info.strideWidth === info.inWidth;
    if (!coversAll) nat.zero(offsetOf(backend, dx), sizeOf(input.shape));
    if (
      info.effectiveFilterHeight === 2 &&
      info.effectiveFilterWidth === 2 &&
      info.strideHeight === 2 &&
      info.strideWidth === 2 &&
      info.padInfo.top === 0 &&
      info.padInfo.left === 0 &&
      2 * info.outHeight <= info.inHeight &&
      2 * info.outWidth <= info.inWidth
    ) {
      nat.max_pool_grad_2x2(
        offsetOf(backend, input),
        offsetOf(backend, dy),
        offsetOf(backend, dx),
        info.batchSize,
        info.inHeight,
        info.inWidth,
        info.inChannels,
        info.outHeight,
        info.outWidth,
      );
      return dx;
    }
    nat.max_pool_grad_disjoint(
      offsetOf(backend, input),
      offsetOf(backend, dy),
      offsetOf(backend, dx),
      info.batchSize,
      info.inHeight,
      info.inWidth,
      info.inChannels,
      info.outHeight,
      info.outWidth,
      info.effectiveFilterHeight,
      info.effectiveFilterWidth,
      info.strideHeight,
      info.strideWidth,
      info.padInfo.top,
      info.padInfo.left,
    );
    return dx;
  }
  nat.zero(offsetOf(backend, dx), sizeOf(input.shape));
  nat.max_pool_grad(
    offsetOf(backend, input),
    offsetOf(backend, dy),
    offsetOf(backend, dx),
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.effectiveFilterHeight,
    info.effectiveFilterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  );
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelConfig['kernelFunc'],
};
