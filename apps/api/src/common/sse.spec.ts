import { EventEmitter } from 'node:events';
import type { TProgressEvent } from '@atelier/domain';
import { formatSseComment, formatSseEvent, streamSse } from './sse';

const epoch: TProgressEvent = {
  type: 'epoch',
  experimentId: 'e1',
  trialId: 't1',
  fold: 0,
  epochs: 2,
  metric: { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, seconds: 1.5 },
};

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

describe('SSE formatting', () => {
  it('writes one event frame: event line, one data line of JSON, blank line', () => {
    const frame = formatSseEvent(epoch);
    expect(frame).toBe(`event: epoch\ndata: ${JSON.stringify(epoch)}\n\n`);
    expect(frame.split('\n')).toHaveLength(4);
    expect(JSON.parse(frame.split('\n')[1]!.slice('data: '.length))).toEqual(epoch);
  });

  it('keeps comments on one line', () => {
    expect(formatSseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });
});

describe('streamSse', () => {
  afterEach(() => jest.useRealTimers());

  it('answers 404-style errors before any header, when subscribe throws', async () => {
    const response = new FakeResponse();
    await expect(streamSse(new EventEmitter(), response, () => Promise.reject(new Error('not found')))).rejects.toThrow('not found');
    expect(response.head).toBeNull();
  });

  it('sends headers, early events, live events and heartbeats; unsubscribes on close', async () => {
    jest.useFakeTimers();
    const request = new EventEmitter();
    const response = new FakeResponse();
    const unsubscribe = jest.fn();
    let send!: (event: TProgressEvent) => void;
    await streamSse(request, response, (s) => {
      send = s;
      s(epoch); // arrives before the headers are out
      return Promise.resolve(unsubscribe);
    }, 1000);
    expect(response.head?.[0]).toBe(200);
    expect(response.head?.[1]['content-type']).toContain('text/event-stream');
    expect(response.chunks).toEqual([': connected\n\n', formatSseEvent(epoch)]);

    const done: TProgressEvent = { type: 'experiment', experimentId: 'e1', status: 'completed' };
    send(done);
    jest.advanceTimersByTime(1000);
    expect(response.chunks.slice(2)).toEqual([formatSseEvent(done), ': heartbeat\n\n']);

    request.emit('close');
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(response.chunks).toHaveLength(4);
  });
});
