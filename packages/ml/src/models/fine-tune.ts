import * as tf from '@tensorflow/tfjs';
import { resolveHyperparameters, type THyperparameters } from '@atelier/domain';
import { deriveSeed } from '../data/random';

/**
 * Fine-tuning starts from a model someone already has (a registered version, a search's refit, a
 * model a run uploaded): its Dense classifier head is replaced by a new Dense(numClasses,
 * softmax) for the dataset's classes, and its first `freezeLayers` layers keep their weights.
 * The rules about which base models qualify live here, so the API (at creation, to answer 400)
 * and the worker (per fold) apply the same ones.
 */

/** A base model that cannot be fine-tuned on this dataset, or a freezeLayers it cannot take; the message says why. */
export class FineTuneError extends Error {
  override readonly name = 'FineTuneError';
}

/** What the rules need to know about a base model, read once from the loaded model. */
export interface BaseModelDescription {
  /** Its layers, the input layer of a functional model left out: what freezeLayers counts. */
  layerCount: number;
  /** Class names of its layers, in order (input layer left out). */
  layerClasses: string[];
  /** Its input shape, batch first ([null, 28, 28, 1] for Atelier's models). */
  inputShape: (number | null)[];
  inputCount: number;
  outputCount: number;
}

const layersOf = (model: tf.LayersModel) => model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
const shapeText = (shape: readonly (number | null)[]) => `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;

export function describeBaseModel(model: tf.LayersModel): BaseModelDescription {
  const layers = layersOf(model);
  return {
    layerCount: layers.length,
    layerClasses: layers.map((layer) => layer.getClassName()),
    inputShape: [...(model.inputs[0]?.shape ?? [])],
    inputCount: model.inputs.length,
    outputCount: model.outputs.length,
  };
}

/** The most layers a base can freeze: every layer but the head that fine-tuning replaces. */
export function maxFreezeLayers(base: BaseModelDescription): number {
  return Math.max(0, base.layerCount - 1);
}

/**
 * Refuses a base model that cannot be fine-tuned for images of `imageShape` ([height, width,
 * channels]), or a freezeLayers of `freezeLayers` or more (the most a search space can give).
 */
export function checkBaseModel(
  base: BaseModelDescription,
  target: { imageShape: readonly [number, number, number]; freezeLayers: number },
): void {
  const [height, width, channels] = target.imageShape;
  const wanted = [null, height, width, channels];
  if (base.inputCount !== 1 || base.outputCount !== 1) {
    throw new FineTuneError(
      `the base model has ${base.inputCount} inputs and ${base.outputCount} outputs; fine-tuning needs one image input and one classifier output`,
    );
  }
  if (base.inputShape.length !== 4 || base.inputShape.some((d, i) => i > 0 && d !== wanted[i])) {
    throw new FineTuneError(
      `the base model's input shape is ${shapeText(base.inputShape)} but the dataset's images are ${height}×${width}×${channels}, fed as ${shapeText(wanted)}: start from a model trained on images of that size`,
    );
  }
  const head = base.layerClasses.at(-1);
  if (head !== 'Dense' || base.layerCount < 2) {
    throw new FineTuneError(
      `the base model's last layer is ${head ?? 'missing'}, not a Dense classifier head with layers before it: fine-tuning replaces that Dense layer with one for the dataset's classes`,
    );
  }
  const most = maxFreezeLayers(base);
  if (!Number.isInteger(target.freezeLayers) || target.freezeLayers < 0 || target.freezeLayers > most) {
    throw new FineTuneError(
      `freezeLayers ${target.freezeLayers} is too many: the base model has ${base.layerCount} layers (${base.layerClasses.join(', ')}), so freezeLayers must be below ${base.layerCount} (at most ${most}: every layer but the Dense head, which is replaced)`,
    );
  }
}

export interface FineTuneModelOptions {
  /**
   * The loaded base model. Its layers (weights included) become the new model's, so train the
   * result and dispose only it: its replaced head is disposed here, and the base must not be
   * disposed afterwards (its other layers belong to the new model).
   */
  base: tf.LayersModel;
  imageShape: readonly [number, number, number];
  numClasses: number;
  /** The trial's hyperparameters: freezeLayers, and dropout and weightDecay, which shape the new head. */
  hyperparameters: Partial<Omit<THyperparameters, 'architecture'>>;
  /** Seeds the new head's initializer. */
  seed: number;
}

/**
 * A batch-normalization layer that is frozen runs in inference mode, as Keras does since TF 2
 * (`trainable = False` on BatchNormalization): in training mode TF.js would still move its
 * running mean and variance, so a "frozen" layer's weights would change.
 */
function runInInferenceMode(layer: tf.layers.Layer): void {
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, { ...kwargs, training: false });
}

/**
 * The base model with its Dense head replaced by Dense(numClasses, softmax) (after a Dropout at
 * the trial's rate, when it has one, as buildModel does) and its first freezeLayers layers
 * untrainable. Throws FineTuneError (before building anything) for a base checkBaseModel refuses.
 */
export function buildFineTuneModel(options: FineTuneModelOptions): tf.LayersModel {
  const { base, numClasses } = options;
  const hyperparameters = resolveHyperparameters(options.hyperparameters);
  const { freezeLayers, dropout, weightDecay } = hyperparameters;
  checkBaseModel(describeBaseModel(base), { imageShape: options.imageShape, freezeLayers });
  const layers = layersOf(base);
  const head = layers.at(-1)!; // checkBaseModel: the last layer is a Dense head with layers before it
  const features = head.input as tf.SymbolicTensor;
  const inputs =
    dropout > 0 ? (tf.layers.dropout({ name: 'dropout_finetune', rate: dropout }).apply(features) as tf.SymbolicTensor) : features;
  const output = tf.layers
    .dense({
      name: 'output_finetune',
      units: numClasses,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(options.seed, layers.length) }),
      kernelRegularizer: weightDecay > 0 ? tf.regularizers.l2({ l2: weightDecay }) : undefined,
      biasInitializer: 'zeros',
    })
    .apply(inputs) as tf.SymbolicTensor;
  const model = tf.model({ inputs: base.inputs, outputs: output, name: `${base.name}_finetune` });
  // The replaced head is in no model any more: free its weights now (the new model frees the rest).
  head.dispose();
  layers.slice(0, -1).forEach((layer, index) => {
    const frozen = index < freezeLayers;
    layer.trainable = !frozen;
    if (frozen && layer.getClassName() === 'BatchNormalization') runInInferenceMode(layer);
  });
  return model;
}

/** Trainable parameters of a model: what the optimizer updates (frozen layers left out). */
export function trainableParameterCount(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((sum, weight) => sum + weight.shape.reduce<number>((n, d) => n * (d ?? 1), 1), 0);
}
