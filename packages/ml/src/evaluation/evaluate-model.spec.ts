import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../models/build-model';
import { makeBarImages } from '../training/bar-images.fixture';
import { measureLossAndAccuracy, trainModel } from '../training/train-model';
import { evaluateModel } from './evaluate-model';

jest.setTimeout(60_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Softmax regression on 1×2 images whose prediction is "the brighter pixel's class". */
function brighterPixelModel(): tf.Sequential {
  const model = buildModel({
    spec: { kind: 'layers', layers: [{ type: 'flatten' }] },
    inputShape: [1, 2, 1],
    numClasses: 2,
    activation: 'linear',
    seed: 1,
  });
  // Inputs are scaled to [0,1], so a full-bright pixel gives logits ±10.
  model.layers[1]!.setWeights([
    tf.tensor2d([
      [10, -10],
      [-10, 10],
    ]),
    tf.tensor1d([0, 0]),
  ]);
  return model;
}

describe('evaluateModel', () => {
  it('computes accuracy, Keras loss, confusion matrix, report and confusions on hand-checked data', async () => {
    const model = brighterPixelModel();
    const test = {
      images: Uint8Array.from([255, 0, 0, 255, 255, 0, 0, 0]),
      labels: Uint8Array.from([0, 1, 1, 0]),
      count: 4,
      height: 1,
      width: 2,
      channels: 1,
    };
    const result = await evaluateModel({ model, test, classNames: ['left', 'right'], sampleCount: 4, seed: 1, batchSize: 3 });
    model.dispose();
    // Image 3 (bright left, labelled right) is the one mistake; image 4 is a tie → class 0.
    expect(result.accuracy).toBe(0.75);
    expect(result.confusionMatrix).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(result.topConfusions).toEqual([{ trueClass: 'right', predictedClass: 'left', count: 1 }]);
    expect(result.report.perClass.map((c) => [c.className, c.precision, c.recall, c.support])).toEqual([
      ['left', 2 / 3, 1, 2],
      ['right', 1, 0.5, 2],
    ]);
    // Correct confident answers cost ~1e-7 (clipped), the mistake -ln(1e-7), the tie ln 2.
    expect(result.loss).toBeCloseTo((2e-7 + -Math.log(1e-7) + Math.log(2)) / 4, 5);
    expect(result.samplePredictions.map((s) => [s.index, s.trueLabel, s.predictedLabel])).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 1, 0],
      [3, 0, 0],
    ]);
    expect(result.samplePredictions[3]!.probabilities).toEqual([0.5, 0.5]);
    expect(result.samplePredictions[2]!.confidence).toBeCloseTo(1, 6);
  });

  it('agrees with the trainer’s measurement and with TF.js model.evaluate on a trained model', async () => {
    const test = makeBarImages({ count: 300, numClasses: 4, seed: 11 });
    const { model } = await trainModel({
      spec: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 8 }] },
      hyperparameters: { batchSize: 32, epochs: 1, activation: 'relu', optimizer: 'adam', learningRate: 0.01, momentum: 0 },
      numClasses: 4,
      train: makeBarImages({ count: 100, numClasses: 4, seed: 10 }),
      seed: 3,
    });
    const before = tf.memory().numTensors;
    const result = await evaluateModel({ model, test, classNames: ['a', 'b', 'c', 'd'], sampleCount: 5, seed: 7, batchSize: 128 });
    expect(tf.memory().numTensors).toBe(before);

    const measured = await measureLossAndAccuracy(model, test, { numClasses: 4 });
    expect(result.accuracy).toBeCloseTo(measured.accuracy, 10);
    // training's validation pass counts the same predictions (a fold needs no second pass)
    expect(measured.confusionMatrix).toEqual(result.confusionMatrix);
    expect(result.loss).toBeCloseTo(measured.loss, 4);
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const xs = tf.tensor4d(
      Float32Array.from(test.images, (v) => v / 255),
      [300, 28, 28, 1],
    );
    const ys = tf.oneHot(tf.tensor1d(Array.from(test.labels), 'int32'), 4);
    const kerasLoss = model.evaluate(xs, ys) as tf.Scalar;
    expect(result.loss).toBeCloseTo(kerasLoss.dataSync()[0]!, 4);
    tf.dispose([xs, ys, kerasLoss]);

    expect(result.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(300);
    expect(result.samplePredictions).toHaveLength(5);
    const indices = result.samplePredictions.map((s) => s.index);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    for (const s of result.samplePredictions) {
      expect(s.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(s.confidence).toBe(Math.max(...s.probabilities));
      expect(s.trueLabel).toBe(test.labels[s.index]);
    }
    const again = await evaluateModel({ model, test, classNames: ['a', 'b', 'c', 'd'], sampleCount: 5, seed: 7 });
    expect(again.samplePredictions).toEqual(result.samplePredictions);
    const other = await evaluateModel({ model, test, classNames: ['a', 'b', 'c', 'd'], sampleCount: 5, seed: 8 });
    expect(other.samplePredictions.map((s) => s.index)).not.toEqual(indices);
    model.dispose();
  });

  it('refuses class names that do not match the model', async () => {
    const model = brighterPixelModel();
    const test = { images: Uint8Array.from([255, 0]), labels: Uint8Array.from([0]), count: 1, height: 1, width: 2, channels: 1 };
    await expect(evaluateModel({ model, test, classNames: ['a', 'b', 'c'], sampleCount: 0, seed: 1 })).rejects.toThrow(
      'the model has 2 outputs but 3 class names were given',
    );
    model.dispose();
  });
});
