/**
 * Shared helpers for the Atelier training kernels on the tfjs wasm backend.
 *
 * Why: our kernels read and write tensors directly in the wasm module's linear memory (no
 * copies through readSync); the heavy matrix products run on Atelier's GEMM (gemmInto,
 * matmulNN: native/kernels.c pack_b8 + gemm_p8), not on the backend's XNNPACK BatchMatMul,
 * which repacks its right operand on every call.
 *
 * Rules every kernel follows:
 *  - allocate all outputs/temporaries (backend.makeOutput) BEFORE taking Float32Array views:
 *    an allocation may grow the wasm memory and detach earlier views;
 *  - dispose every temporary with `disposeTemp` (never leak heap);
 *  - aliases (views into another tensor's memory registered as tensors) are released with
 *    `releaseAlias`, which never frees the memory.
 */
import { getKernel } from '@tensorflow/tfjs';
import type { backend_util, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { convGeometry, native } from './native';

/** The subset of the wasm backend (BackendWasm) that the kernels use. */
export interface WasmBackendLike {
  wasm: {
    HEAPU8: Uint8Array;
    tfjs: { registerTensor(id: number, size: number, offset: number): void; disposeData(id: number): void };
  };
  dataIdMap: {
    get(dataId: object): { id: number; memoryOffset: number; shape: number[]; dtype: string; refCount: number };
    delete(dataId: object): void;
  };
  makeOutput(shape: number[], dtype: string, memoryOffset?: number): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

export type KernelArgs = {
  inputs: Record<string, TensorInfo>;
  backend: unknown;
  attrs?: Record<string, unknown>;
};

/** Original wasm kernels we replaced (captured once by registerTrainingKernels). */
export const originalKernels = new Map<string, KernelConfig>();

/** True when a kernel of that name is registered for 'wasm' (e.g. by registerTrainingKernels). */
export function wasmKernelRegistered(kernelName: string): boolean {
  // getKernel is a map lookup (typed as never undefined; it is when nothing is registered)
  return (getKernel(kernelName, 'wasm') as KernelConfig | undefined) !== undefined;
}

export function callOriginal(kernelName: string, args: KernelArgs): TensorInfo {
  const k = originalKernels.get(kernelName);
  if (!k) throw new Error(`atelier kernels: original wasm kernel ${kernelName} not captured`);
  return k.kernelFunc(args as never) as TensorInfo;
}

export function sizeOf(shape: readonly number[]): number {
  let s = 1;
  for (const d of shape) s *= d;
  return s;
}

/** Float32 view of a tensor in wasm memory. Take it after all allocations of the kernel. */
export function f32(backend: WasmBackendLike, t: TensorInfo): Float32Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  return new Float32Array(backend.wasm.HEAPU8.buffer, memoryOffset, sizeOf(t.shape));
}

export function offsetOf(backend: WasmBackendLike, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}

export function newF32(backend: WasmBackendLike, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

export function disposeTemp(backend: WasmBackendLike, t: TensorInfo): void {
  backend.disposeData(t.dataId);
}

/**
 * Registers a tensor that aliases existing memory (e.g. a batch slice of another tensor)
 * so a wasm kernel can read it without a copy. Release with releaseAlias (does not free).
 */
export function alias(backend: WasmBackendLike, byteOffset: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', byteOffset);
}

export function releaseAlias(backend: WasmBackendLike, t: TensorInfo): void {
  const d = backend.dataIdMap.get(t.dataId);
  backend.wasm.tfjs.disposeData(d.id);
  backend.dataIdMap.delete(t.dataId);
}

/** out[b][c][r] = a[b][r][c] for a batch of R x C matrices (cache-blocked). */
export function transposeInto(src: Float32Array, dst: Float32Array, batch: number, R: number, C: number): void {
  const B = 32;
  const mat = R * C;
  for (let b = 0; b < batch; b++) {
    const o = b * mat;
    for (let r0 = 0; r0 < R; r0 += B) {
      const r1 = Math.min(R, r0 + B);
      for (let c0 = 0; c0 < C; c0 += B) {
        const c1 = Math.min(C, c0 + B);
        for (let r = r0; r < r1; r++) {
          let si = o + r * C + c0;
          let di = o + c0 * R + r;
          for (let c = c0; c < c1; c++) {
            dst[di] = src[si++]!;
            di += R;
          }
        }
      }
    }
  }
}

/**
 * C (+)= A[M,K] x B[K,N] for row-major float32 matrices at byte offsets in wasm memory, with
 * Atelier's register-blocked GEMM (native/kernels.c gemm_p8; B packed once into a temporary).
 */
export function gemmInto(
  backend: WasmBackendLike,
  aOff: number,
  bOff: number,
  cOff: number,
  M: number,
  K: number,
  N: number,
  accumulate = false,
): void {
  if (M === 0 || N === 0) return;
  const nat = native(backend);
  if (K === 0) {
    if (!accumulate) nat.zero(cOff, M * N);
    return;
  }
  const packed = packB(backend, bOff, K, N);
  nat.gemm_p8(aOff, offsetOf(backend, packed), cOff, M, K, N, accumulate ? 1 : 0);
  disposeTemp(backend, packed);
}

/** B[K,N] (byte offset) packed for gemm_p8; reuse it for several products with the same B. */
export function packB(backend: WasmBackendLike, bOff: number, K: number, N: number): TensorInfo {
  const packed = newF32(backend, [Math.max(1, K * Math.ceil(N / 8) * 8)]);
  native(backend).pack_b8(bOff, offsetOf(backend, packed), K, N);
  return packed;
}

/**
 * Non-transposed [B?,M,K] x [B?,K,N] float32 product with gemmInto. Batch dimensions must be
 * equal or one side's batch 1 (broadcast); returns null otherwise (callers fall back).
 */
export function matmulNN(backend: WasmBackendLike, a: TensorInfo, b: TensorInfo): TensorInfo | null {
  const ra = a.shape.length,
    rb = b.shape.length;
  const M = a.shape[ra - 2]!,
    K = a.shape[ra - 1]!,
    N = b.shape[rb - 1]!;
  if (b.shape[rb - 2] !== K || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ba = sizeOf(a.shape.slice(0, -2)),
    bb = sizeOf(b.shape.slice(0, -2));
  if (ba !== bb && ba !== 1 && bb !== 1) return null;
  const lead = ba >= bb ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  if (ba !== bb && ra !== rb) return null; // leave rank-mixing broadcasts to the original kernel
  const out = newF32(backend, [...lead, M, N]);
  const batch = Math.max(ba, bb);
  const aOff = offsetOf(backend, a),
    bOff = offsetOf(backend, b),
    cOff = offsetOf(backend, out);
  for (let i = 0; i < batch; i++) {
    gemmInto(backend, aOff + (ba === 1 ? 0 : i * M * K * 4), bOff + (bb === 1 ? 0 : i * K * N * 4), cOff + i * M * N * 4, M, K, N);
  }
  return out;
}

/**
 * Upper bound (floats) for im2col/col2im temporaries; kernels process the batch in chunks of
 * images below it. Small chunks are faster, not just leaner (they stay in L2). History: with
 * XNNPACK (before Atelier's GEMM) it mattered more, as XNNPACK repacks the matmul's B
 * operand (dy) on every call at ~20 ns/element when it has many rows, ~7-10 ns when it has a
 * few hundred (measured, interleaved A/B on model (b)/(c) shapes: Conv2DBackpropFilter
 * 97-99 ms at 150k vs 120-160 ms unchunked for [512,13,13,32]->[512,7,7,64]).
 */
let im2colBudget = 150_000;
export function setIm2colBudget(floats: number): void {
  im2colBudget = Math.max(1, floats | 0);
}
export function getIm2colBudget(): number {
  return im2colBudget;
}

/**
 * The im2col rows of `x` (NHWC) for output positions [0, M), built `rows` at a time into one
 * temporary: after each chunk, `each(colOffset, m0, m1)` consumes rows m0..m1-1 (K floats each).
 */
export function forEachIm2colChunk(
  backend: WasmBackendLike,
  x: TensorInfo,
  info: backend_util.Conv2DInfo,
  M: number,
  rows: number,
  each: (colOffset: number, m0: number, m1: number) => void,
): void {
  const K = info.filterHeight * info.filterWidth * info.inChannels;
  const col = newF32(backend, [Math.max(1, rows * K)]);
  const nat = native(backend);
  const xOff = offsetOf(backend, x);
  const cOff = offsetOf(backend, col);
  const geometry = convGeometry(info);
  for (let m0 = 0; m0 < M; m0 += rows) {
    const m1 = Math.min(M, m0 + rows);
    nat.im2col_rows(xOff, cOff, m0, m1, ...geometry);
    each(cOff, m0, m1);
  }
  disposeTemp(backend, col);
}
