import { Injectable } from '@nestjs/common';
import { type TModelArtifact, type TPrediction, ZArchitectureSpec } from '@atelier/domain';
import { fileStem } from '@atelier/domain/file-name';
import { decodePng, ImageInputError, pixelsFromValues, predictImage } from '@atelier/ml/io/image-input';
import { type ModelCard, ModelZipError, readModelZip } from '@atelier/ml/io/model-export';
import { type BaseModelDescription, describeBaseModel } from '@atelier/ml/models/fine-tune';
import { buildOnnxExport } from '@atelier/ml/onnx/onnx-export';
import { OnnxExportError } from '@atelier/ml/onnx/to-onnx';
import { ApiException, badRequest, conflict, notFound } from '../common/api-exception';
import { toModelArtifact } from './model-artifact.mapper';
import { type LoadedModel, ModelCache } from './model-cache';
import { ModelsRepository } from './models.repository';
import type { PredictInput } from './predict-input';
import { TfRuntime } from './tf-runtime';

@Injectable()
export class ModelsService {
  constructor(
    private readonly models: ModelsRepository,
    private readonly cache: ModelCache,
    private readonly tf: TfRuntime,
  ) {}

  async get(id: string): Promise<TModelArtifact> {
    const row = await this.models.findMeta(id);
    if (!row) throw notFound(`Model '${id}' not found`);
    return toModelArtifact(row);
  }

  /** The export zip and its file name, `<experiment>-trial-<n>.zip`. */
  async download(id: string): Promise<{ filename: string; content: Uint8Array }> {
    const row = await this.findContent(id);
    const trial = row.trial ? `-trial-${row.trial.number}` : '';
    return { filename: `${fileStem(row.experiment?.name ?? 'model', 'model')}${trial}.zip`, content: row.content };
  }

  /**
   * The model as one .onnx file, its card in metadata_props, named
   * `<experiment>-<run name or trial-n>-<id>.onnx` (the id: a trial can have several models).
   * 422 when the model cannot be exported: a KNN baseline, or a layer the converter lacks.
   */
  async onnx(id: string): Promise<{ filename: string; content: Uint8Array }> {
    const row = await this.findContent(id);
    const architecture = row.trial?.architecture;
    if (architecture && ZArchitectureSpec.safeParse(architecture.spec).data?.kind === 'knn') {
      throw unprocessable(
        `Model '${id}' is a KNN baseline (architecture '${architecture.key}'): KNN baselines have no ONNX form, since a nearest-neighbours vote over the stored training images is not a network of layers. Export a trial of a layers architecture instead.`,
      );
    }
    const content = await this.cache.with(
      id,
      () => this.load(id),
      ({ model, card }) => {
        try {
          return Promise.resolve(buildOnnxExport({ model, card }));
        } catch (error) {
          if (error instanceof OnnxExportError)
            throw unprocessable(
              `Model '${id}' cannot be exported to ONNX: ${error.message}. Its TF.js zip (GET /models/${id}/download) still works.`,
            );
          if (error instanceof ModelZipError) throw unreadable(id, error);
          throw error;
        }
      },
    );
    const run = row.trial ? `-${fileStem(row.trial.name ?? '', `trial-${row.trial.number}`)}` : '';
    return { filename: `${fileStem(row.experiment?.name ?? 'model', 'model')}${run}-${id}.onnx`, content };
  }

  /** The model's card, as its zip's model-card.json holds it. */
  async card(id: string): Promise<ModelCard> {
    return this.cache.with(
      id,
      () => this.load(id),
      ({ card }) => Promise.resolve(card),
    );
  }

  /** Class probabilities for one image, most probable first. */
  async predict(id: string, input: PredictInput): Promise<TPrediction> {
    return this.cache.with(
      id,
      () => this.load(id),
      async ({ model, card }) => {
        const size = { height: card.preprocessing.height, width: card.preprocessing.width };
        try {
          const pixels = input.kind === 'png' ? decodePng(input.bytes, size) : pixelsFromValues(input.pixels, { size, scale: input.scale });
          return { modelId: id, predictions: await predictImage(model, pixels, card.classNames) };
        } catch (error) {
          if (error instanceof ImageInputError) throw badRequest(`The image cannot be classified: ${error.message}`);
          throw error;
        }
      },
    );
  }

  /**
   * What fine-tuning needs to know of a stored model (its layers and input shape), read from the
   * loaded model (cached like predictions). 404 when there is no such model.
   */
  async describeBase(id: string): Promise<BaseModelDescription> {
    return this.cache.with(
      id,
      () => this.load(id),
      ({ model }) => Promise.resolve(describeBaseModel(model)),
    );
  }

  /** The model's row with its bytes; those of a search's refit are in the database. */
  private async findContent(id: string) {
    const row = await this.models.findContent(id);
    if (!row) throw notFound(`Model '${id}' not found`);
    const { content } = row;
    if (content === null)
      throw conflict(
        `Model '${id}' is a file in the artifact store, not a model stored with a search: download it from its run's artifacts.`,
      );
    return { ...row, content };
  }

  private async load(id: string): Promise<LoadedModel> {
    const row = await this.findContent(id);
    await this.tf.ready();
    try {
      return await readModelZip(row.content);
    } catch (error) {
      if (error instanceof ModelZipError) throw unreadable(id, error);
      throw error;
    }
  }
}

const unprocessable = (message: string) => new ApiException(422, 'onnx_unsupported', message);
const unreadable = (id: string, error: ModelZipError) =>
  new ApiException(500, 'model_unreadable', `Model '${id}' is stored but cannot be loaded: ${error.message}`);
