import type { Redis } from 'ioredis';
import { createLogger } from '../infra/logger';
import { createProgressPublisher } from './progress-publisher';

// What is published, and how, is publishProgress's (packages/db/test/progress-stream.int-spec.ts).
describe('progress publisher', () => {
  it('logs a publish that fails and goes on: live progress never fails the training', async () => {
    const lines: string[] = [];
    const redis = { atelierPublishProgress: () => Promise.reject(new Error('connection is closed')) } as unknown as Redis;
    const publisher = createProgressPublisher(
      redis,
      'p',
      createLogger({ level: 'warn', workerId: 'w', write: (line: string) => lines.push(line) }),
    );
    await expect(publisher.publish({ type: 'experiment', experimentId: 'e', status: 'running' })).resolves.toBeUndefined();
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([
      { msg: 'progress event not published', type: 'experiment', error: 'connection is closed' },
    ]);
  });
});
