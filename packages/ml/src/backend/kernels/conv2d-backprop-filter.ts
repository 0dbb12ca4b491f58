/**
 * Conv2DBackpropFilter for wasm (the wasm backend has none, so CNN training fails without it).
 *
 * Approach: dW[kh,kw,ci,co] = sum_m colT[(kh,kw,ci), m] * dy[m, co] with m = (n, oh, ow).
 * We build colT (the transposed im2col matrix, K x M) in typed-array code straight into
 * wasm memory, image by image so reads of x stay in cache, then multiply colT [K,M] by
 * dy viewed as [M, Cout] with the wasm backend's XNNPACK BatchMatMul in its fast,
 * non-transposed form. The [K, Cout] result already has the filter layout [KH,KW,Cin,Cout].
 * Large batches are processed in chunks of images (partial products summed) so the
 * temporary stays under getIm2colBudget() floats. NHWC, dilation 1 (what tfjs gradients use).
 */
import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import {
  alias, disposeTemp, f32, getIm2colBudget, KernelArgs, matmulNN, newF32, offsetOf, releaseAlias, WasmBackendLike,
} from './wasm-heap';

export function im2colT(
  x: Float32Array, col: Float32Array, info: backend_util.Conv2DInfo, n0: number, n1: number, M: number,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const KH = info.filterHeight, KW = info.filterWidth;
  const sh = info.strideHeight, sw = info.strideWidth;
  const pt = info.padInfo.top, pl = info.padInfo.left;
  const P = OH * OW;
  for (let n = n0; n < n1; n++) {
    const xb = n * H * W * C;
    const mb = (n - n0) * P;
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        // valid ow range: 0 <= ow*sw + kw - pl < W
        let owLo = 0;
        while (owLo < OW && owLo * sw + kw - pl < 0) owLo++;
        let owHi = OW;
        while (owHi > owLo && (owHi - 1) * sw + kw - pl >= W) owHi--;
        for (let ci = 0; ci < C; ci++) {
          const k = (kh * KW + kw) * C + ci;
          let o = k * M + mb;
          for (let oh = 0; oh < OH; oh++) {
            const ih = oh * sh + kh - pt;
            if (ih < 0 || ih >= H) {
              col.fill(0, o, o + OW);
              o += OW;
              continue;
            }
            const rowBase = xb + ih * W * C + ci + (kw - pl) * C;
            let ow = 0;
            for (; ow < owLo; ow++) col[o++] = 0;
            const step = sw * C;
            let xi = rowBase + owLo * step;
            for (; ow < owHi; ow++) {
              col[o++] = x[xi]!;
              xi += step;
            }
            for (; ow < OW; ow++) col[o++] = 0;
          }
        }
      }
    }
  }
}

export function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as {
    strides: number | [number, number]; pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
  };
  if (attrs.dataFormat === 'NCHW') throw new Error('atelier Conv2DBackpropFilter: NCHW is not supported on wasm');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error('atelier Conv2DBackpropFilter: float32 only');
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad,
    attrs.dimRoundingMode, false, 'channelsLast',
  );
  const N = info.batchSize, P = info.outHeight * info.outWidth, CO = info.outChannels;
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const chunk = Math.max(1, Math.min(N, Math.floor(getIm2colBudget() / Math.max(1, K * P))));
  let result: TensorInfo | null = null;
  let acc: Float32Array | null = null;
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const n1 = Math.min(N, n0 + chunk);
    const M = (n1 - n0) * P;
    const col = newF32(backend, [1, K, M]);
    const dyView = alias(backend, offsetOf(backend, dy) + n0 * P * CO * 4, [1, M, CO]);
    im2colT(f32(backend, x), f32(backend, col), info, n0, n1, M);
    const part = matmulNN(backend, col, dyView);
    releaseAlias(backend, dyView);
    disposeTemp(backend, col);
    if (result === null) {
      result = part;
    } else {
      acc = f32(backend, result);
      const p = f32(backend, part);
      for (let i = 0; i < acc.length; i++) acc[i]! += p[i]!;
      disposeTemp(backend, part);
    }
  }
  if (result === null) {
    // empty batch: zero gradient
    result = newF32(backend, [...attrs.filterShape]);
    f32(backend, result).fill(0);
    return result;
  }
  return { dataId: result.dataId, shape: [...attrs.filterShape], dtype: 'float32' };
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};
