import { expectedWeightBytes } from '@atelier/ml/io/model-export';
import { type SerializedModel, WEIGHTS_FILE } from '@atelier/ml/io/model-io';

/**
 * What `model.save(tf.io.http(url))` sends (@tensorflow/tfjs-core, io/http.ts): a multipart
 * POST with the file part `model.json` (application/json: the topology and a weightsManifest
 * whose one group points at ./model.weights.bin) and, when the model has weights, the file part
 * `model.weights.bin` (application/octet-stream: every weight, concatenated in manifest order).
 */
export const TFJS_HTTP_PARTS = { modelJson: 'model.json', weights: 'model.weights.bin' } as const;

type ModelJson = SerializedModel['modelJson'];

/** A problem with the uploaded files, answered as a 400 with this message. */
export class UploadedModelError extends Error {
  override readonly name = 'UploadedModelError';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses model.json and checks that it is a TF.js layers model with a weights manifest. */
export function parseModelJson(bytes: Uint8Array): ModelJson {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    throw new UploadedModelError(`model.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) throw new UploadedModelError('model.json must be a JSON object with modelTopology and weightsManifest');
  if (json.format === 'graph-model') {
    throw new UploadedModelError(
      'model.json holds a graph model (tfjs-converter output); only layers models (tf.LayersModel, saved with model.save) can be stored',
    );
  }
  const topology = json.modelTopology;
  if (!isObject(topology) || typeof topology.class_name !== 'string' || !isObject(topology.config)) {
    throw new UploadedModelError(
      'model.json has no layers-model topology (modelTopology.class_name and .config): save a tf.LayersModel with model.save(tf.io.http(url))',
    );
  }
  const manifest = json.weightsManifest ?? [];
  const groupsValid =
    Array.isArray(manifest) &&
    manifest.every(
      (group) =>
        isObject(group) &&
        Array.isArray(group.paths) &&
        Array.isArray(group.weights) &&
        group.weights.every((w) => isObject(w) && typeof w.name === 'string' && Array.isArray(w.shape) && typeof w.dtype === 'string'),
    );
  if (!groupsValid)
    throw new UploadedModelError(
      'model.json has a malformed weightsManifest: expected [{ paths: [...], weights: [{ name, shape, dtype }] }]',
    );
  return json as unknown as ModelJson;
}

/**
 * Checks that the weight bytes are exactly what the manifest describes (TF.js would otherwise
 * fail later, or read garbage), and returns the model as packages/ml's model-io serializes a
 * refit model: the same model.json fields, its manifest pointing at one weights.bin.
 */
export function toSerializedModel(modelJson: ModelJson, weightData: Uint8Array): SerializedModel {
  // Uploaded JSON: parseModelJson checks the topology, not that a manifest is there.
  const weights = ((modelJson as Partial<ModelJson>).weightsManifest ?? []).flatMap((group) => group.weights);
  const expected = expectedWeightBytes(modelJson);
  if (expected === null)
    throw new UploadedModelError('model.json lists string weights, which a layers model does not have; only numeric weights can be stored');
  if (expected !== weightData.byteLength) {
    const part =
      weightData.byteLength === 0
        ? `no ${TFJS_HTTP_PARTS.weights} part was sent`
        : `${TFJS_HTTP_PARTS.weights} holds ${weightData.byteLength} bytes`;
    throw new UploadedModelError(
      `${part} but the weightsManifest in model.json describes ${expected} bytes (${weights.length} weights): the upload is incomplete or its files do not belong together`,
    );
  }
  const serialized: ModelJson = { modelTopology: modelJson.modelTopology, weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights }] };
  for (const key of ['format', 'generatedBy', 'convertedBy', 'trainingConfig', 'userDefinedMetadata'] as const) {
    if (modelJson[key] !== undefined) (serialized as unknown as Record<string, unknown>)[key] = modelJson[key];
  }
  return { modelJson: serialized, weightData };
}

/** What the model routes feed a model: one image of the dataset's shape, one probability per class. */
export interface PredictionShape {
  datasetKey: string;
  imageShape: readonly [number, number, number];
  classCount: number;
}

/** The shapes of a loaded model, as TF.js reports them (batch first, null for the batch). */
export interface ModelShapes {
  inputs: (readonly (number | null)[])[];
  outputs: (readonly (number | null)[])[];
}

const shapeText = (shape: readonly (number | null)[]) => `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;

/**
 * Refuses a model the predict route could not use: it feeds [1, height, width, channels]
 * images of the dataset and reads one probability per class from the last axis.
 */
export function checkPredictable(model: ModelShapes, target: PredictionShape): void {
  const [height, width, channels] = target.imageShape;
  const wanted = [null, height, width, channels];
  const [input] = model.inputs;
  if (model.inputs.length !== 1 || !input)
    throw new UploadedModelError(`the model has ${model.inputs.length} inputs; predictions feed it one image tensor ${shapeText(wanted)}`);
  if (input.length !== 4 || input.slice(1).some((d, i) => d !== wanted[i + 1])) {
    throw new UploadedModelError(
      `the model's input shape is ${shapeText(input)} but ${target.datasetKey} images are ${height}×${width}×${channels}, fed as ${shapeText(wanted)}: ` +
        `build the model with inputShape [${height}, ${width}, ${channels}] (add a flatten layer first if it expects vectors), or name the dataset it was trained on`,
    );
  }
  const [output] = model.outputs;
  if (model.outputs.length !== 1 || !output)
    throw new UploadedModelError(`the model has ${model.outputs.length} outputs; predictions read one, a probability per class`);
  const units = output[output.length - 1];
  if (output.length !== 2 || units !== target.classCount) {
    throw new UploadedModelError(
      `the model's output shape is ${shapeText(output)} but ${target.datasetKey} has ${target.classCount} classes: predictions need [null, ${target.classCount}]`,
    );
  }
}
