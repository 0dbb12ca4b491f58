/**
 * Test helpers for the kernel specs (not used at run time): run the same computation on the
 * cpu backend (reference) and on wasm with the Atelier kernels, and compare.
 */
import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels, wasmBinaryDir } from './index';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let ready: Promise<void> | null = null;
export function setupBackends(): Promise<void> {
  if (!ready) {
    ready = (async () => {
      setWasmPaths(wasmBinaryDir());
      registerTrainingKernels();
      if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
      await tf.setBackend('cpu');
    })();
  }
  return ready;
}

/** Deterministic pseudo-random floats in [-1, 1). */
export function rand(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

export async function onBackend<T>(name: 'cpu' | 'wasm', fn: () => T): Promise<T> {
  await tf.setBackend(name);
  return fn();
}

/** Max |a-b| / (1 + max|b|) style check with a helpful message. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4, label = ''): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length} != ${expected.length}`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  let worst = 0,
    at = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  const rel = worst / Math.max(1, scale);
  if (!(rel <= tol)) {
    throw new Error(
      `${label}: max abs diff ${worst} at ${at} (actual ${actual[at]}, expected ${expected[at]}), scale ${scale}, rel ${rel} > ${tol}`,
    );
  }
}
