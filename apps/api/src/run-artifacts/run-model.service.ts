import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { hyperparametersOf, type THyperparameters, type TRunArtifact, ZParams } from '@atelier/domain';
import { buildModelZip, makeModelCard } from '@atelier/ml/io/model-export';
import { deserializeModel } from '@atelier/ml/io/model-io';
import { z } from 'zod';
import { ApiException, badRequest, conflict } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { TfRuntime } from '../models/tf-runtime';
import { readMultipart } from './multipart-upload';
import { toRunArtifact } from './run-artifact.mapper';
import { ArtifactNameTakenError, ArtifactRegisteredError, registeredMessage, RunArtifactsRepository } from './run-artifacts.repository';
import type { TModelUploadQuery } from './run-artifacts.schemas';
import { artifactName, mib, RunArtifactsService } from './run-artifacts.service';
import { checkPredictable, parseModelJson, TFJS_HTTP_PARTS, toSerializedModel, UploadedModelError } from './uploaded-model';

/** A search trial's hyperparameters; null for a run logged from code, whose params are free-form. */
function searchHyperparameters(params: unknown): THyperparameters | null {
  try {
    return hyperparametersOf(params);
  } catch {
    return null;
  }
}

/** The artifact name of a run's model unless the request names it. */
export const DEFAULT_MODEL_NAME = 'model';

// the dataset row's JSON columns, read back
const ZClassNames = z.array(z.string()).min(2);
const ZImageShape = z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]);

/**
 * A TF.js model uploaded by a run (`model.save(tf.io.http('<api>/runs/<id>/model'))`) becomes a
 * model exactly like a search's refit: the same export zip (model.json + weights.bin + model
 * card, packages/ml's model-export), an Artifact of kind 'model' with its bytes in PostgreSQL,
 * so GET /models/:id, its download and its predict route work on it unchanged. The card needs
 * the dataset (class names, image size): from `?dataset=`, a `dataset` form field, or the run's
 * `dataset` parameter; a model whose input or output the predict route could not use is refused.
 */
@Injectable()
export class RunModelService {
  constructor(
    private readonly artifacts: RunArtifactsRepository,
    private readonly runs: RunArtifactsService,
    private readonly tf: TfRuntime,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async upload(runId: string, request: Request, query: TModelUploadQuery): Promise<TRunArtifact> {
    const run = await this.runs.requireRun(runId);
    const limit = this.config.ATELIER_MODEL_UPLOAD_MAX_BYTES;
    const fields: { dataset?: string; name?: string } = {};
    const files = new Map<string, Uint8Array>();
    let total = 0;
    const tooLarge = () =>
      new ApiException(
        413,
        'payload_too_large',
        `The model is larger than the ${mib(limit)} (${limit} bytes) limit for uploaded models (ATELIER_MODEL_UPLOAD_MAX_BYTES); nothing was stored.`,
      );

    await readMultipart<string>(
      request,
      { fileBytes: limit, files: 2, fields: 5, fieldBytes: 1024 },
      {
        field: (name, value) => {
          if (name !== 'dataset' && name !== 'name')
            throw badRequest(`Unexpected form field '${name}': a model upload takes 'dataset' and 'name' besides its files.`);
          fields[name] = value;
        },
        file: async (part) => {
          const expected = Object.values(TFJS_HTTP_PARTS) as string[];
          if (!expected.includes(part.field)) {
            throw badRequest(
              `Unexpected file field '${part.field}': send what model.save(tf.io.http(url)) sends, the parts '${expected.join("' and '")}'.`,
            );
          }
          if (files.has(part.field)) throw badRequest(`The part '${part.field}' is sent twice.`);
          files.set(part.field, new Uint8Array(0));
          // Held in memory (it goes into PostgreSQL like a refit model), bounded by the limit over both parts.
          const chunks: Buffer[] = [];
          for await (const chunk of part.stream as AsyncIterable<Buffer>) {
            total += chunk.byteLength;
            if (total > limit) throw tooLarge();
            chunks.push(chunk);
          }
          files.set(part.field, Buffer.concat(chunks));
          return part.field;
        },
        discard: (field) => {
          files.delete(field);
          return Promise.resolve();
        },
        tooLarge,
      },
    );

    const modelJsonBytes = files.get(TFJS_HTTP_PARTS.modelJson);
    if (!modelJsonBytes) {
      throw badRequest(
        `The upload has no '${TFJS_HTTP_PARTS.modelJson}' part: send what model.save(tf.io.http(url)) sends (model.json, then model.weights.bin).`,
      );
    }
    const name = artifactName(fields.name ?? query.name ?? DEFAULT_MODEL_NAME, 'the model name');
    let serialized;
    try {
      serialized = toSerializedModel(parseModelJson(modelJsonBytes), files.get(TFJS_HTTP_PARTS.weights) ?? new Uint8Array(0));
    } catch (error) {
      if (error instanceof UploadedModelError) throw badRequest(`The model cannot be stored: ${error.message}.`);
      throw error;
    }

    const params = ZParams.safeParse(run.params).data ?? {};
    const dataset = await this.dataset(
      fields.dataset ?? query.dataset ?? (typeof params.dataset === 'string' ? params.dataset : undefined) ?? run.experiment.dataset?.key,
    );
    const [height, width] = dataset.imageShape;

    // Loaded once here, so a model that does not load or that predict could not use is a 400 now, not a 500 later.
    await this.tf.ready();
    let parameterCount: number;
    try {
      const model = await deserializeModel(serialized);
      try {
        checkPredictable(
          { inputs: model.inputs.map((t) => t.shape), outputs: model.outputs.map((t) => t.shape) },
          { datasetKey: dataset.key, imageShape: dataset.imageShape, classCount: dataset.classNames.length },
        );
        parameterCount = model.countParams();
      } finally {
        model.dispose();
      }
    } catch (error) {
      if (error instanceof UploadedModelError) throw badRequest(`The model cannot be used for predictions: ${error.message}.`);
      throw badRequest(`The model does not load in TensorFlow.js: ${(error as Error).message}.`);
    }

    const topology = serialized.modelJson.modelTopology as { config?: { name?: unknown } };
    const generatedBy = serialized.modelJson.generatedBy ?? 'TensorFlow.js';
    const backend = `${generatedBy} (uploaded by the run)`;
    const hyperparameters = searchHyperparameters(params);
    const card = makeModelCard({
      name: `${run.name ?? `Run ${run.number}`} (${run.experiment.name}) on ${dataset.name}`,
      architecture:
        typeof params.architecture === 'string'
          ? params.architecture
          : typeof topology.config?.name === 'string'
            ? topology.config.name
            : 'custom',
      parameterCount,
      dataset: { key: dataset.key, name: dataset.name },
      classNames: dataset.classNames,
      imageSize: { height, width },
      hyperparameters,
      ...(hyperparameters ? {} : { params }),
      crossValidation: null,
      test: null,
      backend,
      createdAt: new Date().toISOString(),
      experimentId: run.experimentId,
      trialId: run.id,
    });
    const content = new Uint8Array(await buildModelZip({ serialized, card }));
    try {
      const { rows } = await this.artifacts.insert(
        run.id,
        run.experimentId,
        [
          {
            id: randomUUID(),
            kind: 'model',
            name,
            contentType: 'application/zip',
            sizeBytes: content.byteLength,
            sha256: createHash('sha256').update(content).digest('hex'),
            content,
            metadata: { backend, format: 'zip', source: 'run-upload' },
          },
        ],
        query.overwrite,
      );
      const [row] = rows; // one artifact in, one row out
      if (!row) throw new Error(`storing the model of run ${runId} returned no row`);
      return toRunArtifact(row);
    } catch (error) {
      if (error instanceof ArtifactRegisteredError) throw conflict(registeredMessage(run.id, error));
      if (error instanceof ArtifactNameTakenError) {
        throw conflict(
          `Run '${run.id}' already has an artifact named '${name}': add ?overwrite=true to the URL to replace it, or ?name= to store another model.`,
        );
      }
      throw error;
    }
  }

  private async dataset(key: string | undefined) {
    if (!key) {
      throw badRequest(
        'Name the dataset the model classifies, so its model card has class names and an image size: add ?dataset=<key> to the URL ' +
          `(tf.io.http('…/runs/<id>/model?dataset=fashion-mnist')), send a 'dataset' form field, or log a 'dataset' parameter on the run.`,
      );
    }
    const row = await this.artifacts.findDataset(key);
    if (!row) throw badRequest(`Unknown dataset '${key}': use one of ${(await this.artifacts.datasetKeys()).join(', ')}.`);
    const classNames = ZClassNames.safeParse(row.classNames);
    const imageShape = ZImageShape.safeParse(row.imageShape);
    if (!classNames.success || !imageShape.success)
      throw new ApiException(500, 'dataset_unreadable', `Dataset '${key}' has no valid class names or image shape.`);
    return { key: row.key, name: row.name, classNames: classNames.data, imageShape: imageShape.data };
  }
}
