import { compareEventIds, type TProgressEnvelope, ZApiError, ZEventId, ZEventStreamQuery, ZProgressEvent } from '@atelier/domain';
import { badRequest } from './api-exception';
import type { RouteContract } from './contract';
import { ZIdParams } from './schemas';
import type { ProgressReplay } from '@atelier/db';

/**
 * One server-sent event frame: `id: <event id>\nevent: <type>\ndata: <json>\n\n`. The event is
 * encoded with its schema, so a diverged epoch's NaN loss goes out as "NaN" (which the web
 * decodes) and not null. The id is what the client sends back as Last-Event-ID to resume.
 */
export function formatSseEvent({ id, event }: TProgressEnvelope): string {
  // JSON.stringify never emits a raw newline, so one data line always suffices.
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(ZProgressEvent.encode(event))}\n\n`;
}

/** The OpenAPI contract of a live stream route (GET …/:id/events): the same frames and resume rule on every one. */
export function liveStreamContract(route: { summary: string; carries: string; tag: string; missing: string }): RouteContract {
  return {
    summary: route.summary,
    description:
      `${route.carries} The stream starts with a \`snapshot\` event (resumed, with the missed events after it, or with the current ` +
      'state and the id to resume from), then each event as `id: <event id>`, `event: <type>`, `data: <ProgressEvent JSON>`; ' +
      '`retry: 1000`; a comment line every 15 s keeps it open. A client that reconnects with the Last-Event-ID header (or ' +
      '`?lastEventId=`) is sent what it missed, for an hour.',
    tags: [route.tag],
    params: ZIdParams,
    query: ZEventStreamQuery,
    responses: {
      200: { description: 'A stream of progress events', schema: ZProgressEvent, contentType: 'text/event-stream' },
      400: { description: 'Last-Event-ID is not an event id', schema: ZApiError },
      404: { description: route.missing, schema: ZApiError },
    },
  };
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

export const SSE_HEARTBEAT_MS = 15_000;
/** How soon an EventSource reconnects after the stream drops (SSE `retry:`): within the 2 s the UI promises. */
export const SSE_RETRY_MS = 1_000;

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
 * Where a reconnecting client resumes: the Last-Event-ID header (EventSource sends it by itself)
 * or, for a client that opens a new EventSource and cannot set headers, `?lastEventId=`.
 */
export function resumeFrom(header: string | string[] | undefined, query: { lastEventId?: string }): string | undefined {
  const sent = Array.isArray(header) ? header[0] : header;
  if (sent === undefined || sent === '') return query.lastEventId;
  const parsed = ZEventId.safeParse(sent);
  if (!parsed.success)
    throw badRequest(`Last-Event-ID '${sent.slice(0, 40)}' is not an event id: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  return parsed.data;
}

/** What a live stream is made of: its events (live and kept for replay) and its current state. */
export interface LiveSource {
  experimentId: string;
  /** Starts delivering live events; may throw (an unknown id answers 404 as JSON, before any header). */
  subscribe(send: (envelope: TProgressEnvelope) => void): Promise<() => void>;
  /** The events after `afterId` (ProgressHub.replay, filtered to what this stream carries). */
  replay(afterId: string): Promise<ProgressReplay>;
  /** The newest event id kept (ProgressHub.head): where a stream that starts now resumes from. */
  head(): Promise<string | null>;
  /** The current state, encoded for the wire: the snapshot event's `state`. */
  state(): Promise<unknown>;
}

/**
 * Streams progress until the client goes away. It subscribes first, so nothing published from
 * then on is missed, and then starts with a `snapshot` event (streamSnapshotSchema in the
 * domain): with `lastEventId` still covered by the replay stream, the snapshot says `resumed`
 * and the missed events follow, in order; otherwise it carries the current state, read after
 * subscribing, and the id to resume from. Live events follow, none twice: those that arrived
 * meanwhile are sent only when newer than what the replay or the state already covered.
 */
export async function streamSse(
  request: SseRequest,
  response: SseResponse,
  source: LiveSource,
  lastEventId?: string,
  heartbeatMs = SSE_HEARTBEAT_MS,
): Promise<void> {
  let ready = false;
  const early: TProgressEnvelope[] = [];
  const write = (chunk: string) => {
    if (!response.writableEnded && !response.destroyed) response.write(chunk);
  };
  const send = (envelope: TProgressEnvelope) => {
    if (!ready) early.push(envelope);
    else write(formatSseEvent(envelope));
  };
  const unsubscribe = await source.subscribe(send);
  let opening: Opening;
  try {
    opening = await openStream(source, lastEventId);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  let closed = false;
  const heartbeat = setInterval(() => write(formatSseComment('heartbeat')), heartbeatMs);
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
  write(`retry: ${SSE_RETRY_MS}\n\n`);
  write(opening.snapshot);
  for (const envelope of opening.replayed) write(formatSseEvent(envelope));
  // the live events that arrived while the stream opened, but none the opening covered already
  for (const envelope of early.splice(0)) {
    if (opening.covers === null || compareEventIds(envelope.id, opening.covers) > 0) write(formatSseEvent(envelope));
  }
  ready = true;
  if (response.destroyed) close();
}

interface Opening {
  /** The snapshot frame. */
  snapshot: string;
  /** The missed events, when resuming. */
  replayed: TProgressEnvelope[];
  /** The newest event id the snapshot and the replay account for (null: none). */
  covers: string | null;
}

async function openStream(source: LiveSource, lastEventId: string | undefined): Promise<Opening> {
  const snapshotFrame = (body: Record<string, unknown>, id: string | null) =>
    `${id ? `id: ${id}\n` : ''}event: snapshot\ndata: ${JSON.stringify({ type: 'snapshot', experimentId: source.experimentId, ...body })}\n\n`;
  if (lastEventId !== undefined) {
    const replay = await source.replay(lastEventId);
    if (replay.complete) {
      return {
        snapshot: snapshotFrame({ resumed: true, replayed: replay.events.length, state: null }, null),
        replayed: replay.events,
        covers: replay.events.at(-1)?.id ?? lastEventId,
      };
    }
  }
  // the head is read before the state: an event newer than the head may be in the state too,
  // and is sent all the same (applying an event twice is harmless; missing one is not)
  const head = await source.head();
  const state = await source.state();
  return { snapshot: snapshotFrame({ resumed: false, replayed: 0, state }, head), replayed: [], covers: head };
}
