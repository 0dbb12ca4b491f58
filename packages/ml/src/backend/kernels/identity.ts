/**
 * Identity for wasm without a copy.
 *
 * Why: the wasm backend's Identity copies the whole tensor (~40 ms per training step of
 * model (b): tf.layers and the optimizers clone activations and gradients).
 * Approach: share the data buffer and bump its reference count, exactly as the wasm
 * Reshape kernel (and the cpu backend's Identity) do. Safe because no wasm kernel writes
 * into its inputs. Strings keep the original path.
 */
import { Identity } from '@tensorflow/tfjs';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { callOriginal, KernelArgs } from './wasm-heap';

export function identity(args: KernelArgs): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  if (x.dtype === 'string') return callOriginal(Identity, args);
  (args.backend as { incRef(dataId: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelConfig['kernelFunc'],
};
