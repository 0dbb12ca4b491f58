/**
 * Conv2DBackpropFilter for wasm (the wasm backend has none, so CNN training fails without it).
 *
 * Approach: dW[kh,kw,ci,co] = sum_m colT[(kh,kw,ci), m] * dy[m, co] with m = (n, oh, ow).
 * We build colT (the transposed im2col matrix, K x M) with native/kernels.c im2col_t straight
 * into wasm memory, image by image so reads of x stay in cache, then multiply colT [K,M] by
 * dy viewed as [M, Cout] with Atelier's GEMM (wasm-heap gemmInto), accumulating into dW. The [K, Cout] result already has the filter layout [KH,KW,Cin,Cout].
 * Small K (first layers: KH*KW*Cin <= DIRECT_MAX_K, Cout % 4 == 0) uses native conv_bpf_direct16
 * (register-blocked, Cout % 16 == 0) or conv_bpf_direct
 * instead: XNNPACK repacks its B operand (dy, M x Cout floats, e.g. 11M for conv1 of model
 * (a)) on every call at ~20 ns per element, which costs far more than the product itself.
 * Large batches are processed in chunks of images (partial products summed) so the
 * temporary stays under getIm2colBudget() floats. NHWC, dilation 1 (what tfjs gradients use).
 */
import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { disposeTemp, forEachIm2colChunk, gemmInto, getIm2colBudget, KernelArgs, newF32, offsetOf, WasmBackendLike } from './wasm-heap';
import { convGeometry, native } from './native';

/** Largest KH*KW*Cin handled by the direct (no im2col, no GEMM) kernel. */
export const DIRECT_MAX_K = 32;

let forceGenericDirect = false;
/** Test hook: use the 4-wide direct kernel even when Cout % 16 == 0. */
export function setForceGenericDirect(v: boolean): void {
  forceGenericDirect = v;
}

let forceTransposedIm2col = false;
/** Test hook: use the transposed-im2col path even when Cout % 8 == 0. */
export function setForceTransposedIm2col(v: boolean): void {
  forceTransposedIm2col = v;
}

export function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  if (attrs.dataFormat === 'NCHW') throw new Error('atelier Conv2DBackpropFilter: NCHW is not supported on wasm');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error('atelier Conv2DBackpropFilter: float32 only');
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
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
  if (K <= DIRECT_MAX_K && CO % 4 === 0) {
    const dw = newF32(backend, [...attrs.filterShape]);
    const scratch = newF32(backend, [3 * K * CO + 2]); // K*CO floats + K*CO doubles
    const sOff = offsetOf(backend, scratch);
    const daccOff = Math.ceil((sOff + 4 * K * CO) / 8) * 8;
    const geom = [N, ...convGeometry(info), CO] as const;
    if (CO % 16 === 0 && !forceGenericDirect) {
      native(backend).conv_bpf_direct16(offsetOf(backend, x), offsetOf(backend, dy), offsetOf(backend, dw), ...geom, daccOff);
    } else {
      native(backend).conv_bpf_direct(offsetOf(backend, x), offsetOf(backend, dy), offsetOf(backend, dw), ...geom, sOff, daccOff);
    }
    disposeTemp(backend, scratch);
    return dw;
  }
  if (CO % 8 === 0 && !forceTransposedIm2col) {
    // dW (+)= col^T dy over chunks of output rows: im2col rows (contiguous Cin runs) and
    // gemm_tn8, which reads dy in place (no transposed im2col, no packing)
    const M = N * P;
    const rows = Math.min(M, Math.max(8, Math.floor(getIm2colBudget() / 4 / K)));
    const dw = newF32(backend, [...attrs.filterShape]);
    const nat = native(backend);
    if (M === 0) nat.zero(offsetOf(backend, dw), K * CO);
    const dyOff = offsetOf(backend, dy);
    const dwOff = offsetOf(backend, dw);
    forEachIm2colChunk(backend, x, info, M, rows, (cOff, m0, m1) =>
      nat.gemm_tn8(cOff, dyOff + m0 * CO * 4, dwOff, m1 - m0, K, CO, m0 > 0 ? 1 : 0),
    );
    return dw;
  }
  const chunk = Math.max(1, Math.min(N, Math.floor(getIm2colBudget() / Math.max(1, K * P))));
  const result = newF32(backend, [...attrs.filterShape]);
  if (N === 0) native(backend).zero(offsetOf(backend, result), K * CO); // empty batch: zero gradient
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const n1 = Math.min(N, n0 + chunk);
    const M = (n1 - n0) * P;
    const col = newF32(backend, [1, K, M]);
    native(backend).im2col_t(offsetOf(backend, x), offsetOf(backend, col), n0, n1, ...convGeometry(info), M);
    // dW (+)= colT [K,M] x dy[n0:n1] [M,CO]
    gemmInto(backend, offsetOf(backend, col), offsetOf(backend, dy) + n0 * P * CO * 4, offsetOf(backend, result), K, M, CO, n0 > 0);
    disposeTemp(backend, col);
  }
  return result;
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};
