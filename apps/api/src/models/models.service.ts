import { Injectable } from '@nestjs/common';
import type { TModelArtifact, TPrediction } from '@atelier/domain';
import { fileStem } from '@atelier/domain/file-name';
import { decodePng, ImageInputError, pixelsFromValues, predictImage } from '@atelier/ml/io/image-input';
import { ModelZipError, readModelZip } from '@atelier/ml/io/model-export';
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

  /** The model's row with its bytes; those of a search's refit are in the database. */
  private async findContent(id: string) {
    const row = await this.models.findContent(id);
    if (!row) throw notFound(`Model '${id}' not found`);
    const { content } = row;
    if (content === null) throw conflict(`Model '${id}' is a file in the artifact store, not a model stored with a search: download it from its run's artifacts.`);
    return { ...row, content };
  }

  private async load(id: string): Promise<LoadedModel> {
    const row = await this.findContent(id);
    await this.tf.ready();
    try {
      return await readModelZip(row.content);
    } catch (error) {
      if (error instanceof ModelZipError) {
        throw new ApiException(500, 'model_unreadable', `Model '${id}' is stored but cannot be loaded: ${error.message}`);
      }
      throw error;
    }
  }
}
