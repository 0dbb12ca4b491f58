import { redisOutage } from './redis-outage';

describe('redisOutage', () => {
  it("recognizes ioredis's outage errors and nothing else", () => {
    const maxRetries = Object.assign(
      new Error('Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.'),
      {
        name: 'MaxRetriesPerRequestError',
      },
    );
    expect(redisOutage(maxRetries)).toContain('max retries per request');
    expect(redisOutage(new Error('Connection is closed.'))).toBe('Connection is closed.');
    expect(redisOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(redisOutage(new Error('Cannot read properties of undefined'))).toBeNull();
    expect(redisOutage(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))).toBeNull();
    expect(redisOutage('Connection is closed.')).toBeNull();
  });
});
