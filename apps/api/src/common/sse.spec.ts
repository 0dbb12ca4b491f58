import { EventEmitter } from 'node:events';
import type { TProgressEnvelope, TProgressEvent } from '@atelier/domain';
import type { ProgressReplay } from '@atelier/db';
import { formatSseComment, formatSseEvent, type LiveSource, resumeFrom, streamSse } from './sse';

const epoch: TProgressEvent = {
  type: 'epoch',
  experimentId: 'e1',
  trialId: 't1',
  fold: 0,
  epochs: 2,
  metric: { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, seconds: 1.5 },
};
const done: TProgressEvent = { type: 'experiment', experimentId: 'e1', status: 'completed' };
const at = (id: string, event: TProgressEvent = epoch): TProgressEnvelope => ({ id, event });

class FakeResponse {
  chunks: string[] = [];
  head: [number, Record<string, string>] | null = null;
  writableEnded = false;
  destroyed = false;
  writeHead(status: number, headers: Record<string, string>) {
    this.head = [status, headers];
  }
  flushHeaders() {}
  write(chunk: string) {
    if (!this.head) throw new Error('body before headers');
    this.chunks.push(chunk);
    return true;
  }
  end() {
    this.writableEnded = true;
  }
}

/** A source whose subscribe hands back `send` and delivers `early` before the stream is open. */
function source(options: { early?: TProgressEnvelope[]; replay?: ProgressReplay; head?: string | null; state?: unknown; fail?: Error }) {
  const unsubscribe = jest.fn();
  const live: { send?: (envelope: TProgressEnvelope) => void } = {};
  const liveSource: LiveSource = {
    experimentId: 'e1',
    subscribe: (send) => {
      if (options.fail) return Promise.reject(options.fail);
      live.send = send;
      for (const envelope of options.early ?? []) send(envelope);
      return Promise.resolve(unsubscribe);
    },
    replay: () => Promise.resolve(options.replay ?? { events: [], complete: false }),
    head: () => Promise.resolve(options.head ?? null),
    state: () => Promise.resolve(options.state ?? { status: 'running' }),
  };
  return { liveSource, unsubscribe, live };
}

const snapshotOf = (chunks: string[]) => {
  const frame = chunks.find((chunk) => chunk.includes('event: snapshot'))!;
  return { id: /^id: (.*)$/m.exec(frame)?.[1] ?? null, data: JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as Record<string, unknown> };
};

describe('SSE formatting', () => {
  it('writes one event frame: its id, event line, one data line of JSON, blank line', () => {
    const frame = formatSseEvent(at('1765000000000-3'));
    expect(frame).toBe(`id: 1765000000000-3\nevent: epoch\ndata: ${JSON.stringify(epoch)}\n\n`);
    expect(JSON.parse(frame.split('\n')[2]!.slice('data: '.length))).toEqual(epoch);
  });

  it('keeps comments on one line', () => {
    expect(formatSseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });
});

describe('streamSse', () => {
  afterEach(() => jest.useRealTimers());

  it('answers 404-style errors before any header, when the source cannot subscribe', async () => {
    const response = new FakeResponse();
    await expect(streamSse(new EventEmitter(), response, source({ fail: new Error('not found') }).liveSource)).rejects.toThrow('not found');
    expect(response.head).toBeNull();
  });

  it('starts a new stream with the state and the id to resume from; sends live events once and heartbeats; unsubscribes on close', async () => {
    jest.useFakeTimers();
    const request = new EventEmitter();
    const response = new FakeResponse();
    // one event the state already holds (not newer than the head), one that came after it
    const { liveSource, unsubscribe, live } = source({ early: [at('100-0'), at('101-0')], head: '100-0', state: { status: 'running' } });
    await streamSse(request, response, liveSource, undefined, 1000);
    expect(response.head?.[0]).toBe(200);
    expect(response.head?.[1]['content-type']).toContain('text/event-stream');
    expect(response.chunks[0]).toBe('retry: 1000\n\n');
    expect(snapshotOf(response.chunks)).toEqual({
      id: '100-0',
      data: { type: 'snapshot', experimentId: 'e1', resumed: false, replayed: 0, state: { status: 'running' } },
    });
    expect(response.chunks.slice(2)).toEqual([formatSseEvent(at('101-0'))]);

    live.send!(at('102-0', done));
    jest.advanceTimersByTime(1000);
    expect(response.chunks.slice(3)).toEqual([formatSseEvent(at('102-0', done)), ': heartbeat\n\n']);

    request.emit('close');
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(response.chunks).toHaveLength(5);
  });

  it('resumes after Last-Event-ID: the missed events in order, then live ones, none twice', async () => {
    const response = new FakeResponse();
    const missed = [at('101-0'), at('102-0', done)];
    // 102-0 arrived live while the replay was read: it is sent once, 103-0 after it
    const { liveSource } = source({ early: [at('102-0', done), at('103-0')], replay: { events: missed, complete: true } });
    await streamSse(new EventEmitter(), response, liveSource, '100-0');
    expect(snapshotOf(response.chunks)).toEqual({
      id: null,
      data: { type: 'snapshot', experimentId: 'e1', resumed: true, replayed: 2, state: null },
    });
    expect(response.chunks.slice(2)).toEqual([formatSseEvent(missed[0]!), formatSseEvent(missed[1]!), formatSseEvent(at('103-0'))]);
  });

  it('sends the state instead when the replay cannot cover what the client missed', async () => {
    const response = new FakeResponse();
    const { liveSource } = source({ replay: { events: [at('900-0')], complete: false }, head: '900-0', state: { status: 'paused' } });
    await streamSse(new EventEmitter(), response, liveSource, '1-0');
    expect(snapshotOf(response.chunks)).toEqual({
      id: '900-0',
      data: { type: 'snapshot', experimentId: 'e1', resumed: false, replayed: 0, state: { status: 'paused' } },
    });
    expect(response.chunks).toHaveLength(2);
  });
});

describe('resumeFrom', () => {
  it('takes the Last-Event-ID header first, then ?lastEventId=, and refuses a header that is no event id', () => {
    expect(resumeFrom('5-1', { lastEventId: '4-0' })).toBe('5-1');
    expect(resumeFrom(undefined, { lastEventId: '4-0' })).toBe('4-0');
    expect(resumeFrom('', {})).toBeUndefined();
    expect(() => resumeFrom('yesterday', {})).toThrow("Last-Event-ID 'yesterday' is not an event id");
  });
});
