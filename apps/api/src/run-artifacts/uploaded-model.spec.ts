import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { deserializeModel, serializeModel } from '@atelier/ml/io/model-io';
import { checkPredictable, parseModelJson, TFJS_HTTP_PARTS, toSerializedModel, UploadedModelError } from './uploaded-model';

/** What model.save(tf.io.http(url)) posts, captured by a fetch that answers 201. */
async function httpSaveParts(model: tf.LayersModel): Promise<Record<string, { type: string; bytes: Uint8Array }>> {
  let form: FormData | undefined;
  const fetchFunc = (_url: unknown, init?: RequestInit) => {
    form = init!.body as FormData;
    return Promise.resolve(new Response('{}', { status: 201 }));
  };
  await model.save(tf.io.http('http://api.test/runs/1/model', { fetchFunc }));
  const parts: Record<string, { type: string; bytes: Uint8Array }> = {};
  for (const [name, value] of form!.entries()) {
    const blob = value as Blob;
    parts[name] = { type: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) };
  }
  return parts;
}

function tinyModel(inputShape: number[] = [28, 28, 1], units = 10): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape }));
  model.add(tf.layers.dense({ units, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  return model;
}

describe('an uploaded TF.js model (what tf.io.http sends)', () => {
  beforeAll(() => selectBackend({ env: {} }));

  it('sends model.json and model.weights.bin, which become the same serialized model as a refit', async () => {
    const model = tinyModel();
    const parts = await httpSaveParts(model);
    expect(Object.keys(parts)).toEqual([TFJS_HTTP_PARTS.modelJson, TFJS_HTTP_PARTS.weights]);
    expect(parts['model.json']!.type).toBe('application/json');
    const json = parseModelJson(parts['model.json']!.bytes);
    expect(json.weightsManifest[0]!.paths).toEqual(['./model.weights.bin']);
    const serialized = toSerializedModel(json, parts['model.weights.bin']!.bytes);
    const refit = await serializeModel(model);
    // model-io's layout: the same topology and weights, one weights.bin
    expect(serialized.modelJson.weightsManifest).toEqual(refit.modelJson.weightsManifest);
    expect(serialized.modelJson.modelTopology).toEqual(refit.modelJson.modelTopology);
    expect(Buffer.from(serialized.weightData).equals(Buffer.from(refit.weightData))).toBe(true);
    const before = tf.memory().numTensors;
    const loaded = await deserializeModel(serialized);
    const x = tf.ones([1, 28, 28, 1]);
    const [a, b] = [loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor];
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([x, a, b]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('names the mismatch when the weights do not match the manifest', async () => {
    const model = tinyModel();
    const parts = await httpSaveParts(model);
    model.dispose();
    const json = parseModelJson(parts['model.json']!.bytes);
    const weights = parts['model.weights.bin']!.bytes;
    expect(weights.byteLength).toBe((784 * 10 + 10) * 4);
    expect(() => toSerializedModel(json, weights.subarray(0, 100))).toThrow(
      'model.weights.bin holds 100 bytes but the weightsManifest in model.json describes 31400 bytes (2 weights)',
    );
    expect(() => toSerializedModel(json, new Uint8Array(0))).toThrow(
      'no model.weights.bin part was sent but the weightsManifest in model.json describes 31400 bytes',
    );
  });

  it('refuses what is not a layers model.json, saying what it is', () => {
    const text = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
    expect(() => parseModelJson(text('{"modelTopology":'))).toThrow(/^model.json is not valid JSON/);
    expect(() => parseModelJson(text([1, 2]))).toThrow('must be a JSON object');
    expect(() => parseModelJson(text({ format: 'graph-model', modelTopology: { node: [] } }))).toThrow('holds a graph model');
    expect(() => parseModelJson(text({ modelTopology: { node: [] } }))).toThrow('has no layers-model topology');
    expect(() =>
      parseModelJson(text({ modelTopology: { class_name: 'Sequential', config: {} }, weightsManifest: [{ paths: 'x' }] })),
    ).toThrow('malformed weightsManifest');
    expect(() => parseModelJson(text({ modelTopology: { class_name: 'Sequential', config: {} }, weightsManifest: [] }))).not.toThrow();
    expect(new UploadedModelError('x')).toBeInstanceOf(Error);
  });

  it('refuses a model the predict route could not feed or read', () => {
    const fashion = { datasetKey: 'fashion-mnist', imageShape: [28, 28, 1] as const, classCount: 10 };
    expect(() => checkPredictable({ inputs: [[null, 28, 28, 1]], outputs: [[null, 10]] }, fashion)).not.toThrow();
    expect(() => checkPredictable({ inputs: [[null, 784]], outputs: [[null, 10]] }, fashion)).toThrow(
      "the model's input shape is [null, 784] but fashion-mnist images are 28×28×1, fed as [null, 28, 28, 1]",
    );
    expect(() => checkPredictable({ inputs: [[null, 32, 32, 3]], outputs: [[null, 10]] }, fashion)).toThrow(
      'input shape is [null, 32, 32, 3]',
    );
    expect(() => checkPredictable({ inputs: [[null, 28, 28, 1]], outputs: [[null, 4]] }, fashion)).toThrow(
      "the model's output shape is [null, 4] but fashion-mnist has 10 classes",
    );
    expect(() =>
      checkPredictable(
        {
          inputs: [
            [null, 28, 28, 1],
            [null, 3],
          ],
          outputs: [[null, 10]],
        },
        fashion,
      ),
    ).toThrow('the model has 2 inputs');
  });
});
