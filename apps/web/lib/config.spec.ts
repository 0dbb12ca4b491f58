import { apiBaseUrl, maxUploadBytes } from './config';

describe('apiBaseUrl', () => {
  it('defaults to the local API', () => {
    expect(apiBaseUrl({} as NodeJS.ProcessEnv)).toBe('http://127.0.0.1:3001');
  });

  it('reads ATELIER_API_URL and drops trailing slashes', () => {
    expect(apiBaseUrl({ ATELIER_API_URL: 'http://api:4000/' } as unknown as NodeJS.ProcessEnv)).toBe('http://api:4000');
  });

  it('rejects a value that is not a URL', () => {
    expect(() => apiBaseUrl({ ATELIER_API_URL: 'api:4000' } as unknown as NodeJS.ProcessEnv)).toThrow(/http or https/);
    expect(() => apiBaseUrl({ ATELIER_API_URL: 'not a url' } as unknown as NodeJS.ProcessEnv)).toThrow(/absolute/);
  });
});

describe('maxUploadBytes', () => {
  it('defaults to 1 GiB and 1 MiB', () => {
    expect(maxUploadBytes({} as NodeJS.ProcessEnv)).toBe(1_074_790_400);
  });

  it('reads ATELIER_WEB_MAX_UPLOAD_BYTES', () => {
    expect(maxUploadBytes({ ATELIER_WEB_MAX_UPLOAD_BYTES: ' 1048576 ' } as unknown as NodeJS.ProcessEnv)).toBe(1_048_576);
  });

  it('rejects a value that is not a positive whole number', () => {
    for (const value of ['0', '-1', '1.5', '1e9', 'lots']) {
      expect(() => maxUploadBytes({ ATELIER_WEB_MAX_UPLOAD_BYTES: value } as unknown as NodeJS.ProcessEnv)).toThrow(`got "${value}"`);
    }
  });
});
