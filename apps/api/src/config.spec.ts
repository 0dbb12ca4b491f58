import path from 'node:path';
import { artifactDir, ConfigError, datasetDirs, parseConfig } from './config';

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
      ATELIER_MAX_MODEL_PARAMS: 50_000_000,
      ATELIER_MAX_TRAINING_MEMORY_MB: 4_096,
      ATELIER_RUN_LOST_AFTER_SECONDS: 300,
      ATELIER_RUN_LIST_COUNT_LIMIT: 10_000,
      ATELIER_RUN_LIST_COUNT_MS: 50,
      ATELIER_RUN_LIST_WALK_MS: 150,
      ATELIER_TRASH_RETENTION_DAYS: 30,
      DATASET_UPLOAD_MAX_MB: 300,
      ATELIER_ARTIFACT_DIR: undefined,
      ATELIER_ARTIFACT_MAX_BYTES: 1024 ** 3,
      ATELIER_MAX_IMPORT_INFLATED_BYTES: 512 * 1024 ** 2,
      ATELIER_MAX_CONCURRENT_IMPORTS: 2,
      ATELIER_MODEL_UPLOAD_MAX_BYTES: 256 * 1024 ** 2,
      ATELIER_CORS_ORIGINS: [],
      ATELIER_COOKIE_SECURE: false,
      ATELIER_SESSION_DAYS: 30,
      ATELIER_AUDIT_RETENTION_DAYS: 365,
      ATELIER_SIGNIN_LIMIT_PER_EMAIL: 10,
      ATELIER_SIGNIN_LIMIT_PER_IP: 50,
      ATELIER_RECONCILE_INTERVAL_MS: 60_000,
      ATELIER_FAULT_AFTER_SAVE: undefined,
      LOG_LEVEL: 'info',
    });
  });

  it('coerces numbers and treats empty strings as unset', () => {
    const config = parseConfig({ API_PORT: '4000', MAX_TRIALS: '20', ATELIER_CORS_ORIGINS: '', ATELIER_DATASET_DIR: '/a::/b' });
    expect(config.API_PORT).toBe(4000);
    expect(config.MAX_TRIALS).toBe(20);
    expect(config.ATELIER_CORS_ORIGINS).toEqual([]);
    expect(datasetDirs(config)).toEqual(['/a', '/b']);
  });

  it('reads ATELIER_CORS_ORIGINS as a list of origins and names an entry that is not one', () => {
    expect(
      parseConfig({ ATELIER_CORS_ORIGINS: ' http://localhost:5173, https://lab.example.com/,,http://localhost:5173' }).ATELIER_CORS_ORIGINS,
    ).toEqual(['http://localhost:5173', 'https://lab.example.com']);
    expect(() => parseConfig({ ATELIER_CORS_ORIGINS: 'http://ok.example,https://lab.example.com/app' })).toThrow(
      "ATELIER_CORS_ORIGINS: 'https://lab.example.com/app' has a path, query or user: an origin is scheme://host[:port] only (https://lab.example.com)",
    );
    expect(() => parseConfig({ ATELIER_CORS_ORIGINS: 'localhost:5173' })).toThrow(
      "ATELIER_CORS_ORIGINS: 'localhost:5173' is not an http:// or https:// origin",
    );
    expect(() => parseConfig({ ATELIER_CORS_ORIGINS: '*' })).toThrow(
      "ATELIER_CORS_ORIGINS: '*' is not an origin (write it as http://host:port)",
    );
  });

  it('keeps run artifacts beside the data directory unless ATELIER_ARTIFACT_DIR says where', () => {
    expect(artifactDir(parseConfig({ ATELIER_DATA_DIR: '/srv/atelier' }))).toBe('/srv/atelier/artifacts');
    expect(artifactDir(parseConfig({ ATELIER_DATA_DIR: '/srv/atelier', ATELIER_ARTIFACT_DIR: '/mnt/shared/artifacts' }))).toBe(
      '/mnt/shared/artifacts',
    );
    expect(artifactDir(parseConfig({}))).toBe(path.resolve('data/artifacts'));
    expect(parseConfig({ ATELIER_ARTIFACT_MAX_BYTES: '1048576' }).ATELIER_ARTIFACT_MAX_BYTES).toBe(1048576);
    expect(() => parseConfig({ ATELIER_ARTIFACT_MAX_BYTES: '1GiB' })).toThrow('ATELIER_ARTIFACT_MAX_BYTES');
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
