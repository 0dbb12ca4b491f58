import { availableParallelism } from 'node:os';
import { ConfigError, parseConfig } from './config';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/atelier', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('parseConfig', () => {
  it('applies the defaults', () => {
    const config = parseConfig(base);
    expect(config.redisPrefix).toBe('atelier');
    expect(config.concurrency).toBe(availableParallelism());
    expect(config.dataDir).toBe('./data');
    expect(config.datasetDirs).toEqual([]);
    expect(config.preloadDatasets).toEqual(['fashion-mnist']);
    expect(config.tfBackend).toBeUndefined();
    expect(config.workerId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('names a sandboxed child after its worker and its own pid', () => {
    expect(parseConfig({ ...base, WORKER_ID: 'w1' }, { child: true }).workerId).toBe(`w1/${process.pid}`);
    expect(parseConfig(base, { child: true }).workerId).toMatch(new RegExp(`-${process.ppid}/${process.pid}$`));
  });

  it('splits dataset directories on colons and coerces numbers', () => {
    const config = parseConfig({ ...base, ATELIER_DATASET_DIR: '/a:/b::/c', WORKER_CONCURRENCY: '3', ATELIER_TF_BACKEND: 'wasm' });
    expect(config.datasetDirs).toEqual(['/a', '/b', '/c']);
    expect(config.concurrency).toBe(3);
    expect(config.tfBackend).toBe('wasm');
  });

  it('reads the datasets a training child preloads: a list of keys, or none', () => {
    expect(parseConfig({ ...base, WORKER_PRELOAD_DATASETS: 'mnist,fashion-mnist' }).preloadDatasets).toEqual(['mnist', 'fashion-mnist']);
    expect(parseConfig({ ...base, WORKER_PRELOAD_DATASETS: 'none' }).preloadDatasets).toEqual([]);
    expect(() => parseConfig({ ...base, WORKER_PRELOAD_DATASETS: 'mnist, fashion' })).toThrow(
      'WORKER_PRELOAD_DATASETS is a comma-separated list of dataset keys, or none',
    );
  });

  it('names every invalid variable in one message', () => {
    let error: unknown;
    try {
      parseConfig({ REDIS_URL: 'http://x', WORKER_CONCURRENCY: '0', ATELIER_TF_BACKEND: 'gpu' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL is required');
    expect(message).toContain('REDIS_URL must start with redis://');
    expect(message).toContain('WORKER_CONCURRENCY must be positive');
    expect(message).toContain("ATELIER_TF_BACKEND must be 'tensorflow', 'wasm' or 'cpu'");
  });
});
