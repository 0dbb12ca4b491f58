/**
 * Adam in one kernel per variable on wasm.
 *
 * Why: tfjs's AdamOptimizer runs ~12 kernels per variable and step (mul, add, square, div,
 * sqrt, ...), each a pass over the variable plus a temporary, plus the engine's fixed cost per
 * op (dispatch, allocation, disposal). At the batch sizes searches use (64) that fixed cost is
 * a large share of a step: model (c) has 16 variables, ~190 optimizer kernels per step.
 * Approach: `AtelierAdamOptimizer` extends tfjs's AdamOptimizer (same state, same
 * getWeights/setWeights/serialisation, className 'Adam'); on wasm with the Atelier kernels
 * registered its applyGradients runs AtelierAdam (native/kernels.c adam_step: one SIMD pass,
 * tfjs's float32 order of operations, three new outputs, no input written) and assigns the
 * new value and moments. On any other backend it is tfjs's applyGradients unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, Tensor, TensorInfo } from '@tensorflow/tfjs';
import { KernelArgs, newF32, offsetOf, sizeOf, WasmBackendLike, wasmKernelRegistered } from './wasm-heap';
import { native } from './native';

export const AdamKernel = 'AtelierAdam';

export function adamKernel(args: KernelArgs): TensorInfo[] {
  const backend = args.backend as WasmBackendLike;
  const { value, m, v, g, oneMinusAccBeta1, oneMinusAccBeta2 } = args.inputs;
  const { beta1, beta2, epsilon, learningRate } = args.attrs as { beta1: number; beta2: number; epsilon: number; learningRate: number };
  const shape = value!.shape;
  const outV = newF32(backend, shape),
    outM = newF32(backend, shape),
    outS = newF32(backend, shape);
  const o = (t: TensorInfo) => offsetOf(backend, t);
  native(backend).adam_step(
    o(value!),
    o(m!),
    o(v!),
    o(g!),
    o(oneMinusAccBeta1!),
    o(oneMinusAccBeta2!),
    o(outV),
    o(outM),
    o(outS),
    sizeOf(shape),
    beta1,
    1 - beta1,
    beta2,
    1 - beta2,
    epsilon,
    -learningRate,
  );
  return [outV, outM, outS];
}

export const adamKernelConfig: KernelConfig = {
  kernelName: AdamKernel,
  backendName: 'wasm',
  kernelFunc: adamKernel as unknown as KernelConfig['kernelFunc'],
};

type Slot = { originalName: string; variable: tf.Variable };
/** The AdamOptimizer fields we use (declared protected/private in tfjs's typings). */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  incrementIterations(): void;
}

export class AtelierAdamOptimizer extends tf.AdamOptimizer {
  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    super(learningRate, beta1, beta2, epsilon as number);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const fused =
      tf.getBackend() === 'wasm' &&
      wasmKernelRegistered(AdamKernel) &&
      (Array.isArray(variableGradients) ? variableGradients.map((v) => v.tensor) : Object.values(variableGradients)).every(
        (t) => t.dtype === 'float32',
      );
    if (!fused) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    tf.tidy(() => {
      const oneMinusAccBeta1 = tf.sub(1, self.accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, self.accBeta2);
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name]!;
        self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const g = Array.isArray(variableGradients) ? variableGradients[i]!.tensor : variableGradients[name];
        if (g == null || value.dtype !== 'float32') return;
        const m = self.accumulatedFirstMoment[i].variable;
        const v = self.accumulatedSecondMoment[i].variable;
        const [newValue, newM, newV] = tf
          .engine()
          .runKernel<Tensor[]>(
            AdamKernel,
            { value, m, v, g, oneMinusAccBeta1, oneMinusAccBeta2 },
            { beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon, learningRate: self.learningRate },
          );
        m.assign(newM!);
        v.assign(newV!);
        value.assign(newValue!);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

/** Drop-in for tf.train.adam: fused on wasm (with the Atelier kernels), tfjs's Adam elsewhere. */
export function atelierAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null): tf.AdamOptimizer {
  return new AtelierAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
