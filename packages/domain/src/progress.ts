import { z } from 'zod';
import { ZRefitStatus } from './evaluation';
import { ZEpochMetric } from './experiment';
import { ZExperimentStatus, ZFoldStatus, ZTrialStatus } from './run-lifecycle';
import { ZMetricNumber } from './wire-number';

/**
 * Live progress, published by workers on Redis pub/sub and streamed to browsers as
 * server-sent events. Every event names its experiment so one channel can carry many.
 */
export const ZProgressEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('experiment'), experimentId: z.string(), status: ZExperimentStatus }),
    z.object({
      type: z.literal('trial'),
      experimentId: z.string(),
      trialId: z.string(),
      status: ZTrialStatus,
      meanValAccuracy: z.number().nullable(),
      stdValAccuracy: z.number().nullable(),
    }),
    z.object({
      type: z.literal('fold'),
      experimentId: z.string(),
      trialId: z.string(),
      fold: z.number().int(),
      status: ZFoldStatus,
      valAccuracy: z.number().nullable(),
      backend: z.string().nullable(),
    }),
    z.object({
      type: z.literal('epoch'),
      experimentId: z.string(),
      trialId: z.string(),
      fold: z.number().int(),
      epochs: z.number().int(),
      metric: ZEpochMetric,
    }),
    z.object({
      type: z.literal('refit'),
      experimentId: z.string(),
      trialId: z.string(),
      status: ZRefitStatus,
      testAccuracy: z.number().nullable(),
    }),
    z.object({
      type: z.literal('rung'),
      experimentId: z.string(),
      trialId: z.string(),
      rung: z.number().int(),
      meanValAccuracy: z.number(),
      promoted: z.boolean(),
    }),
    z.object({
      type: z.literal('batch'),
      experimentId: z.string(),
      trialId: z.string(),
      fold: z.number().int(),
      epoch: z.number().int(),
      epochs: z.number().int(),
      batch: z.number().int(),
      batches: z.number().int(),
    }),
    // A run logged from code (POST /runs/{id}/log, PATCH /runs/{id}): its status and the points
    // the log stored, so a chart can append them without reading the series again (values are
    // numbers, NaN included; on the wire "NaN", as in epoch events).
    z.object({
      type: z.literal('run'),
      experimentId: z.string(),
      runId: z.string(),
      status: ZTrialStatus,
      lastSeenAt: z.string().nullable(),
      points: z.array(
        z.object({ key: z.string(), fold: z.number().int().nullable(), step: z.number().int(), value: ZMetricNumber, time: z.string() }),
      ),
    }),
  ])
  .meta({ id: 'ProgressEvent' });
export type TProgressEvent = z.infer<typeof ZProgressEvent>;

export function progressChannel(prefix: string, experimentId: string): string {
  return `${prefix}:progress:${experimentId}`;
}

/**
 * The Redis stream that keeps an experiment's recent progress events for replay: a client that
 * reconnects with the id of the last event it saw (SSE's Last-Event-ID) is sent what it missed.
 * Every event is appended there and published on progressChannel in one step (publishProgress
 * in @atelier/db); the stream id is the event's id.
 */
export function progressStreamKey(prefix: string, experimentId: string): string {
  return `${prefix}:progress-replay:${experimentId}`;
}

/** What the replay stream keeps: events of the last hour, at most this many per experiment (Redis trims approximately). */
export const PROGRESS_REPLAY = { seconds: 3600, maxEvents: 5000 } as const;

/** A Redis stream id, as SSE sends it in `id:`: milliseconds-sequence. */
export const ZEventId = z
  .string()
  .regex(/^\d{1,20}-\d{1,20}$/, 'an event id is the `id:` of an event this stream sent, like 1765000000000-0');

/** Orders two event ids (stream ids grow with time): negative when a is older. */
export function compareEventIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map((part) => BigInt(part));
  const [bMs = 0n, bSeq = 0n] = b.split('-').map((part) => BigInt(part));
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

/** A progress event as it travels on the Redis channel: with its id in the replay stream. */
export const ZProgressEnvelope = z.object({ id: ZEventId, event: ZProgressEvent });
export type TProgressEnvelope = z.infer<typeof ZProgressEnvelope>;

/** Query of the live streams (GET …/events): where a reconnecting client resumes, when it cannot send the Last-Event-ID header. */
export const ZEventStreamQuery = z.object({
  lastEventId: ZEventId.optional().describe('The id of the last event received; the same as the Last-Event-ID header (the header wins)'),
});

/**
 * The first event of every live stream (`event: snapshot`). Resumed (the client sent the id of
 * the last event it saw, and the stream still holds everything after it): `replayed` events
 * follow, the missed ones in order, then the live ones; `state` is null. Otherwise `state` is
 * the current state (read after the stream subscribed, so that every later event follows it)
 * and the SSE `id` of the frame is where a reconnect resumes from.
 */
export function streamSnapshotSchema<T extends z.ZodType>(state: T) {
  return z.object({
    type: z.literal('snapshot'),
    experimentId: z.string(),
    resumed: z.boolean(),
    replayed: z.number().int(),
    state: state.nullable(),
  });
}
export type TEventStreamQuery = z.output<typeof ZEventStreamQuery>;
