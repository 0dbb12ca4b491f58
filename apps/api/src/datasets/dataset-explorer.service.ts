import { Injectable, Logger } from '@nestjs/common';
import type {
  TDatasetCorrelation,
  TDatasetDetail,
  TDatasetMeanImages,
  TDatasetSamples,
  TDatasetSplit,
  TStoredDatasetManifest,
} from '@atelier/domain';
import { BUILTIN_DATASETS, isBuiltinDatasetKey } from '@atelier/ml/data/builtin-datasets';
import { DatasetFormatError, DatasetNotFoundError } from '@atelier/ml/data/dataset-errors';
import { analyzeDataset, type DatasetInsight, sampleIndices, sampleIndicesPerClass } from '@atelier/ml/data/insight';
import type { ImageSet } from '@atelier/ml/data/types';
import { ApiException, badRequest } from '../common/api-exception';
import { toCorrelation, toDatasetDetail, toMeanImages } from './dataset-insight.mapper';
import { DatasetLoader, type LoadedDataset } from './dataset-loader';
import type { DatasetRow } from './datasets.repository';
import { DatasetsService } from './datasets.service';
import type { TDatasetSamplesQuery } from './datasets.schemas';
import { encodeGrayscalePng } from './png';

interface CachedInsight {
  insight: DatasetInsight;
  computedInMs: number;
  source: string;
  shape: { height: number; width: number };
  classNames: readonly string[];
  /** Imported datasets: the uploaded file and rows of each split. */
  origins: NonNullable<TStoredDatasetManifest['source']['origins']> | null;
}

/**
 * The dataset explorer: statistics over every image of a dataset, computed once per API
 * process and dataset (about 1 s for Fashion-MNIST's 70k images, after a 1 s load) and kept,
 * since datasets never change once stored. Pixels themselves go through DatasetLoader's LRU.
 */
@Injectable()
export class DatasetExplorerService {
  private readonly logger = new Logger('DatasetExplorer');
  private readonly insights = new Map<string, Promise<CachedInsight>>();

  constructor(
    private readonly datasets: DatasetsService,
    private readonly loader: DatasetLoader,
  ) {}

  async detail(key: string): Promise<TDatasetDetail> {
    const row = await this.datasets.findRow(key);
    const [cached, summary] = await Promise.all([this.insightOf(row), this.datasets.summarize(row)]);
    const builtin = row.kind === 'builtin' && isBuiltinDatasetKey(row.key) ? BUILTIN_DATASETS[row.key] : null;
    return toDatasetDetail(summary, cached.insight, {
      description: builtin?.description ?? null,
      homepage: builtin?.homepage ?? null,
      source: cached.source,
      computedInMs: cached.computedInMs,
      origins: cached.origins,
    });
  }

  async meanImages(key: string): Promise<TDatasetMeanImages> {
    const cached = await this.insightOf(await this.datasets.findRow(key));
    return toMeanImages(cached.insight, cached.classNames, cached.shape);
  }

  async correlation(key: string): Promise<TDatasetCorrelation> {
    const cached = await this.insightOf(await this.datasets.findRow(key));
    return toCorrelation(cached.insight, cached.shape);
  }

  async samples(key: string, query: TDatasetSamplesQuery): Promise<TDatasetSamples> {
    const row = await this.datasets.findRow(key);
    const dataset = await this.load(row);
    const set = dataset[query.split];
    const numClasses = dataset.classNames.length;
    let indices: number[];
    let total: number;
    if (query.label !== undefined) {
      if (query.label >= numClasses) {
        throw badRequest(`label ${query.label} is out of range: '${key}' has ${numClasses} classes (0..${numClasses - 1})`);
      }
      const perClass = sampleIndicesPerClass(set, { numClasses, perClass: set.count, seed: query.seed })[query.label] ?? []; // one list per class: label < numClasses
      total = perClass.length;
      indices = perClass.slice(0, query.count);
    } else {
      total = set.count;
      indices = sampleIndices(set, { size: query.count, seed: query.seed });
    }
    return {
      split: query.split,
      seed: query.seed,
      label: query.label ?? null,
      total,
      items: indices.map((index) => {
        const label = set.labels[index] ?? 0; // indices are sampled below set.count
        return { index, label, className: dataset.classNames[label] ?? String(label), imagePath: imagePath(row.key, query.split, index) };
      }),
    };
  }

  /** One image as a PNG; the bytes of an index never change, so callers may cache them for good. */
  async image(key: string, split: TDatasetSplit, index: number): Promise<Buffer> {
    const dataset = await this.load(await this.datasets.findRow(key));
    const set = dataset[split];
    if (index >= set.count) {
      throw badRequest(
        set.count === 0
          ? `index ${index} is out of range: the ${split} split of '${key}' is empty`
          : `index ${index} is out of range: the ${split} split of '${key}' has ${set.count} images (0..${set.count - 1})`,
      );
    }
    return encodeGrayscalePng(imagePixels(set, index), set.width, set.height);
  }

  private insightOf(row: DatasetRow): Promise<CachedInsight> {
    let pending = this.insights.get(row.id);
    if (!pending) {
      pending = this.load(row).then((dataset) => {
        const started = performance.now();
        const insight = analyzeDataset(dataset);
        const computedInMs = Math.round(performance.now() - started);
        this.logger.log(`analysed '${row.key}' (${dataset.train.count + dataset.test.count} images) in ${computedInMs} ms`);
        return {
          insight,
          computedInMs,
          source: dataset.source,
          shape: { height: dataset.train.height, width: dataset.train.width },
          classNames: dataset.classNames,
          origins: dataset.manifest?.source.origins ?? null,
        };
      });
      this.insights.set(row.id, pending);
      pending.catch(() => this.insights.delete(row.id));
    }
    return pending;
  }

  /** Files missing or damaged: the user can act on the message (put the files in place). */
  private async load(row: DatasetRow): Promise<LoadedDataset> {
    try {
      return await this.loader.load(row);
    } catch (error) {
      if (error instanceof DatasetNotFoundError || error instanceof DatasetFormatError) {
        throw new ApiException(409, 'dataset_unavailable', `The files of dataset '${row.key}' cannot be read. ${error.message}`);
      }
      throw error;
    }
  }
}

export function imagePath(key: string, split: TDatasetSplit, index: number): string {
  return `/datasets/${encodeURIComponent(key)}/images/${split}/${index}.png`;
}

function imagePixels(set: ImageSet, index: number): Uint8Array {
  const size = set.height * set.width * set.channels;
  return set.images.subarray(index * size, (index + 1) * size);
}
