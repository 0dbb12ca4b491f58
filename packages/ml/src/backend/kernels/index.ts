/**
 * Atelier training kernels for the tfjs wasm backend.
 *
 * `registerTrainingKernels()` must run before `tf.setBackend('wasm')` (it also works after,
 * see below). It is idempotent. It registers, for backendName 'wasm':
 *  - kernels the wasm backend lacks (Conv2DBackpropFilter), so CNN training works at all;
 *  - fused kernels that gradients call instead of several stock ones (AtelierReluGrad, with
 *    a Relu gradient that uses it on wasm only) and AtelierAdam, which AtelierAdamOptimizer
 *    (adam.ts, a drop-in for tf.train.adam) runs once per variable;
 *  - faster replacements for kernels that are slow on training shapes. A replaced kernel
 *    keeps the original wasm kernel (captured here) for the cases it does not handle and as
 *    the engine for non-transposed matrix products.
 *
 * Every kernel lives in its own file with a note on why it exists and how it works.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm'; // registers the original wasm kernels first
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig } from '@tensorflow/tfjs';
import * as path from 'node:path';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input';
import { batchMatMulConfig } from './batch-mat-mul';
import { maxPoolGradConfig } from './max-pool-grad';
import { sumConfig } from './sum';
import { identityConfig } from './identity';
import { castConfig } from './cast';
import { addConfig } from './add';
import { reluGradConfig, reluGradKernelConfig } from './relu-grad';
import { adamKernelConfig } from './adam';
import { conv2DConfig } from './conv2d';
import { originalKernels } from './wasm-heap';

export { setIm2colBudget, getIm2colBudget } from './wasm-heap';
export { AtelierAdamOptimizer, atelierAdam } from './adam';

const MARK = '__atelierTrainingKernel';

/** All kernels this module registers on 'wasm', in registration order. */
export const trainingKernelConfigs: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  batchMatMulConfig,
  maxPoolGradConfig,
  sumConfig,
  identityConfig,
  castConfig,
  addConfig,
  reluGradKernelConfig,
  adamKernelConfig,
  conv2DConfig,
];

/** Original wasm kernels our kernels delegate to (captured even when not replaced). */
const DELEGATES = ['BatchMatMul', 'Sum', 'Transpose'];

export function registerTrainingKernels(): void {
  // Relu's gradient uses AtelierReluGrad on wasm and tfjs's formula elsewhere (relu-grad.ts).
  tf.registerGradient(reluGradConfig);
  for (const name of DELEGATES) {
    const k = tf.getKernel(name, 'wasm') as (KernelConfig & { [MARK]?: boolean }) | undefined;
    if (k && !k[MARK] && !originalKernels.has(name)) originalKernels.set(name, k);
  }
  for (const cfg of trainingKernelConfigs) {
    const existing = tf.getKernel(cfg.kernelName, 'wasm') as (KernelConfig & { [MARK]?: boolean }) | undefined;
    if (existing?.[MARK]) continue; // already ours: idempotent
    if (existing) {
      if (!originalKernels.has(cfg.kernelName)) originalKernels.set(cfg.kernelName, existing);
      tf.unregisterKernel(cfg.kernelName, 'wasm');
    }
    const original = existing;
    const ours = {
      kernelName: cfg.kernelName,
      backendName: 'wasm',
      kernelFunc: cfg.kernelFunc,
      // The engine only runs setupFunc for kernels registered when the backend initialises:
      // keep the original's setup so that delegating to it works.
      setupFunc: original?.setupFunc,
      disposeFunc: original?.disposeFunc,
      [MARK]: true,
    } as KernelConfig & { [MARK]: boolean };
    tf.registerKernel(ours);
  }
}

/** True when the Atelier kernels are registered on 'wasm'. */
export function trainingKernelsRegistered(): boolean {
  return trainingKernelConfigs.every((c) => (tf.getKernel(c.kernelName, 'wasm') as { [MARK]?: boolean } | undefined)?.[MARK] === true);
}

/** Directory holding the wasm binaries of @tensorflow/tfjs-backend-wasm (with trailing slash). */
export function wasmBinaryDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

/**
 * Node helper: point the wasm backend at its binaries, register the training kernels and
 * select 'wasm'. Returns false (and leaves the backend unchanged) when wasm cannot start.
 */
export async function useWasmForTraining(): Promise<boolean> {
  setWasmPaths(wasmBinaryDir());
  registerTrainingKernels();
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  return ok;
}
