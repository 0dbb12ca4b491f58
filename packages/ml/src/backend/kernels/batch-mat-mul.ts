/**
 * BatchMatMul for wasm.
 *
 * Why: the wasm backend's BatchMatMul is fast (XNNPACK, ~15 GFLOP/s) only when neither input
 * is transposed; with transposeA/transposeB (what every Dense-layer gradient uses:
 * dW = x^T dy, dx = dy W^T) it falls to a naive loop (~1.3 GFLOP/s).
 * Approach: every float32 product runs on Atelier's GEMM (wasm-heap matmulNN: B packed once,
 * 4x8 register-blocked SIMD; 1.3-2.4x XNNPACK on training shapes, which repacks B every call);
 * a transposed operand is first materialised with a cache-blocked transpose (native/kernels.c).
 * Batch broadcasts it does not handle go to the original kernel.
 * XNNPACK packs its right operand on every call (weights change every step), so for
 * C = A B^T with a large B and a small A (a Dense layer's dx = dy W^T at small batch:
 * dy [64,128], W [5408,128]) we compute C^T = B A^T instead and transpose the small result:
 * M*(K+N) floats transposed/packed instead of 2*N*K (measured on model (a) at batch 64:
 * see README, "Engine figures").
 */
import { BatchMatMul } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { callOriginal, disposeTemp, KernelArgs, matmulNN, newF32, offsetOf, WasmBackendLike } from './wasm-heap';
import { native } from './native';

function materialiseTranspose(backend: WasmBackendLike, t: TensorInfo): TensorInfo {
  const r = t.shape.length;
  const R = t.shape[r - 2]!,
    C = t.shape[r - 1]!;
  const outShape = [...t.shape.slice(0, -2), C, R];
  const out = newF32(backend, outShape);
  const batch = t.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  native(backend).transpose2d(offsetOf(backend, t), offsetOf(backend, out), batch, R, C);
  return out;
}

export function batchMatMul(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return callOriginal(BatchMatMul, args);
  const nn = (x: TensorInfo, y: TensorInfo) =>
    matmulNN(backend, x, y) ??
    callOriginal(BatchMatMul, { inputs: { a: x, b: y }, backend, attrs: { transposeA: false, transposeB: false } });
  if (!transposeA && !transposeB) return nn(a, b);
  const ra = a.shape.length,
    rb = b.shape.length;
  const M = a.shape[ra - 2]!,
    K = a.shape[ra - 1]!,
    N = b.shape[rb - 2]!;
  const sameBatch = ra === rb && a.shape.slice(0, -2).every((d, i) => d === b.shape[i]);
  if (!transposeA && transposeB && sameBatch && M * (K + N) < N * K) {
    const aT = materialiseTranspose(backend, a);
    const cT = nn(b, aT);
    disposeTemp(backend, aT);
    const out = materialiseTranspose(backend, cT);
    disposeTemp(backend, cT);
    return out;
  }
  const a2 = transposeA ? materialiseTranspose(backend, a) : a;
  const b2 = transposeB ? materialiseTranspose(backend, b) : b;
  const out = nn(a2, b2);
  if (a2 !== a) disposeTemp(backend, a2);
  if (b2 !== b) disposeTemp(backend, b2);
  return out;
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelConfig['kernelFunc'],
};
