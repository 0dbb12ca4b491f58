import type { TArchitectureSpec, TLayerSpec } from '@atelier/domain';

export interface SummaryOptions {
  /** [height, width, channels] of one input image. */
  inputShape: readonly [number, number, number];
  numClasses: number;
}

export interface LayerSummary {
  /** The spec's layer type; the appended classifier is reported as `dense` with `output: true`. */
  type: TLayerSpec['type'];
  /** Shape of one example after this layer (no batch axis), as TF.js reports it. */
  outputShape: number[];
  /** Every weight of the layer, as TF.js `countParams()` counts them (batch-norm statistics included). */
  parameterCount: number;
  output?: true;
}

export interface ArchitectureSummaryResult {
  layers: LayerSummary[];
  /** Equals TF.js `model.countParams()` of the built model. */
  parameterCount: number;
  /** Excludes batch normalisation's moving mean and variance. */
  trainableParameterCount: number;
}

/** A layer list that cannot be built; the message says which layer and what to change. */
export class ArchitectureSpecError extends Error {
  override readonly name = 'ArchitectureSpecError';
  /** 0-based index in the spec's layer list; null when the problem is not one layer's. */
  readonly layerIndex: number | null;

  constructor(message: string, layerIndex: number | null = null) {
    super(message);
    this.layerIndex = layerIndex;
  }
}

function pair(value: number | readonly [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}

/** TF.js's conv/pool output length (no dilation): 'same' pads to ceil(n/s), 'valid' fits the window. */
function outputLength(input: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - window) / stride) + 1;
}

function describe(layer: TLayerSpec, index: number): string {
  return `layer ${index + 1} (${layer.type})`;
}

/**
 * Output shapes and parameter counts of a layer list, by arithmetic alone (no TensorFlow), so
 * the API can validate a user's architecture and show its size without loading a backend.
 * The rules are TF.js's: a conv or pooling layer needs a height×width×channels input, and a
 * dense layer needs a flat one. TF.js would apply Dense to the last axis of a 3-D input, which
 * is almost never what an image classifier means, so a `flatten` is required instead.
 */
export function summarizeArchitecture(spec: TArchitectureSpec, options: SummaryOptions): ArchitectureSummaryResult {
  const { inputShape, numClasses } = options;
  if (spec.kind === 'knn') {
    throw new ArchitectureSpecError('a knn architecture has no layers to summarise: it stores the training set instead');
  }
  // The tuple type does not hold for callers passing JSON, so the length is checked too.
  if ((inputShape as readonly number[]).length !== 3 || inputShape.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new ArchitectureSpecError(`input shape must be [height, width, channels] of positive integers, got [${inputShape.join(', ')}]`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new ArchitectureSpecError(`a classifier needs at least 2 classes, got ${numClasses}`);
  }

  let shape: number[] = [...inputShape];
  const layers: LayerSummary[] = [];
  let nonTrainable = 0;

  spec.layers.forEach((layer, index) => {
    const where = describe(layer, index);
    let parameterCount = 0;
    switch (layer.type) {
      case 'conv2d':
      case 'maxPooling2d':
      case 'averagePooling2d': {
        if (shape.length !== 3) {
          throw new ArchitectureSpecError(
            `${where} needs a height×width×channels input but gets a flat vector of ${shape[0]}: ` +
              'put convolution and pooling layers before the flatten layer',
            index,
          );
        }
        const [h, w, c] = shape as [number, number, number];
        const isConv = layer.type === 'conv2d';
        const [kh, kw] = pair(isConv ? layer.kernelSize : layer.poolSize);
        // TF.js pooling strides default to the pool size; conv strides to 1.
        const [sh, sw] = pair(layer.strides ?? (isConv ? 1 : [kh, kw]));
        const padding = layer.padding ?? 'valid';
        const oh = outputLength(h, kh, sh, padding);
        const ow = outputLength(w, kw, sw, padding);
        if (oh < 1 || ow < 1) {
          const what = isConv ? 'kernel' : 'pool window';
          throw new ArchitectureSpecError(
            `${where}: its ${kh}×${kw} ${what} is larger than its ${h}×${w} input with 'valid' padding, ` +
              "so the output would be empty; use a smaller window, padding 'same', or fewer downsampling layers before it",
            index,
          );
        }
        if (isConv) {
          parameterCount = kh * kw * c * layer.filters + layer.filters;
          shape = [oh, ow, layer.filters];
        } else {
          shape = [oh, ow, c];
        }
        break;
      }
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'dense': {
        if (shape.length !== 1) {
          throw new ArchitectureSpecError(
            `${where} gets a ${shape.join('×')} input: add a flatten layer before it ` +
              '(TF.js would otherwise apply the dense layer to the channel axis only)',
            index,
          );
        }
        parameterCount = (shape[0] as number) * layer.units + layer.units;
        shape = [layer.units];
        break;
      }
      case 'batchNormalization': {
        // Normalises the last axis: gamma and beta are trained, moving mean and variance are not.
        const features = shape[shape.length - 1] as number;
        parameterCount = 4 * features;
        nonTrainable += 2 * features;
        break;
      }
      case 'dropout':
        break;
      default: {
        const unknown: never = layer;
        throw new ArchitectureSpecError(
          `layer ${index + 1} has an unknown type ${JSON.stringify((unknown as { type: unknown }).type)}`,
          index,
        );
      }
    }
    layers.push({ type: layer.type, outputShape: [...shape], parameterCount });
  });

  if (shape.length !== 1) {
    throw new ArchitectureSpecError(
      `the layers end with a ${shape.join('×')} output: end the list with a flatten layer (and optionally dense layers) ` +
        'so the classifier gets a flat input',
      null,
    );
  }
  const outputParameters = (shape[0] as number) * numClasses + numClasses;
  layers.push({ type: 'dense', outputShape: [numClasses], parameterCount: outputParameters, output: true });

  const parameterCount = layers.reduce((sum, layer) => sum + layer.parameterCount, 0);
  return { layers, parameterCount, trainableParameterCount: parameterCount - nonTrainable };
}
