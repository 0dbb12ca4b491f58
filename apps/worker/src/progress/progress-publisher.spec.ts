import { ZProgressEvent } from '@atelier/domain';
import type { Redis } from 'ioredis';
import { createLogger } from '../infra/logger';
import { createProgressPublisher } from './progress-publisher';

describe('progress publisher', () => {
  it('publishes a diverged epoch (NaN loss, infinite validation loss) rather than refusing it', async () => {
    const published: [string, string][] = [];
    const redis = { publish: (channel: string, message: string) => Promise.resolve(published.push([channel, message])) } as unknown as Redis;
    const publisher = createProgressPublisher(redis, 'p', createLogger({ level: 'error', workerId: 'w', write: () => undefined }));
    const metric = { epoch: 4, loss: NaN, accuracy: 0.1, valLoss: Infinity, valAccuracy: 0.1, seconds: 2 };
    await publisher.publish({ type: 'epoch', experimentId: 'e', trialId: 't', fold: 1, epochs: 5, metric });
    expect(published).toHaveLength(1);
    const [channel, message] = published[0]!;
    expect(channel).toBe('p:progress:e');
    expect((JSON.parse(message) as { metric: unknown }).metric).toEqual({ ...metric, loss: 'NaN', valLoss: 'Infinity' });
    const received = ZProgressEvent.parse(JSON.parse(message));
    expect(received).toEqual({ type: 'epoch', experimentId: 'e', trialId: 't', fold: 1, epochs: 5, metric });
  });
});
