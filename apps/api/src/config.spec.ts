import { ConfigError, datasetDirs, parseConfig } from './config';

describe('parseConfig', () => {
  it('fills every default from an empty environment', () => {
    const config = parseConfig({});
    expect(config).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/atelier',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'atelier',
      API_PORT: 3001,
      API_HOST: '0.0.0.0',
      ATELIER_DATA_DIR: './data',
      ATELIER_DATASET_DIR: undefined,
      MAX_TRIALS: 500,
      MAX_TOTAL_EPOCHS: 100_000,
      ATELIER_RUN_LOST_AFTER_SECONDS: 300,
      DATASET_UPLOAD_MAX_MB: 300,
      CORS_ORIGIN: undefined,
      LOG_LEVEL: 'info',
    });
  });

  it('coerces numbers and treats empty strings as unset', () => {
    const config = parseConfig({ API_PORT: '4000', MAX_TRIALS: '20', CORS_ORIGIN: '', ATELIER_DATASET_DIR: '/a::/b' });
    expect(config.API_PORT).toBe(4000);
    expect(config.MAX_TRIALS).toBe(20);
    expect(config.CORS_ORIGIN).toBeUndefined();
    expect(datasetDirs(config)).toEqual(['/a', '/b']);
  });

  it('names every bad variable in one ConfigError', () => {
    expect(() => parseConfig({ API_PORT: 'http', DATABASE_URL: 'mysql://x', MAX_TRIALS: '0' })).toThrow(ConfigError);
    try {
      parseConfig({ API_PORT: 'http', DATABASE_URL: 'mysql://x', MAX_TRIALS: '0' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid configuration:/);
      expect(message).toContain('API_PORT');
      expect(message).toContain('DATABASE_URL: must be a PostgreSQL URL');
      expect(message).toContain('MAX_TRIALS');
    }
  });
});
