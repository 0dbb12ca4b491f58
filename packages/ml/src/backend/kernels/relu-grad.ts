/**
 * Relu's gradient in one pass on wasm.
 *
 * Why: tfjs differentiates Relu as mul(dy, cast(step(x))): three kernels and two temporaries
 * of the activation's size per layer and step (Step + Cast + Multiply: ~28 ms per training
 * step of model (c) at batch 512, on [512,26,26,64]).
 * Approach: a gradient for Relu (gradients are registered per kernel, for every backend)
 * that, on wasm with the Atelier kernels registered, runs the kernel AtelierReluGrad
 * (native/kernels.c relu_grad: dy * step(x) in one SIMD pass, NaN where x is NaN, as
 * step does); on any other backend it is tfjs's own formula, unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { Relu } from '@tensorflow/tfjs';
import type { GradConfig, KernelConfig, Tensor, TensorInfo } from '@tensorflow/tfjs';
import { KernelArgs, newF32, offsetOf, sizeOf, WasmBackendLike, wasmKernelRegistered } from './wasm-heap';
import { native } from './native';

export const ReluGradKernel = 'AtelierReluGrad';

export function reluGradKernel(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { dy, x } = args.inputs as { dy: TensorInfo; x: TensorInfo };
  const out = newF32(backend, dy.shape);
  native(backend).relu_grad(offsetOf(backend, dy), offsetOf(backend, x), offsetOf(backend, out), sizeOf(dy.shape));
  return out;
}

export const reluGradKernelConfig: KernelConfig = {
  kernelName: ReluGradKernel,
  backendName: 'wasm',
  kernelFunc: reluGradKernel as unknown as KernelConfig['kernelFunc'],
};

export const reluGradConfig: GradConfig = {
  kernelName: Relu,
  inputsToSave: ['x'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const g = dy as Tensor;
    const [x] = saved as [Tensor];
    return {
      x: () =>
        tf.getBackend() === 'wasm' && g.dtype === 'float32' && x.dtype === 'float32' && wasmKernelRegistered(ReluGradKernel)
          ? tf.engine().runKernel<Tensor>(ReluGradKernel, { dy: g, x }, {})
          : tf.mul(g, tf.cast(tf.step(x), 'float32')),
    };
  },
};
