import * as tf from '@tensorflow/tfjs';
import { resolveHyperparameters, type TActivation, type TArchitectureSpec, type THyperparameters, type TLayerSpec } from '@atelier/domain';
import { deriveSeed } from '../data/random';
import { ArchitectureSpecError, summarizeArchitecture } from './summary';

export interface BuildModelOptions {
  spec: TArchitectureSpec;
  /** [height, width, channels] of one input image. */
  inputShape: readonly [number, number, number];
  numClasses: number;
  /** The trial's activation, used by every hidden conv/dense layer that does not set its own. */
  activation: TActivation;
  /**
   * The trial's other hyperparameters; the builder reads those that shape the network, and
   * one left out takes its default.
   */
  hyperparameters?: Partial<Omit<THyperparameters, 'architecture' | 'activation'>>;
  /** Seeds every initializer, so the same seed builds the same weights. */
  seed: number;
}

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * He initialisation keeps ReLU-family activations from shrinking layer by layer; SELU is
 * designed around LeCun normal; the saturating ones (tanh, sigmoid, softplus, linear) get
 * Glorot, Keras's default.
 */
function kernelInitializer(activation: TActivation, seed: number): Initializer {
  switch (activation) {
    case 'relu':
    case 'elu':
      return tf.initializers.heNormal({ seed });
    case 'selu':
      return tf.initializers.leCunNormal({ seed });
    default:
      return tf.initializers.glorotUniform({ seed });
  }
}

/**
 * Each layer gets its own seed derived from the model seed: one shared seed would give
 * same-shaped layers identical weights.
 */
function layerSeed(seed: number, index: number): number {
  return deriveSeed(seed, index + 1);
}

function pair(value: number | readonly [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/**
 * The trial's weight decay as an L2 kernel regularizer (Keras's l2: λ·Σw², biases left alone).
 * The layer records it, so the trainer adds it to the objective (model.calculateLosses, as
 * model.fit does) and model.json says how the model was trained. None at 0.
 */
function kernelRegularizer(options: BuildModelOptions) {
  const { weightDecay } = resolveHyperparameters(options.hyperparameters ?? {});
  return weightDecay > 0 ? tf.regularizers.l2({ l2: weightDecay }) : undefined;
}

function buildLayer(layer: TLayerSpec, index: number, options: BuildModelOptions): tf.layers.Layer {
  const seed = layerSeed(options.seed, index);
  // The first layer carries the input shape, so model.layers lines up with the spec's list.
  const base = { name: `${layer.type.toLowerCase()}_${index + 1}`, ...(index === 0 ? { inputShape: [...options.inputShape] } : {}) };
  switch (layer.type) {
    case 'conv2d': {
      const activation = layer.activation ?? options.activation;
      return tf.layers.conv2d({
        ...base,
        filters: layer.filters,
        kernelSize: pair(layer.kernelSize),
        strides: pair(layer.strides ?? 1),
        padding: layer.padding ?? 'valid',
        activation,
        kernelInitializer: kernelInitializer(activation, seed),
        kernelRegularizer: kernelRegularizer(options),
        biasInitializer: 'zeros',
      });
    }
    case 'maxPooling2d':
      return tf.layers.maxPooling2d({
        ...base,
        poolSize: pair(layer.poolSize),
        strides: layer.strides === undefined ? undefined : pair(layer.strides),
        padding: layer.padding ?? 'valid',
      });
    case 'averagePooling2d':
      return tf.layers.averagePooling2d({
        ...base,
        poolSize: pair(layer.poolSize),
        strides: layer.strides === undefined ? undefined : pair(layer.strides),
        padding: layer.padding ?? 'valid',
      });
    case 'dropout':
      // No seed here: a fixed dropout seed would draw the same mask on every batch. The
      // trainer sets a fresh seeded value per batch (see train-model.ts).
      return tf.layers.dropout({ ...base, rate: layer.rate });
    case 'batchNormalization':
      return tf.layers.batchNormalization({ ...base });
    case 'flatten':
      return tf.layers.flatten({ ...base });
    case 'dense': {
      const activation = layer.activation ?? options.activation;
      return tf.layers.dense({
        ...base,
        units: layer.units,
        activation,
        kernelInitializer: kernelInitializer(activation, seed),
        kernelRegularizer: kernelRegularizer(options),
        biasInitializer: 'zeros',
      });
    }
    default: {
      const unknown: never = layer;
      throw new ArchitectureSpecError(
        `layer ${index + 1} has an unknown type ${JSON.stringify((unknown as { type: unknown }).type)}`,
        index,
      );
    }
  }
}

/**
 * A sequential classifier from a layer list, with the trial's dropout and the output
 * Dense(numClasses, softmax) appended. The list is checked first (summarizeArchitecture) so a bad list fails with a
 * message that names the layer rather than with a TF.js shape error.
 */
export function buildModel(options: BuildModelOptions): tf.Sequential {
  const { spec, inputShape, numClasses } = options;
  if (spec.kind !== 'layers') {
    throw new ArchitectureSpecError(`a ${spec.kind} architecture is not a neural network and cannot be built as layers`);
  }
  summarizeArchitecture(spec, { inputShape, numClasses });

  const { dropout } = resolveHyperparameters(options.hyperparameters ?? {});
  const model = tf.sequential();
  spec.layers.forEach((layer, index) => model.add(buildLayer(layer, index, options)));
  // The trial's dropout sits before the dense head, as in the Keras examples; unseeded like
  // the spec's own (the trainer seeds every dropout layer per batch). Rate 0 adds no layer, so
  // the model is the one built before this hyperparameter existed.
  if (dropout > 0) model.add(tf.layers.dropout({ name: 'dropout_head', rate: dropout }));
  model.add(
    tf.layers.dense({
      name: 'output',
      units: numClasses,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: layerSeed(options.seed, spec.layers.length) }),
      kernelRegularizer: kernelRegularizer(options),
      biasInitializer: 'zeros',
    }),
  );
  return model;
}
