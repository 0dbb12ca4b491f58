import { join } from 'node:path';
import { isBuiltinDatasetKey, loadBuiltinDataset } from '@atelier/ml/data/builtin-datasets';
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
  const load =
    options.load ??
    ((key: string) => {
      if (!isBuiltinDatasetKey(key)) {
        return Promise.reject(new Error(`dataset "${key}" is not a builtin dataset; imported datasets are not trained by this worker yet`));
      }
      return loadBuiltinDataset(key, { directories: options.directories, cacheDir: join(options.dataDir, 'datasets'), download: true });
    });
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
