import { join } from 'node:path';
import { isBuiltinDatasetKey, loadBuiltinDataset } from '@atelier/ml/data/builtin-datasets';
import { DatasetFormatError } from '@atelier/ml/data/dataset-errors';
import { loadStoredDataset } from '@atelier/ml/data/stored-dataset';
import type { LabeledDataset } from '@atelier/ml/data/types';
import type { Logger } from '../infra/logger';

export interface DatasetCache {
  get(key: string): Promise<LabeledDataset>;
}

/**
 * Datasets stay in memory for the life of the process: every fold of every trial reads the
 * same bytes, and parsing Fashion-MNIST again per fold would cost more than a small model's
 * training. A failed load is forgotten so the next job tries again.
 */
export function createDatasetCache(options: {
  directories: readonly string[];
  /** Downloads (for users who are online) are verified and kept under `<dataDir>/datasets`. */
  dataDir: string;
  logger: Logger;
  load?: (key: string) => Promise<LabeledDataset>;
}): DatasetCache {
  const cache = new Map<string, Promise<LabeledDataset>>();
  const load = options.load ?? ((key: string) => loadDataset(key, options));
  return {
    get(key) {
      let entry = cache.get(key);
      if (!entry) {
        const started = Date.now();
        entry = load(key).then(
          (dataset) => {
            options.logger.info('dataset loaded', {
              dataset: key,
              train: dataset.train.count,
              test: dataset.test.count,
              source: dataset.source,
              ms: Date.now() - started,
            });
            return dataset;
          },
          (error: unknown) => {
            cache.delete(key);
            throw error;
          },
        );
        cache.set(key, entry);
      }
      return entry;
    },
  };
}

/**
 * Builtins come from the dataset directories (or a verified download); an imported dataset
 * from `<dataDir>/datasets/<key>/`, where the API stored it as IDX files and a manifest of
 * checksums. The job only carries the key, and the API's storagePath is relative to the same
 * ATELIER_DATA_DIR, so on several machines that directory must be shared.
 */
export async function loadDataset(key: string, options: { directories: readonly string[]; dataDir: string }): Promise<LabeledDataset> {
  const root = join(options.dataDir, 'datasets');
  if (isBuiltinDatasetKey(key)) return loadBuiltinDataset(key, { directories: options.directories, cacheDir: root, download: true });
  try {
    return await loadStoredDataset(join(root, key));
  } catch (error) {
    if (error instanceof DatasetFormatError && error.code === 'unreadable') {
      throw new Error(
        `imported dataset "${key}" has no files in ${join(root, key)}: this worker's ATELIER_DATA_DIR (${options.dataDir}) ` +
          `must be the API's, shared between machines when workers run elsewhere (${error.reason})`,
      );
    }
    throw error;
  }
}
