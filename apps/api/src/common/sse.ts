import { type TProgressEvent, ZProgressEvent } from '@atelier/domain';

/**
 * One server-sent event frame: `event: <type>\ndata: <json>\n\n`. The event is encoded with its
 * schema, so a diverged epoch's NaN loss goes out as "NaN" (which the web decodes) and not null.
 */
export function formatSseEvent(event: TProgressEvent): string {
  // JSON.stringify never emits a raw newline, so one data line always suffices.
  return `event: ${event.type}\ndata: ${JSON.stringify(ZProgressEvent.encode(event))}\n\n`;
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

export const SSE_HEARTBEAT_MS = 15_000;

interface SseRequest {
  on(event: 'close', listener: () => void): unknown;
}
interface SseResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders(): void;
  write(chunk: string): boolean;
  end(): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

/**
 * Streams progress events until the client goes away. `subscribe` runs first and may throw
 * (an unknown experiment answers 404 as JSON); events it delivers before the headers are out
 * are kept and sent right after them.
 */
export async function streamSse(
  request: SseRequest,
  response: SseResponse,
  subscribe: (send: (event: TProgressEvent) => void) => Promise<() => void>,
  heartbeatMs = SSE_HEARTBEAT_MS,
): Promise<void> {
  let ready = false;
  const pending: TProgressEvent[] = [];
  const send = (event: TProgressEvent) => {
    if (!ready) pending.push(event);
    else if (!response.writableEnded && !response.destroyed) response.write(formatSseEvent(event));
  };
  const unsubscribe = await subscribe(send);
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!response.writableEnded && !response.destroyed) response.write(formatSseComment('heartbeat'));
  }, heartbeatMs);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.on('close', close);
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx and similar proxies would otherwise buffer the stream
    'x-accel-buffering': 'no',
  });
  response.flushHeaders();
  response.write(formatSseComment('connected'));
  ready = true;
  for (const event of pending.splice(0)) send(event);
  if (response.destroyed) close();
}
