/**
 * Conv2D (forward) for wasm.
 *
 * Why: the stock kernel (XNNPACK) builds a new convolution operator, and repacks the filter,
 * whenever the filter tensor changes, i.e. on every training step; its GEMM also runs slower
 * than Atelier's on these shapes (see wasm-heap gemmInto).
 * Approach: pack the filter [KH*KW*Cin, Cout] once per call (packB), then for chunks of output
 * positions build their im2col rows (native/kernels.c im2col_rows, a few KB that stay in cache)
 * and multiply them by the packed filter straight into the output (gemm_p8). A 1x1, stride-1,
 * unpadded convolution multiplies the input itself. NHWC, dilation 1; anything else goes to
 * the original kernel.
 */
import { backend_util, Conv2D } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { callOriginal, disposeTemp, forEachIm2colChunk, KernelArgs, newF32, offsetOf, packB, WasmBackendLike } from './wasm-heap';
import { native } from './native';

/** Floats of im2col rows built per GEMM call (rows of K floats; ~128 KB, L2-resident). */
const COL_CHUNK_FLOATS = 32_768;

export function conv2D(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dilations: number | [number, number];
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const dil = attrs.dilations;
  const dilated = Array.isArray(dil) ? dil[0] !== 1 || dil[1] !== 1 : dil !== 1;
  if (attrs.dataFormat === 'NCHW' || dilated || x.dtype !== 'float32' || filter.dtype !== 'float32' || x.shape.length !== 4) {
    return callOriginal(Conv2D, args);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const CO = info.outChannels;
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const M = info.batchSize * info.outHeight * info.outWidth;
  const out = newF32(backend, [info.batchSize, info.outHeight, info.outWidth, CO]);
  if (M === 0) return out;
  const nat = native(backend);
  const wp = packB(backend, offsetOf(backend, filter), K, CO);
  const pointwise =
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.outHeight === info.inHeight &&
    info.outWidth === info.inWidth;
  if (pointwise) {
    nat.gemm_p8(offsetOf(backend, x), offsetOf(backend, wp), offsetOf(backend, out), M, K, CO, 0);
  } else {
    const rows = Math.min(M, Math.max(8, Math.floor(COL_CHUNK_FLOATS / K) & ~3));
    const wOff = offsetOf(backend, wp);
    const oOff = offsetOf(backend, out);
    forEachIm2colChunk(backend, x, info, M, rows, (cOff, m0, m1) => nat.gemm_p8(cOff, wOff, oOff + m0 * CO * 4, m1 - m0, K, CO, 0));
  }
  disposeTemp(backend, wp);
  return out;
}

export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2D as unknown as KernelConfig['kernelFunc'],
};
