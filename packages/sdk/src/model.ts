import * as tf from '@tensorflow/tfjs';
import type { ModelUpload } from './transport.js';

/** The file names tf.io.http gives the two parts, which POST /runs/{id}/model expects. */
const WEIGHTS_PATH = './model.weights.bin';

/**
 * Serializes a layers model exactly as `model.save(tf.io.http(url))` would send it — model.json
 * (topology, training config, a weightsManifest whose one group points at ./model.weights.bin)
 * and the concatenated weights — but through tf.io.withSaveHandler, so the SDK's own transport
 * sends it (with its token, and its errors reported like the rest).
 */
export async function serializeModel(model: tf.LayersModel): Promise<Pick<ModelUpload, 'modelJson' | 'weights'>> {
  let captured: Pick<ModelUpload, 'modelJson' | 'weights'> | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      const modelJson: Record<string, unknown> = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_PATH], weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig != null) modelJson.trainingConfig = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata != null) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      const weights = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      captured = {
        modelJson: new Blob([JSON.stringify(modelJson)], { type: 'application/json' }),
        weights: new Blob([weights], { type: 'application/octet-stream' }),
      };
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  if (!captured) throw new Error('model.save() did not hand its artifacts to the save handler');
  return captured;
}
