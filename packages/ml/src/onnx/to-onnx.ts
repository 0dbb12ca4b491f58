import * as tf from '@tensorflow/tfjs';
import {
  ATTRIBUTE_FLOAT,
  ATTRIBUTE_INT,
  ATTRIBUTE_INTS,
  encodeOnnxModel,
  ONNX_FLOAT,
  type OnnxAttribute,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnx-proto';

/**
 * A TF.js layers model as an ONNX model (opset 13), for onnxruntime and every other ONNX
 * reader. Sequential chains of the layers Atelier builds are exported: Conv2D, MaxPooling2D,
 * AveragePooling2D, BatchNormalization, Dropout (dropped: inference), Flatten, Dense, the
 * Activation / ReLU / LeakyReLU / ELU / Softmax layers, and every TF.js activation function.
 *
 * Layout. TF.js is NHWC; ONNX's Conv, pooling and BatchNormalization are NCHW. The graph keeps
 * the NHWC input of the TF.js model (so callers feed the same array to both) and tracks the
 * layout of the running tensor: a Transpose to NCHW goes in before the first layer that needs
 * channels first, and a Transpose back to NHWC before a layer that works on the last axis
 * (Flatten, Dense) or at the end. Flatten therefore sees NHWC and yields TF.js's element
 * order, so the following Dense kernel is copied unchanged. Conv kernels go HWIO → OIHW.
 * 'same' padding becomes explicit pads computed as TensorFlow does (the odd pixel at the end).
 */

export const ONNX_OPSET = 13;
/** IR version 7 is the one that goes with opset 13: readable by every onnxruntime since 1.6. */
export const ONNX_IR_VERSION = 7;
export const ONNX_INPUT_NAME = 'input';
export const ONNX_OUTPUT_NAME = 'output';

/** A layer (or a setting of one) that has no ONNX translation here: `layer` names it. */
export class OnnxExportError extends Error {
  override name = 'OnnxExportError';
  constructor(
    message: string,
    readonly layer: string | null,
  ) {
    super(message);
  }
}

export interface OnnxExportOptions {
  /** Written to ModelProto.metadata_props, e.g. the model card as JSON and Markdown. */
  metadata?: Record<string, string>;
  /** The graph's name; default the model's. */
  graphName?: string;
  docString?: string;
  producerVersion?: string;
}

type Layout = 'nhwc' | 'nchw' | 'flat';

/** TensorFlow's 'same' padding along one axis: total padding split with the odd pixel at the end. */
export function samePads(inputSize: number, kernel: number, stride: number, dilation = 1): [begin: number, end: number] {
  const effective = (kernel - 1) * dilation + 1;
  const output = Math.ceil(inputSize / stride);
  const total = Math.max((output - 1) * stride + effective - inputSize, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

/** Pads in ONNX's order [h_begin, w_begin, h_end, w_end] for a layer's padding setting. */
export function onnxPads(
  padding: string,
  input: readonly [height: number, width: number],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  dilations: readonly [number, number] = [1, 1],
): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') throw new Error(`padding '${padding}'`);
  const [hb, he] = samePads(input[0], kernel[0], strides[0], dilations[0]);
  const [wb, we] = samePads(input[1], kernel[1], strides[1], dilations[1]);
  return [hb, wb, he, we];
}

const ints = (name: string, values: readonly number[]): OnnxAttribute => ({ name, type: ATTRIBUTE_INTS, ints: [...values] });
const int = (name: string, value: number): OnnxAttribute => ({ name, type: ATTRIBUTE_INT, i: value });
const float = (name: string, value: number): OnnxAttribute => ({ name, type: ATTRIBUTE_FLOAT, f: value });

function floatTensor(name: string, dims: readonly number[], values: Float32Array | readonly number[]): OnnxTensor {
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  // raw_data is little-endian; so is every platform Node and the browsers run on, which the
  // typed array's bytes are in.
  return {
    name,
    dims: [...dims],
    dataType: ONNX_FLOAT,
    rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  };
}

function valueInfo(name: string, shape: readonly (number | null)[]): OnnxValueInfo {
  return {
    name,
    type: {
      tensorType: { elemType: ONNX_FLOAT, shape: { dim: shape.map((d) => (d === null ? { dimParam: 'batch' } : { dimValue: d })) } },
    },
  };
}

function pairOf(value: unknown, what: string, layer: string): [number, number] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number'))
    return [value[0] as number, value[1] as number];
  throw new OnnxExportError(`layer '${layer}' has a ${what} of ${JSON.stringify(value)}; expected a number or a pair`, layer);
}

function singleShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
  return Array.isArray(shape[0]) || shape[0] === undefined ? ((shape as tf.Shape[])[0] ?? []) : (shape as tf.Shape);
}

/** The graph under construction: nodes, initializers, and the running tensor with its layout. */
class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();
  current: string;
  layout: Layout;
  /** Shape of the running tensor in TF.js's (channels-last) terms, batch first. */
  shape: tf.Shape;

  constructor(input: string, shape: tf.Shape) {
    this.current = input;
    this.shape = shape;
    this.layout = shape.length === 4 ? 'nhwc' : 'flat';
    this.used.add(input);
  }

  unique(base: string): string {
    let name = base;
    for (let n = 1; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }

  /** Appends one node reading `inputs` and returns its output, which becomes the running tensor. */
  node(opType: string, label: string, inputs: string[], attribute: OnnxAttribute[] = []): string {
    const name = this.unique(label);
    const output = this.unique(`${label}:out`);
    this.nodes.push({ name, opType, input: inputs, output: [output], attribute });
    this.current = output;
    return output;
  }

  initializer(name: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    const unique = this.unique(name);
    this.initializers.push(floatTensor(unique, dims, values));
    return unique;
  }

  toChannelsFirst(label: string): void {
    if (this.layout !== 'nhwc') return;
    this.node('Transpose', `${label}/to_nchw`, [this.current], [ints('perm', [0, 3, 1, 2])]);
    this.layout = 'nchw';
  }

  toChannelsLast(label: string): void {
    if (this.layout !== 'nchw') return;
    this.node('Transpose', `${label}/to_nhwc`, [this.current], [ints('perm', [0, 2, 3, 1])]);
    this.layout = 'nhwc';
  }

  /** The axis TF.js's last axis is in the running tensor. */
  lastAxis(): number {
    return this.layout === 'nchw' ? 1 : -1;
  }

  /** Where a TF.js (channels-last) axis is in the running tensor. */
  onnxAxis(axis: number, layer: string): number {
    const rank = this.shape.length;
    const normalized = axis < 0 ? axis + rank : axis;
    if (!Number.isInteger(normalized) || normalized < 0 || normalized >= rank) {
      throw new OnnxExportError(`layer '${layer}' uses axis ${axis} of a rank-${rank} tensor`, layer);
    }
    return this.layout === 'nchw' ? ([0, 2, 3, 1][normalized] as number) : normalized;
  }
}

/** An activation function applied to the running tensor; `layer` is named in errors. */
function addActivation(graph: GraphBuilder, activation: string, layer: string, label: string): void {
  const x = graph.current;
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      graph.node('Relu', label, [x]);
      return;
    case 'relu6': {
      const low = graph.initializer(`${label}/min`, [], [0]);
      const high = graph.initializer(`${label}/max`, [], [6]);
      graph.node('Clip', label, [x, low, high]);
      return;
    }
    case 'elu':
      graph.node('Elu', label, [x], [float('alpha', 1)]);
      return;
    case 'selu':
      // TF.js's constants (scale·alpha and scale), not ONNX's rounded defaults.
      graph.node('Selu', label, [x], [float('alpha', 1.7580993408473768 / 1.0507009873554805), float('gamma', 1.0507009873554805)]);
      return;
    case 'sigmoid':
      graph.node('Sigmoid', label, [x]);
      return;
    case 'hardSigmoid':
      // TF.js: clip(0.2·x + 0.5, 0, 1), which is ONNX's HardSigmoid with these defaults.
      graph.node('HardSigmoid', label, [x], [float('alpha', 0.2), float('beta', 0.5)]);
      return;
    case 'tanh':
      graph.node('Tanh', label, [x]);
      return;
    case 'softplus':
      graph.node('Softplus', label, [x]);
      return;
    case 'softsign':
      graph.node('Softsign', label, [x]);
      return;
    case 'softmax':
      graph.node('Softmax', label, [x], [int('axis', graph.lastAxis())]);
      return;
    case 'logSoftmax':
      graph.node('LogSoftmax', label, [x], [int('axis', graph.lastAxis())]);
      return;
    case 'swish': {
      const sigmoid = graph.node('Sigmoid', `${label}/sigmoid`, [x]);
      graph.node('Mul', label, [x, sigmoid]);
      return;
    }
    case 'mish': {
      const softplus = graph.node('Softplus', `${label}/softplus`, [x]);
      const tanh = graph.node('Tanh', `${label}/tanh`, [softplus]);
      graph.node('Mul', label, [x, tanh]);
      return;
    }
    case 'gelu': {
      // x·½(1 + erf(x/√2)); ONNX's Gelu op only exists from opset 20.
      const scaled = graph.node('Div', `${label}/div`, [x, graph.initializer(`${label}/sqrt2`, [], [Math.SQRT2])]);
      const erf = graph.node('Erf', `${label}/erf`, [scaled]);
      const plus = graph.node('Add', `${label}/add`, [erf, graph.initializer(`${label}/one`, [], [1])]);
      const half = graph.node('Mul', `${label}/half`, [plus, graph.initializer(`${label}/half_c`, [], [0.5])]);
      graph.node('Mul', label, [x, half]);
      return;
    }
    case 'gelu_new': {
      // ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
      const cube = graph.node('Pow', `${label}/cube`, [x, graph.initializer(`${label}/three`, [], [3])]);
      const term = graph.node('Mul', `${label}/term`, [cube, graph.initializer(`${label}/c`, [], [0.044715])]);
      const inner = graph.node('Add', `${label}/inner`, [x, term]);
      const scaled = graph.node('Mul', `${label}/scaled`, [inner, graph.initializer(`${label}/k`, [], [Math.sqrt(2 / Math.PI)])]);
      const tanh = graph.node('Tanh', `${label}/tanh`, [scaled]);
      const plus = graph.node('Add', `${label}/plus`, [tanh, graph.initializer(`${label}/one`, [], [1])]);
      const halfX = graph.node('Mul', `${label}/half_x`, [x, graph.initializer(`${label}/half`, [], [0.5])]);
      graph.node('Mul', label, [halfX, plus]);
      return;
    }
    default:
      throw new OnnxExportError(`layer '${layer}' uses the activation '${activation}', which the ONNX export does not support`, layer);
  }
}

/** The values of a layer's weight whose name ends with `suffix` (TF.js names them `<layer>/kernel` etc.). */
function weightOf(layer: tf.layers.Layer, suffix: string): { shape: number[]; values: Float32Array } | null {
  const index = layer.weights.findIndex((w) => w.originalName.endsWith(`/${suffix}`) || w.name.endsWith(`/${suffix}`));
  if (index < 0) return null;
  // getWeights hands back the layer's own variables: read them, never dispose them.
  const tensor = layer.getWeights()[index]!;
  return { shape: [...tensor.shape], values: tensor.dataSync() as Float32Array };
}

function requireWeight(layer: tf.layers.Layer, suffix: string): { shape: number[]; values: Float32Array } {
  const weight = weightOf(layer, suffix);
  if (!weight) throw new OnnxExportError(`layer '${layer.name}' has no ${suffix} weight`, layer.name);
  return weight;
}

/** HWIO (TF.js) → OIHW (ONNX). */
function convKernelToOihw(kernel: { shape: number[]; values: Float32Array }): { shape: number[]; values: Float32Array } {
  const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
  const out = new Float32Array(kernel.values.length);
  for (let h = 0; h < kh; h++) {
    for (let w = 0; w < kw; w++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          out[((o * cin + i) * kh + h) * kw + w] = kernel.values[((h * kw + w) * cin + i) * cout + o]!;
        }
      }
    }
  }
  return { shape: [cout, cin, kh, kw], values: out };
}

type LayerConfig = Record<string, unknown>;

const text = (value: unknown): string => JSON.stringify(value);

/** The activation a layer's config names; TF.js serialises it as its class name, e.g. 'relu'. */
function activationOf(config: LayerConfig): string {
  return typeof config.activation === 'string' ? config.activation : 'linear';
}

function requireChannelsLast(config: LayerConfig, layer: string): void {
  if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') {
    throw new OnnxExportError(
      `layer '${layer}' uses dataFormat ${text(config.dataFormat)}; only channelsLast (TF.js's default) is exported`,
      layer,
    );
  }
}

function requireSpatialInput(graph: GraphBuilder, layer: string, className: string): [number, number] {
  if (graph.shape.length !== 4) {
    throw new OnnxExportError(
      `layer '${layer}' (${className}) needs a height×width×channels input, got shape [${graph.shape.join(', ')}]`,
      layer,
    );
  }
  return [graph.shape[1]!, graph.shape[2]!];
}

function paddingOf(config: LayerConfig, layer: string): 'valid' | 'same' {
  const padding = config.padding ?? 'valid';
  if (padding !== 'valid' && padding !== 'same') {
    throw new OnnxExportError(`layer '${layer}' uses padding ${text(padding)}; only 'valid' and 'same' are exported`, layer);
  }
  return padding;
}

function addLayer(graph: GraphBuilder, layer: tf.layers.Layer): void {
  const className = layer.getClassName();
  const config = layer.getConfig() as LayerConfig;
  const name = layer.name;
  const outputShape = singleShape(layer.outputShape);
  switch (className) {
    case 'Dropout':
    case 'SpatialDropout1D':
    case 'GaussianNoise':
    case 'GaussianDropout':
    case 'AlphaDropout':
      // Training-only noise: at inference these layers pass their input through.
      break;
    case 'Conv2D': {
      requireChannelsLast(config, name);
      const input = requireSpatialInput(graph, name, className);
      const kernelSize = pairOf(config.kernelSize, 'kernel size', name);
      const strides = pairOf(config.strides ?? 1, 'stride', name);
      const dilations = pairOf(config.dilationRate ?? 1, 'dilation rate', name);
      const pads = onnxPads(paddingOf(config, name), input, kernelSize, strides, dilations);
      const kernel = convKernelToOihw(requireWeight(layer, 'kernel'));
      graph.toChannelsFirst(name);
      const inputs = [graph.current, graph.initializer(`${name}/kernel`, kernel.shape, kernel.values)];
      const bias = config.useBias === false ? null : requireWeight(layer, 'bias');
      if (bias) inputs.push(graph.initializer(`${name}/bias`, bias.shape, bias.values));
      graph.node('Conv', name, inputs, [
        ints('kernel_shape', kernelSize),
        ints('strides', strides),
        ints('dilations', dilations),
        ints('pads', pads),
        int('group', 1),
      ]);
      graph.shape = outputShape;
      addActivation(graph, activationOf(config), name, `${name}/activation`);
      break;
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      requireChannelsLast(config, name);
      const input = requireSpatialInput(graph, name, className);
      const poolSize = pairOf(config.poolSize ?? 2, 'pool size', name);
      const strides = pairOf(config.strides ?? poolSize, 'stride', name);
      const pads = onnxPads(paddingOf(config, name), input, poolSize, strides);
      graph.toChannelsFirst(name);
      // AveragePool's count_include_pad stays 0: TF averages over the pixels inside the image.
      graph.node(
        className === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool',
        name,
        [graph.current],
        [ints('kernel_shape', poolSize), ints('strides', strides), ints('pads', pads)],
      );
      graph.shape = outputShape;
      break;
    }
    case 'BatchNormalization': {
      const axis = typeof config.axis === 'number' ? config.axis : -1;
      const rank = graph.shape.length;
      if (axis !== -1 && axis !== rank - 1) {
        throw new OnnxExportError(`layer '${name}' normalises axis ${axis}; only the last (channel) axis is exported`, name);
      }
      const mean = requireWeight(layer, 'moving_mean');
      const variance = requireWeight(layer, 'moving_variance');
      const features = mean.values.length;
      const gamma = weightOf(layer, 'gamma') ?? { shape: [features], values: new Float32Array(features).fill(1) };
      const beta = weightOf(layer, 'beta') ?? { shape: [features], values: new Float32Array(features) };
      // ONNX normalises axis 1: channels first for images; a [batch, features] tensor already is.
      if (rank === 4) graph.toChannelsFirst(name);
      else if (rank !== 2)
        throw new OnnxExportError(`layer '${name}' gets a rank-${rank} input; only images and flat vectors are exported`, name);
      graph.node(
        'BatchNormalization',
        name,
        [
          graph.current,
          graph.initializer(`${name}/gamma`, [features], gamma.values),
          graph.initializer(`${name}/beta`, [features], beta.values),
          graph.initializer(`${name}/moving_mean`, [features], mean.values),
          graph.initializer(`${name}/moving_variance`, [features], variance.values),
        ],
        [float('epsilon', typeof config.epsilon === 'number' ? config.epsilon : 1e-3)],
      );
      break;
    }
    case 'Flatten': {
      requireChannelsLast(config, name);
      graph.toChannelsLast(name);
      graph.node('Flatten', name, [graph.current], [int('axis', 1)]);
      graph.layout = 'flat';
      graph.shape = outputShape;
      break;
    }
    case 'Dense': {
      // Dense works on the last axis (TF.js's, so channels last for an image).
      graph.toChannelsLast(name);
      const kernel = requireWeight(layer, 'kernel');
      graph.node('MatMul', `${name}/matmul`, [graph.current, graph.initializer(`${name}/kernel`, kernel.shape, kernel.values)]);
      if (config.useBias !== false) {
        const bias = requireWeight(layer, 'bias');
        graph.node('Add', `${name}/bias_add`, [graph.current, graph.initializer(`${name}/bias`, bias.shape, bias.values)]);
      }
      graph.shape = outputShape;
      addActivation(graph, activationOf(config), name, `${name}/activation`);
      break;
    }
    case 'Activation':
      addActivation(graph, activationOf(config), name, name);
      break;
    case 'ReLU': {
      const maxValue = config.maxValue;
      if (typeof maxValue === 'number') {
        const low = graph.initializer(`${name}/min`, [], [0]);
        const high = graph.initializer(`${name}/max`, [], [maxValue]);
        graph.node('Clip', name, [graph.current, low, high]);
      } else {
        graph.node('Relu', name, [graph.current]);
      }
      break;
    }
    case 'LeakyReLU':
      graph.node('LeakyRelu', name, [graph.current], [float('alpha', typeof config.alpha === 'number' ? config.alpha : 0.3)]);
      break;
    case 'ELU':
      graph.node('Elu', name, [graph.current], [float('alpha', typeof config.alpha === 'number' ? config.alpha : 1)]);
      break;
    case 'Softmax':
      // TF.js's Softmax layer defaults to axis 1 (height, for an image), unlike the activation.
      graph.node('Softmax', name, [graph.current], [int('axis', graph.onnxAxis(typeof config.axis === 'number' ? config.axis : 1, name))]);
      break;
    default:
      throw new OnnxExportError(
        `layer '${name}' is a ${className}, which the ONNX export does not support ` +
          '(it exports Conv2D, MaxPooling2D, AveragePooling2D, BatchNormalization, Dropout, Flatten, Dense and activation layers)',
        name,
      );
  }
}

/** The layers of a model that is one chain from its input to its output, in order. */
function chainOf(model: tf.LayersModel): tf.layers.Layer[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new OnnxExportError(
      `the model has ${model.inputs.length} inputs and ${model.outputs.length} outputs; only single-input, single-output models are exported`,
      null,
    );
  }
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  for (const layer of layers) {
    if (layer.inboundNodes.length !== 1 || layer.inboundNodes[0]!.inboundLayers.length !== 1) {
      throw new OnnxExportError(
        `layer '${layer.name}' is not part of a single chain of layers; only sequential models are exported`,
        layer.name,
      );
    }
  }
  for (let i = 1; i < layers.length; i++) {
    if (layers[i]!.inboundNodes[0]!.inboundLayers[0] !== layers[i - 1]) {
      throw new OnnxExportError(
        `layer '${layers[i]!.name}' does not follow '${layers[i - 1]!.name}'; only sequential models are exported`,
        layers[i]!.name,
      );
    }
  }
  return layers;
}

/**
 * The ONNX graph of a TF.js layers model, as .onnx bytes: input `input` with the TF.js input
 * shape (batch, height, width, channels) and output `output`. Throws OnnxExportError naming the
 * first layer it cannot translate. Reads the weights; creates no tensors.
 */
export function convertToOnnx(model: tf.LayersModel, options: OnnxExportOptions = {}): Uint8Array {
  const layers = chainOf(model);
  const inputShape = model.inputs[0]!.shape;
  if (model.inputs[0]!.dtype !== 'float32')
    throw new OnnxExportError(`the model's input is ${model.inputs[0]!.dtype}; only float32 inputs are exported`, null);
  const graph = new GraphBuilder(ONNX_INPUT_NAME, inputShape);
  for (const layer of layers) addLayer(graph, layer);
  graph.toChannelsLast('output');
  // The last node writes the graph's output under its public name.
  const last = graph.nodes.at(-1);
  if (last) {
    last.output = [ONNX_OUTPUT_NAME];
  } else {
    graph.node('Identity', 'output', [graph.current]);
    graph.nodes.at(-1)!.output = [ONNX_OUTPUT_NAME];
  }
  const outputShape = model.outputs[0]!.shape;
  return encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'Atelier',
    producerVersion: options.producerVersion ?? '0.1.0',
    ...(options.docString !== undefined ? { docString: options.docString } : {}),
    graph: {
      name: options.graphName ?? model.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo(ONNX_INPUT_NAME, inputShape)],
      output: [valueInfo(ONNX_OUTPUT_NAME, outputShape)],
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
}
