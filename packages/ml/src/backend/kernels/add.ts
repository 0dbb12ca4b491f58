/**
 * Add for wasm, fast path for the bias add x[..., C] + b[C].
 *
 * Why: every conv/dense layer adds its bias with a broadcasting Add; the wasm backend's
 * broadcasting path does index arithmetic per element (~1.3x a same-shape Add on
 * [512,26,26,32]).
 * Approach: when one float32 operand is 1-D (or all leading dims 1) and matches the last
 * dimension of the other, one streaming SIMD pass (native/kernels.c bias_add). Everything
 * else goes to the original wasm Add.
 */
import { Add } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { callOriginal, KernelArgs, newF32, offsetOf, sizeOf, WasmBackendLike } from './wasm-heap';
import { native } from './native';

function isBiasOf(x: TensorInfo, b: TensorInfo): boolean {
  const C = x.shape[x.shape.length - 1];
  return (
    x.shape.length >= 2 &&
    b.shape.length >= 1 &&
    b.shape.length <= x.shape.length &&
    b.shape[b.shape.length - 1] === C &&
    sizeOf(b.shape) === C &&
    sizeOf(x.shape) > C
  );
}

export function add(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return callOriginal(Add, args);
  const [x, bias]: [TensorInfo, TensorInfo] | [null, null] = isBiasOf(a, b) ? [a, b] : isBiasOf(b, a) ? [b, a] : [null, null];
  if (!x) return callOriginal(Add, args);
  const C = bias.shape[bias.shape.length - 1]!;
  const out = newF32(backend, x.shape);
  native(backend).bias_add(offsetOf(backend, x), offsetOf(backend, bias), offsetOf(backend, out), sizeOf(x.shape) / C, C);
  return out;
}

export const addConfig: KernelConfig = {
  kernelName: Add,
  backendName: 'wasm',
  kernelFunc: add as unknown as KernelConfig['kernelFunc'],
};
