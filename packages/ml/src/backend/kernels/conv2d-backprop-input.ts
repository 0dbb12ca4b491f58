/**
 * Conv2DBackpropInput for wasm.
 *
 * Why: the wasm backend's Conv2DBackpropInput is a direct loop (~0.6 s per step for the
 * Conv64 stride-2 layer of model (b)).
 * Approach: dcol[m, (kh,kw,ci)] = sum_co dy[m, co] * W[(kh,kw,ci), co], i.e. dy [M,Cout]
 * times W^T [Cout,K] with Atelier's GEMM (wasm-heap gemm_p8; W^T is materialised and packed
 * once per call, it is tiny), then col2im (native/kernels.c col2im): each row of dcol is added, Cin floats at a time,
 * into the input positions its window covers. Chunked over images to bound the temporary.
 * NHWC, dilation 1 (what tfjs gradients use).
 */
import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { disposeTemp, getIm2colBudget, KernelArgs, newF32, offsetOf, packB, sizeOf, WasmBackendLike } from './wasm-heap';
import { convGeometry, native } from './native';

export function conv2DBackpropInput(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: [number, number, number, number];
  };
  if (attrs.dataFormat === 'NCHW') throw new Error('atelier Conv2DBackpropInput: NCHW is not supported on wasm');
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') throw new Error('atelier Conv2DBackpropInput: float32 only');
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const N = info.batchSize,
    P = info.outHeight * info.outWidth,
    CO = info.outChannels;
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const dx = newF32(backend, [...attrs.inputShape]);
  const wT = newF32(backend, [1, CO, K]);
  const nat = native(backend);
  nat.transpose2d(offsetOf(backend, filter), offsetOf(backend, wT), 1, K, CO);
  nat.zero(offsetOf(backend, dx), sizeOf(attrs.inputShape));
  const chunk = Math.max(1, Math.min(N, Math.floor(getIm2colBudget() / Math.max(1, K * P))));
  const wTp = packB(backend, offsetOf(backend, wT), CO, K); // packed once, used by every chunk
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const n1 = Math.min(N, n0 + chunk);
    const M = (n1 - n0) * P;
    const dcol = newF32(backend, [M, K]);
    nat.gemm_p8(offsetOf(backend, dy) + n0 * P * CO * 4, offsetOf(backend, wTp), offsetOf(backend, dcol), M, CO, K, 0);
    nat.col2im(offsetOf(backend, dcol), offsetOf(backend, dx), n0, n1, ...convGeometry(info));
    disposeTemp(backend, dcol);
  }
  disposeTemp(backend, wTp);
  disposeTemp(backend, wT);
  return dx;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelConfig['kernelFunc'],
};
