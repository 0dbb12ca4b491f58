import type { Redis } from 'ioredis';
import {
  compareEventIds,
  PROGRESS_REPLAY,
  progressChannel,
  progressStreamKey,
  type TProgressEnvelope,
  type TProgressEvent,
  ZProgressEvent,
} from '@atelier/domain';

// Appends the event to the replay stream and publishes it with its new id, atomically and in
// one round trip: a subscriber never sees an event the stream lacks, nor one without an id.
// KEYS[1] the stream; ARGV: the event's JSON, the stream's approximate length cap, its expiry
// in seconds, the channel.
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], '{"id":"' .. id .. '","event":' .. ARGV[1] .. '}')
return id`;

/** The script as a command of the client (ioredis sends EVALSHA, and the script itself only when Redis lacks it). */
const PUBLISH_COMMAND = 'atelierPublishProgress';
type PublishingRedis = Redis & { [PUBLISH_COMMAND](key: string, ...args: (string | number)[]): Promise<unknown> };

function publishing(redis: Redis): PublishingRedis {
  if (!(PUBLISH_COMMAND in redis)) redis.defineCommand(PUBLISH_COMMAND, { numberOfKeys: 1, lua: PUBLISH_SCRIPT });
  return redis as PublishingRedis;
}

/**
 * Publishes a progress event (workers and the API alike): kept in the experiment's replay stream
 * for PROGRESS_REPLAY.seconds, and sent on its channel as a TProgressEnvelope. Resolves to its id.
 */
export async function publishProgress(redis: Redis, prefix: string, event: TProgressEvent): Promise<string> {
  // encode: validates the event and spells a diverged epoch's NaN as "NaN" (JSON would write null)
  const wire = ZProgressEvent.encode(event);
  const id = await publishing(redis)[PUBLISH_COMMAND](
    progressStreamKey(prefix, wire.experimentId),
    JSON.stringify(wire),
    PROGRESS_REPLAY.maxEvents,
    PROGRESS_REPLAY.seconds,
    progressChannel(prefix, wire.experimentId),
  );
  return String(id);
}

/** What a reconnecting stream is sent: the events after the client's last, and whether that is all it missed. */
export interface ProgressReplay {
  events: TProgressEnvelope[];
  /** False when some of what came after `afterId` is gone (trimmed, or the stream expired): the client needs a fresh state. */
  complete: boolean;
}

/** The newest event id of the experiment's replay stream, or null when it holds none. */
export async function progressHead(redis: Redis, prefix: string, experimentId: string): Promise<string | null> {
  const [newest] = await redis.xrevrange(progressStreamKey(prefix, experimentId), '+', '-', 'COUNT', 1);
  return newest?.[0] ?? null;
}

/** The events after `afterId` (oldest first), at most PROGRESS_REPLAY.maxEvents. */
export async function progressSince(redis: Redis, prefix: string, experimentId: string, afterId: string): Promise<ProgressReplay> {
  const key = progressStreamKey(prefix, experimentId);
  const [entries, info] = await Promise.all([
    redis.xrange(key, `(${afterId}`, '+', 'COUNT', PROGRESS_REPLAY.maxEvents),
    redis.call('XINFO', 'STREAM', key).catch(() => null),
  ]);
  // No stream: it expired (an hour without events), so nothing says what came after afterId.
  if (!Array.isArray(info)) return { events: [], complete: false };
  const field = (name: string): unknown => info[info.indexOf(name) + 1];
  // Trimming drops the oldest entries first, so nothing after afterId is gone when afterId is not
  // older than the oldest entry kept (an empty stream: when nothing was added since afterId).
  const oldest = field('first-entry');
  const whole =
    Array.isArray(oldest) && typeof oldest[0] === 'string'
      ? compareEventIds(afterId, oldest[0]) >= 0
      : compareEventIds(afterId, String(field('last-generated-id'))) >= 0;
  const events: TProgressEnvelope[] = [];
  for (const [id, fields] of entries) {
    const json = fields[fields.indexOf('event') + 1];
    const parsed = json === undefined ? null : ZProgressEvent.safeParse(JSON.parse(json));
    if (parsed?.success) events.push({ id, event: parsed.data });
  }
  return { events, complete: whole && entries.length < PROGRESS_REPLAY.maxEvents };
}
