import { Inject, Injectable } from '@nestjs/common';
import path from 'node:path';
import { clearBuiltinDatasetCache, isBuiltinDatasetKey, loadBuiltinDataset } from '@atelier/ml/data/builtin-datasets';
import { loadStoredDataset } from '@atelier/ml/data/stored-dataset';
import type { TStoredDatasetManifest } from '@atelier/domain';
import type { LabeledDataset } from '@atelier/ml/data/types';

/** A loaded dataset; imported ones come with their manifest (where each image came from). */
export type LoadedDataset = LabeledDataset & { manifest?: TStoredDatasetManifest };
import { datasetDirs, type TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import type { DatasetRow } from './datasets.repository';

/**
 * Datasets kept in memory at once by one API process. Fashion-MNIST is 55 MB of pixels; the
 * explorer of a user flipping between a few datasets should not reload each time, and an API
 * with many imported datasets should not hold them all.
 */
export const LOADED_DATASETS_KEPT = 3;

/** Where imported datasets live, relative paths being relative to ATELIER_DATA_DIR. */
export function storedDatasetsRoot(config: TApiConfig): string {
  return path.resolve(config.ATELIER_DATA_DIR, 'datasets');
}

export function storedDatasetDirectory(config: TApiConfig, storagePath: string): string {
  return path.resolve(config.ATELIER_DATA_DIR, storagePath);
}

/** Loads a dataset's pixels the way the worker does (builtins: dirs, system copy, download cache). */
@Injectable()
export class DatasetLoader {
  /** Most recently used last; keyed by row id, since a key could in principle be reused. */
  private readonly loaded = new Map<string, Promise<LoadedDataset>>();

  constructor(@Inject(CONFIG) private readonly config: TApiConfig) {}

  load(row: DatasetRow): Promise<LoadedDataset> {
    const cached = this.loaded.get(row.id);
    if (cached) {
      this.loaded.delete(row.id);
      this.loaded.set(row.id, cached);
      return cached;
    }
    const pending = this.read(row);
    this.loaded.set(row.id, pending);
    // a failed load must not stick: the operator may put the files in place and retry
    pending.catch(() => this.loaded.delete(row.id));
    this.evict();
    return pending;
  }

  private read(row: DatasetRow): Promise<LoadedDataset> {
    if (row.kind === 'builtin' && isBuiltinDatasetKey(row.key)) {
      return loadBuiltinDataset(row.key, {
        directories: datasetDirs(this.config),
        cacheDir: storedDatasetsRoot(this.config),
        download: true,
      });
    }
    if (!row.storagePath) return Promise.reject(new Error(`dataset '${row.key}' has no storage path`));
    return loadStoredDataset(storedDatasetDirectory(this.config, row.storagePath));
  }

  private evict(): void {
    while (this.loaded.size > LOADED_DATASETS_KEPT) {
      const oldest = this.loaded.keys().next();
      if (oldest.done) break;
      this.loaded.delete(oldest.value);
      // the ml package caches builtins per process too; dropping ours alone would free nothing
      clearBuiltinDatasetCache();
    }
  }
}
