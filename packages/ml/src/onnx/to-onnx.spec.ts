/** @jest-environment ./src/onnx/onnxruntime.jest-environment.js */
import * as tf from '@tensorflow/tfjs';
import { makeModelCard } from '../io/model-export';
import { buildOnnxExport, ONNX_CARD_JSON_KEY, ONNX_CARD_MARKDOWN_KEY, ONNX_CLASS_NAMES_KEY, readOnnxModelCard } from './onnx-export';
import { decodeOnnxModel } from './onnx-proto';
import { compareWithTfjs, seededInput } from './onnx-runtime.factory';
import { convertToOnnx, onnxPads, OnnxExportError, samePads } from './to-onnx';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every activation function TF.js knows (ActivationIdentifier), softmax and logSoftmax included. */
const ACTIVATIONS = [
  'elu',
  'hardSigmoid',
  'linear',
  'relu',
  'relu6',
  'selu',
  'sigmoid',
  'softmax',
  'softplus',
  'softsign',
  'tanh',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
] as const;

/** Moving statistics and affine weights away from their 0/1 initial values, so a swapped or dropped one shows. */
function randomizeBatchNorm(layer: tf.layers.Layer, seed: number): void {
  const weights = layer.getWeights().map((w, i) => {
    const values = seededInput(w.size, seed + i);
    // moving_variance (the 4th) must stay positive; the others take [-1, 1).
    return tf.tensor(
      Array.from(values, (v) => (i === 3 ? 0.2 + v : 2 * v - 1)),
      w.shape,
    );
  });
  layer.setWeights(weights);
  tf.dispose(weights);
}

describe('samePads', () => {
  it.each([
    // [input, kernel, stride, dilation, expected]: TensorFlow puts the odd pixel at the end
    [28, 3, 1, 1, [1, 1]],
    [28, 3, 2, 1, [0, 1]],
    [7, 2, 2, 1, [0, 1]],
    [13, 3, 2, 1, [1, 1]],
    [9, 3, 1, 2, [2, 2]],
    [4, 5, 1, 1, [2, 2]],
    [5, 1, 3, 1, [0, 0]],
  ] as const)('input %d, kernel %d, stride %d, dilation %d → %j', (input, kernel, stride, dilation, expected) => {
    expect(samePads(input, kernel, stride, dilation)).toEqual(expected);
  });

  it('orders pads as ONNX does: height begin, width begin, height end, width end', () => {
    expect(onnxPads('same', [28, 7], [3, 2], [2, 2])).toEqual([0, 0, 1, 1]);
    expect(onnxPads('same', [9, 28], [3, 3], [1, 1])).toEqual([1, 1, 1, 1]);
    expect(onnxPads('valid', [9, 28], [3, 3], [1, 1])).toEqual([0, 0, 0, 0]);
  });
});

describe('convertToOnnx: every layer of the custom layer list and every activation', () => {
  it.each(ACTIVATIONS)('%s: conv, batch norm, pools, dropout, flatten, dense agree with TF.js to 1e-5', async (activation) => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation }),
        tf.layers.batchNormalization({ epsilon: 0.01 }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
        tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
        tf.layers.conv2d({ filters: 4, kernelSize: [2, 1], padding: 'valid', activation }),
        tf.layers.averagePooling2d({ poolSize: [1, 2] }),
        tf.layers.dropout({ rate: 0.5 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 5, activation }),
        tf.layers.batchNormalization(),
        tf.layers.dense({ units: 4, activation: 'softmax' }),
      ],
    });
    randomizeBatchNorm(model.layers[1]!, 11);
    randomizeBatchNorm(model.layers[9]!, 23);
    const input = seededInput(6 * 9 * 9 * 2, 5).map((v) => 4 * v - 2);
    const result = await compareWithTfjs(model, convertToOnnx(model), input, [6, 9, 9, 2]);
    expect(result.maxAbsDiff).toBeLessThan(1e-5);
    expect(result.argmaxMismatches).toBe(0);
    model.dispose();
  });

  it('exports the activation layers, dilation, layers without bias and an image-shaped output', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [10, 8, 3], filters: 4, kernelSize: 3, dilationRate: 2, useBias: false, padding: 'same' }),
        tf.layers.leakyReLU({ alpha: 0.2 }),
        tf.layers.reLU({ maxValue: 0.5 }),
        tf.layers.elu(),
        tf.layers.activation({ activation: 'tanh' }),
        tf.layers.conv2d({ filters: 3, kernelSize: 1 }),
        tf.layers.activation({ activation: 'softmax' }), // over channels: axis 1 of the NCHW tensor
        tf.layers.softmax({ axis: 3 }), // TF.js runs softmax on the last axis only
      ],
    });
    const input = seededInput(3 * 10 * 8 * 3, 9).map((v) => 6 * v - 3);
    const result = await compareWithTfjs(model, convertToOnnx(model), input, [3, 10, 8, 3]);
    expect(result.onnx).toHaveLength(3 * 10 * 8 * 3);
    expect(result.maxAbsDiff).toBeLessThan(1e-5);
    model.dispose();
  });

  it('keeps the flatten order of TF.js: a transpose before Flatten, the dense kernel unchanged', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [4, 5, 1], filters: 3, kernelSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 7, useBias: false }),
      ],
    });
    const bytes = convertToOnnx(model);
    const { graph } = decodeOnnxModel(bytes);
    expect(graph.node.map((n) => n.opType)).toEqual(['Transpose', 'Conv', 'Transpose', 'Flatten', 'MatMul']);
    const result = await compareWithTfjs(model, bytes, seededInput(2 * 20, 3), [2, 4, 5, 1]);
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    model.dispose();
  });

  it('exports a flat-input model (dense and batch norm only) without any transpose', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [6], units: 5, activation: 'selu' }),
        tf.layers.batchNormalization(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    randomizeBatchNorm(model.layers[1]!, 31);
    const bytes = convertToOnnx(model);
    expect(decodeOnnxModel(bytes).graph.node.map((n) => n.opType)).toEqual([
      'MatMul',
      'Add',
      'Selu',
      'BatchNormalization',
      'MatMul',
      'Add',
      'Softmax',
    ]);
    const result = await compareWithTfjs(model, bytes, seededInput(4 * 6, 8), [4, 6]);
    expect(result.maxAbsDiff).toBeLessThan(1e-6);
    model.dispose();
  });

  it('writes opset 13, a named NHWC input with a symbolic batch, and creates no tensors', () => {
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    const before = tf.memory().numTensors;
    const bytes = convertToOnnx(model);
    expect(tf.memory().numTensors).toBe(before);
    const decoded = decodeOnnxModel(bytes);
    expect(decoded.irVersion).toBe(7);
    expect(decoded.opsetImport).toEqual([{ domain: '', version: 13 }]);
    expect(decoded.producerName).toBe('Atelier');
    expect(decoded.graph.input).toMatchObject([
      {
        name: 'input',
        type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 28 }, { dimValue: 28 }, { dimValue: 1 }] } } },
      },
    ]);
    expect(decoded.graph.output[0]!.name).toBe('output');
    expect(decoded.graph.initializer.map((t) => t.dims)).toEqual([[784, 10], [10]]);
    expect(decoded.graph.initializer.map((t) => t.name.split('/').at(-1))).toEqual(['kernel', 'bias']);
    expect(decoded.graph.initializer[0]!.rawData.byteLength).toBe(784 * 10 * 4);
    model.dispose();
  });
});

describe('convertToOnnx: what it refuses', () => {
  it('names a layer that has no ONNX translation', () => {
    const model = tf.sequential({ layers: [tf.layers.upSampling2d({ inputShape: [4, 4, 1], name: 'grow' }), tf.layers.flatten()] });
    const error = (() => {
      try {
        convertToOnnx(model);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(OnnxExportError);
    expect((error as OnnxExportError).layer).toBe('grow');
    expect((error as OnnxExportError).message).toMatch(/layer 'grow' is a UpSampling2D, which the ONNX export does not support/);
    model.dispose();
  });

  it('names a channels-first convolution', () => {
    const channelsFirst = tf.sequential({
      layers: [tf.layers.conv2d({ inputShape: [1, 6, 6], filters: 2, kernelSize: 3, dataFormat: 'channelsFirst', name: 'cf' })],
    });
    expect(() => convertToOnnx(channelsFirst)).toThrow(/layer 'cf' uses dataFormat "channelsFirst"/);
    channelsFirst.dispose();
  });

  it('refuses a model that is not one chain of layers', () => {
    const input = tf.input({ shape: [4] });
    const a = tf.layers.dense({ units: 2, name: 'left' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 2, name: 'right' }).apply(input) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ name: 'join' }).apply([a, b]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: joined });
    expect(() => convertToOnnx(model)).toThrow(OnnxExportError);
    expect(() => convertToOnnx(model)).toThrow(/only sequential models are exported/);
    model.dispose();
  });
});

describe('buildOnnxExport', () => {
  const card = makeModelCard({
    name: 'mlp on Fashion-MNIST',
    architecture: 'mlp',
    dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
    classNames: ['a', 'b', 'c'],
    hyperparameters: null,
    crossValidation: null,
    test: { accuracy: 0.9, loss: 0.3 },
    backend: 'cpu',
    createdAt: '2026-12-07T00:00:00.000Z',
  });

  it('carries the model card as JSON and Markdown, and the class names, in metadata_props', () => {
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 3, activation: 'softmax' })],
    });
    const bytes = buildOnnxExport({ model, card });
    const decoded = decodeOnnxModel(bytes);
    const props = Object.fromEntries(decoded.metadataProps.map((p) => [p.key, p.value]));
    expect(Object.keys(props).sort()).toEqual([ONNX_CARD_JSON_KEY, ONNX_CARD_MARKDOWN_KEY, ONNX_CLASS_NAMES_KEY].sort());
    expect(readOnnxModelCard(bytes)).toEqual(card);
    expect(JSON.parse(props[ONNX_CLASS_NAMES_KEY]!)).toEqual(['a', 'b', 'c']);
    const markdown = props[ONNX_CARD_MARKDOWN_KEY]!;
    expect(markdown).toContain('# mlp on Fashion-MNIST');
    expect(markdown).toContain('`model.onnx`: the model in ONNX (opset 13)');
    expect(markdown).toContain('import onnxruntime as ort');
    expect(markdown).not.toContain('tf.loadLayersModel');
    expect(decoded.docString).toBe('mlp on Fashion-MNIST');
    expect(decoded.graph.name).toBe('mlp');
    model.dispose();
  });

  it('refuses a card whose classes do not match the outputs', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
    expect(() => buildOnnxExport({ model, card })).toThrow('the model has 2 outputs but the card names 3 classes');
    model.dispose();
  });
});
