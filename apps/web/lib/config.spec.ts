import { apiBaseUrl } from './config';

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
