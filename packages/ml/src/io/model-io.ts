import * as tf from '@tensorflow/tfjs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** File names of the TF.js layers format, as tfjs-node's `file://` and the converter write them. */
export const MODEL_JSON_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface SerializedModel {
  /** The model.json document (topology + weights manifest pointing at weights.bin). */
  modelJson: tf.io.ModelJSON;
  /** The bytes of weights.bin. */
  weightData: Uint8Array;
}

export interface SaveModelOptions {
  /**
   * Stored under model.json's userDefinedMetadata (class names, dataset, backend...): it travels
   * with the files and comes back with `loadModelMetadata`. Must be JSON-serialisable.
   */
  metadata?: Record<string, unknown>;
}

function toBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  // WeightData may be a list of buffers (models over 2 GB are split); join them into one file.
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
}

/** Copies into a standalone ArrayBuffer: a Node Buffer is often a view into a shared pool. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** model.json for artifacts (tf.io does not export its own helper for this). */
function modelJsonFor(artifacts: tf.io.ModelArtifacts, weightsManifest: tf.io.WeightsManifestConfig): tf.io.ModelJSON {
  const json: tf.io.ModelJSON = { modelTopology: artifacts.modelTopology as object, weightsManifest };
  if (artifacts.format !== undefined) json.format = artifacts.format;
  if (artifacts.generatedBy !== undefined) json.generatedBy = artifacts.generatedBy;
  if (artifacts.convertedBy !== undefined) json.convertedBy = artifacts.convertedBy;
  if (artifacts.trainingConfig !== undefined) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata !== undefined) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  return json;
}

/** An IOHandler that captures what model.save produces, in memory. */
function captureHandler(options: SaveModelOptions, sink: (serialized: SerializedModel) => void): tf.io.IOHandler {
  return {
    save: (artifacts) => {
      if (artifacts.modelTopology instanceof ArrayBuffer)
        return Promise.reject(new Error('binary (GraphDef) topologies are not supported: save a layers model'));
      const withMetadata: tf.io.ModelArtifacts = options.metadata
        ? { ...artifacts, userDefinedMetadata: { ...artifacts.userDefinedMetadata, ...options.metadata } as Record<string, object> }
        : artifacts;
      const manifest: tf.io.WeightsManifestConfig = [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }];
      sink({ modelJson: modelJsonFor(withMetadata, manifest), weightData: toBytes(artifacts.weightData) });
      return Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(withMetadata) });
    },
  };
}

/** An IOHandler that serves a model.json and its weights from memory. */
function replayHandler(serialized: SerializedModel): tf.io.IOHandler {
  return {
    load: async () => {
      const weightsFromManifest = (manifest: tf.io.WeightsManifestConfig): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> => {
        const paths = manifest.flatMap((group) => group.paths);
        if (paths.length > 1)
          return Promise.reject(new Error(`model.json lists ${paths.length} weight files; only a single ${WEIGHTS_FILE} is supported`));
        return Promise.resolve([manifest.flatMap((group) => group.weights), toArrayBuffer(serialized.weightData)]);
      };
      return tf.io.getModelArtifactsForJSON(serialized.modelJson, weightsFromManifest);
    },
  };
}

/** model.json + weights.bin of a layers model, in memory (for an artifact store or a database). */
export async function serializeModel(model: tf.LayersModel, options: SaveModelOptions = {}): Promise<SerializedModel> {
  let result: SerializedModel | undefined;
  await model.save(captureHandler(options, (serialized) => (result = serialized)));
  if (!result) throw new Error('TF.js did not hand the model to the save handler');
  return result;
}

/** The inverse of serializeModel. The caller owns (and must dispose) the model. */
export async function deserializeModel(serialized: SerializedModel): Promise<tf.LayersModel> {
  return tf.loadLayersModel(replayHandler(serialized));
}

/**
 * Writes model.json and weights.bin into `directory` (created if missing). TF.js's own
 * `file://` handler needs tfjs-node, which may be absent, so this uses node:fs directly. Both
 * files are written under temporary names and renamed, weights first, so a reader never sees
 * a model.json whose weights are missing or half-written.
 */
export async function saveModelToDirectory(
  model: tf.LayersModel,
  directory: string,
  options: SaveModelOptions = {},
): Promise<SerializedModel> {
  const serialized = await serializeModel(model, options);
  await mkdir(directory, { recursive: true });
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const files: [string, string | Uint8Array][] = [
    [WEIGHTS_FILE, serialized.weightData],
    [MODEL_JSON_FILE, JSON.stringify(serialized.modelJson)],
  ];
  try {
    for (const [name, content] of files) {
      await writeFile(path.join(directory, name + suffix), content);
      await rename(path.join(directory, name + suffix), path.join(directory, name));
    }
  } catch (error) {
    await Promise.all(files.map(([name]) => rm(path.join(directory, name + suffix), { force: true })));
    throw error;
  }
  return serialized;
}

async function readSerialized(directory: string): Promise<SerializedModel> {
  const jsonPath = path.join(directory, MODEL_JSON_FILE);
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(code === 'ENOENT' ? `no ${MODEL_JSON_FILE} in ${directory}` : `cannot read ${jsonPath}: ${(error as Error).message}`);
  }
  // Parsed from a file: neither field is guaranteed, whatever the type says.
  const unchecked: Partial<tf.io.ModelJSON> = modelJson;
  if (!unchecked.modelTopology) throw new Error(`${jsonPath} has no modelTopology: it is not a TF.js layers model`);
  const paths = (unchecked.weightsManifest ?? []).flatMap((group) => group.paths);
  // Models written by the TF.js converter may split weights into shards: read them in order.
  const shards = await Promise.all(
    paths.map(async (relative) => {
      const file = path.resolve(directory, relative);
      if (path.relative(directory, file).startsWith('..')) throw new Error(`${jsonPath} points outside its directory: ${relative}`);
      return readFile(file).catch((error: unknown) => {
        throw new Error(`cannot read weights ${file} listed in ${jsonPath}: ${(error as Error).message}`);
      });
    }),
  );
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.byteLength;
  }
  const manifest = [{ paths: [`./${WEIGHTS_FILE}`], weights: (unchecked.weightsManifest ?? []).flatMap((group) => group.weights) }];
  return { modelJson: { ...modelJson, weightsManifest: manifest }, weightData };
}

/** Loads a layers model saved by saveModelToDirectory (or by tfjs-node / the converter). */
export async function loadModelFromDirectory(directory: string): Promise<tf.LayersModel> {
  return deserializeModel(await readSerialized(directory));
}

/** The userDefinedMetadata of a saved model, without loading its weights into TF.js. */
export async function loadModelMetadata(directory: string): Promise<Record<string, unknown>> {
  const json = JSON.parse(await readFile(path.join(directory, MODEL_JSON_FILE), 'utf8')) as tf.io.ModelJSON;
  return (json.userDefinedMetadata as Record<string, unknown> | undefined) ?? {};
}
