import type { TLogRequest, TMetricPoint } from '@atelier/domain';
import { AtelierError } from './errors.js';
import { Outbox, type OutboxOptions } from './outbox.js';

const points = (count: number, from = 0): TMetricPoint[] =>
  Array.from({ length: count }, (_, i) => ({ key: 'loss', value: i + from, step: i + from }));

/** A fake API: records each batch it accepts, fails as the test scripts it. */
function fakeApi(script: ((batch: TLogRequest) => void)[] = []) {
  const accepted: TLogRequest[] = [];
  const warnings: string[] = [];
  let calls = 0;
  const send: OutboxOptions['send'] = async (batch) => {
    const step = script[calls++];
    step?.(batch);
    accepted.push(structuredClone(batch));
    await Promise.resolve();
  };
  return { accepted, warnings, send, warn: (message: string) => warnings.push(message), calls: () => calls };
}

const down = () => {
  throw new AtelierError('connect ECONNREFUSED 127.0.0.1:3001', 'network');
};
const steps = (batches: TLogRequest[]) => batches.flatMap((batch) => batch.metrics ?? []).map((point) => point.step);

describe('Outbox', () => {
  let outbox: Outbox | undefined;
  afterEach(() => outbox?.close());

  it('sends queued points in order, at most batchPoints per request', async () => {
    const api = fakeApi();
    outbox = new Outbox({ send: api.send, warn: api.warn, batchPoints: 500, flushIntervalMs: 60_000 });
    outbox.addPoints(points(1200));
    const totals = await outbox.flush();
    expect(api.accepted.map((batch) => batch.metrics?.length)).toEqual([500, 500, 200]);
    expect(steps(api.accepted)).toEqual(points(1200).map((point) => point.step));
    expect(totals).toEqual({ sent: 1200, pending: 0, dropped: 0 });
  });

  it('keeps a batch through network errors and sends every point exactly once when the API is back', async () => {
    const api = fakeApi([down, down]);
    outbox = new Outbox({ send: api.send, warn: api.warn, batchPoints: 100, flushIntervalMs: 60_000, random: () => 0 });
    outbox.addPoints(points(250));
    const totals = await outbox.flush();
    expect(steps(api.accepted)).toEqual(points(250).map((point) => point.step));
    expect(totals).toEqual({ sent: 250, pending: 0, dropped: 0 });
    expect(api.warnings).toEqual([
      'atelier: cannot send to the API (connect ECONNREFUSED 127.0.0.1:3001); keeping the points and retrying',
      'atelier: the API answers again; sending the 150 points that waited',
    ]);
  });

  it('retries 5xx answers and drops a batch the API refuses, warning once per status', async () => {
    const unavailable = () => {
      throw new AtelierError('PostgreSQL is unreachable', 'unavailable', 503);
    };
    const refused = () => {
      throw new AtelierError('Run 3 has ended', 'refused', 409);
    };
    const api = fakeApi([unavailable, refused, refused]);
    outbox = new Outbox({ send: api.send, warn: api.warn, batchPoints: 10, flushIntervalMs: 60_000, random: () => 0 });
    outbox.addPoints(points(40));
    const totals = await outbox.flush();
    // the first batch waited out the 503 and was refused, like the second; the last two went in
    expect(steps(api.accepted)).toEqual(points(20, 20).map((point) => point.step));
    expect(totals).toEqual({ sent: 20, pending: 0, dropped: 20 });
    expect(api.warnings.filter((message) => message.includes('refused'))).toEqual([
      'atelier: the API refused a batch of 10 points and it was dropped: Run 3 has ended',
    ]);
  });

  it('sends parameters apart from points, so a refused parameter loses no metric', async () => {
    const conflict = (batch: TLogRequest) => {
      if (batch.params) throw new AtelierError('lr was logged before with 0.1', 'refused', 409);
    };
    const api = fakeApi([conflict]);
    outbox = new Outbox({ send: api.send, warn: api.warn, flushIntervalMs: 60_000 });
    outbox.addPoints(points(3));
    outbox.addParams({ lr: 0.2 });
    outbox.addTags({ team: 'vision' });
    await outbox.flush();
    expect(api.accepted).toEqual([{ tags: { team: 'vision' } }, { metrics: points(3) }]);
  });

  it('bounds the queue while the API is away: newer points are dropped, with one warning', async () => {
    const api = fakeApi(Array.from({ length: 100 }, () => down));
    outbox = new Outbox({ send: api.send, warn: api.warn, batchPoints: 5, maxQueuedPoints: 10, flushIntervalMs: 60_000, random: () => 0 });
    outbox.addPoints(points(8));
    outbox.addPoints(points(7, 8));
    const totals = await outbox.flush(300);
    expect(totals).toEqual({ sent: 0, pending: 10, dropped: 5 });
    expect(api.warnings.filter((message) => message.includes('dropped'))).toEqual([
      'atelier: 10 points are waiting for the API; newer points are dropped until it answers again',
    ]);
  });

  it('gives up a flush at its deadline, keeping what is left', async () => {
    const api = fakeApi(Array.from({ length: 100 }, () => down));
    outbox = new Outbox({ send: api.send, warn: api.warn, flushIntervalMs: 60_000, random: () => 0 });
    outbox.addPoints(points(3));
    const started = Date.now();
    const totals = await outbox.flush(1200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(totals.pending).toBe(3);
  });

  it('does not hammer an API that is down: periodic attempts wait out the back-off', async () => {
    const api = fakeApi(Array.from({ length: 100 }, () => down));
    outbox = new Outbox({ send: api.send, warn: api.warn, flushIntervalMs: 10, random: () => 0 });
    outbox.addPoints(points(1));
    await new Promise((resolve) => setTimeout(resolve, 600));
    // the first attempt at the first tick, the second after 400 ms (the first back-off, less 20 %)
    expect(api.calls()).toBe(2);
  });

  it('flushes by itself every flushIntervalMs', async () => {
    const api = fakeApi();
    outbox = new Outbox({ send: api.send, warn: api.warn, flushIntervalMs: 50 });
    outbox.addPoints(points(2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(steps(api.accepted)).toEqual([0, 1]);
  });
});
