/**
 * Cast for wasm without a copy when the dtype does not change.
 *
 * Why: the relu gradient is dy * cast(step(x), 'float32'); step already yields float32, and
 * the wasm Cast copies the whole activation anyway (~10-20 ms per step on [512,26,26,32]).
 * Approach: same dtype -> share the buffer (refcount, like Reshape); otherwise the original.
 */
import { Cast } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { callOriginal, KernelArgs } from './wasm-heap';

export function cast(args: KernelArgs): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  const { dtype } = args.attrs as { dtype: string };
  if (dtype !== x.dtype || x.dtype === 'string') return callOriginal(Cast, args);
  (args.backend as { incRef(dataId: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const castConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'wasm',
  kernelFunc: cast as unknown as KernelConfig['kernelFunc'],
};
