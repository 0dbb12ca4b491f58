import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { balancedLabels, makeImageSet } from '@atelier/ml/data/image-set.factory';
import { saveStoredDataset } from '@atelier/ml/data/stored-dataset';
import type { Logger } from '../infra/logger';
import { createDatasetCache, loadDataset } from './dataset-cache';

const info = jest.fn();
const logger = { debug: () => undefined, info, warn: () => undefined, error: () => undefined } as unknown as Logger;

describe('worker dataset cache', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'atelier-worker-data-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function importTiny(key: string) {
    const train = makeImageSet({ labels: balancedLabels(2, 4), height: 28, width: 28, seed: 3 });
    const test = makeImageSet({ labels: [0, 1], height: 28, width: 28, seed: 4 });
    await saveStoredDataset({
      root: path.join(dataDir, 'datasets'),
      dataset: { key, name: 'Tiny', classNames: ['no', 'yes'], train, test, source: 'upload' },
      source: { format: 'csv', files: ['tiny.csv'], testFraction: null },
    });
    return { train, test };
  }

  it('loads an imported dataset from <dataDir>/datasets/<key>, as the API stored it', async () => {
    const { train } = await importTiny('tiny');
    const dataset = await loadDataset('tiny', { directories: [], dataDir });
    expect(dataset.classNames).toEqual(['no', 'yes']);
    expect(dataset.train.count).toBe(8);
    expect(dataset.test.count).toBe(2);
    expect(Array.from(dataset.train.images)).toEqual(Array.from(train.images));
  });

  it('says where it looked and why when an imported dataset is not on this machine', async () => {
    await expect(loadDataset('elsewhere', { directories: [], dataDir })).rejects.toThrow(
      `imported dataset "elsewhere" has no files in ${path.join(dataDir, 'datasets', 'elsewhere')}: this worker's ATELIER_DATA_DIR`,
    );
  });

  it('loads once per process and forgets a failed load', async () => {
    const cache = createDatasetCache({ directories: [], dataDir, logger });
    await expect(cache.get('later')).rejects.toThrow(/no files/);
    await importTiny('later');
    const first = await cache.get('later');
    expect(await cache.get('later')).toBe(first);
    expect(info).toHaveBeenCalledTimes(1);
  });
});
