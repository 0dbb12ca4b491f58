import { Redis } from 'ioredis';
import { PROGRESS_REPLAY, progressChannel, progressStreamKey, type TProgressEvent, ZProgressEnvelope } from '@atelier/domain';
import { progressHead, progressSince, publishProgress } from '../src/progress-stream';
import { dropRedisPrefix, uniqueRedisPrefix } from '../src/testing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('publishProgress and the replay stream (Redis)', () => {
  const prefix = uniqueRedisPrefix('progress-stream');
  let redis: Redis;
  let subscriber: Redis;
  const epoch = (n: number, loss = 1 / n): TProgressEvent => ({
    type: 'epoch',
    experimentId: 'e1',
    trialId: 't1',
    fold: 0,
    epochs: 9,
    metric: { epoch: n, loss, accuracy: 0.5, valLoss: Infinity, valAccuracy: null, seconds: 1 },
  });

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    subscriber = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    await (subscriber as Redis | undefined)?.quit();
    await (redis as Redis | undefined)?.quit();
    await dropRedisPrefix(REDIS_URL, prefix);
  });

  it('publishes each event with its stream id, keeps it for replay (with an expiry), NaN spelled as on the wire', async () => {
    const heard: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => heard.push(message));
    await subscriber.subscribe(progressChannel(prefix, 'e1'));
    const first = await publishProgress(redis, prefix, epoch(1, Number.NaN));
    const second = await publishProgress(redis, prefix, epoch(2));
    for (let i = 0; i < 50 && heard.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscriber.unsubscribe();

    const envelopes = heard.map((message) => ZProgressEnvelope.parse(JSON.parse(message)));
    expect(envelopes.map((e) => e.id)).toEqual([first, second]);
    expect(JSON.parse(heard[0]!)).toMatchObject({ event: { metric: { loss: 'NaN', valLoss: 'Infinity' } } });
    expect(envelopes[0]!.event).toEqual(epoch(1, Number.NaN));
    expect(await progressHead(redis, prefix, 'e1')).toBe(second);
    const ttl = await redis.ttl(progressStreamKey(prefix, 'e1'));
    expect(ttl).toBeGreaterThan(PROGRESS_REPLAY.seconds - 10);
    expect(ttl).toBeLessThanOrEqual(PROGRESS_REPLAY.seconds);

    // what came after the first: the second, and that is all that was missed
    expect(await progressSince(redis, prefix, 'e1', first)).toEqual({ events: [{ id: second, event: epoch(2) }], complete: true });
    expect(await progressSince(redis, prefix, 'e1', second)).toEqual({ events: [], complete: true });
  });

  it('says the replay is incomplete when events after the id were trimmed, or the stream expired', async () => {
    const key = progressStreamKey(prefix, 'e2');
    const ids: string[] = [];
    for (let n = 1; n <= 4; n++) ids.push(await publishProgress(redis, prefix, { ...epoch(n), experimentId: 'e2' }));
    await redis.xtrim(key, 'MAXLEN', 2); // exact trim: the first two are gone
    const trimmed = await progressSince(redis, prefix, 'e2', ids[0]!);
    expect(trimmed.complete).toBe(false);
    expect(trimmed.events.map((e) => e.id)).toEqual(ids.slice(2));
    // an id that was trimmed itself cannot vouch for its successor: incomplete, to be safe
    expect((await progressSince(redis, prefix, 'e2', ids[1]!)).complete).toBe(false);
    expect(await progressSince(redis, prefix, 'e2', ids[2]!)).toMatchObject({ events: [{ id: ids[3] }], complete: true });
    await redis.del(key);
    expect(await progressSince(redis, prefix, 'e2', ids[3]!)).toEqual({ events: [], complete: false });
    expect(await progressHead(redis, prefix, 'e2')).toBeNull();
  });
});
