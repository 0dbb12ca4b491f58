import { ZProjectSlug } from './auth';
import { z } from 'zod';
import { ZListInclude } from './lifecycle';
import { ZTrialStatus } from './run-lifecycle';
import { ZWireNumber } from './wire-number';

/**
 * Runs as data (issue 8): the REST contract of runs logged from code, shared by the API, the web
 * app, the SDK and the CLI. A search's trial is a run too; these shapes describe both.
 */

/** Limits of one request, so memory stays bounded whatever a client sends. */
export const RUN_LIMITS = {
  /** Metric points in one POST /runs/{id}/log; more is a 413. */
  pointsPerLog: 1000,
  /** Parameters of one run (after flattening). */
  params: 500,
  /** Tags of one run or experiment. */
  tags: 100,
  keyLength: 250,
  /** A string parameter's or a tag's value. */
  valueLength: 5000,
  notesLength: 100_000,
  /** What a failed run keeps of its error (message and stack). */
  errorLength: 10_000,
  nameLength: 250,
  /**
   * Largest JSON request body the API reads: room for a full log batch (1,000 points with long
   * keys, 500 parameters of 5,000 characters, 100 tags), while still bounding memory per request.
   */
  requestBytes: 4 * 1024 * 1024,
  /** An artifact's path within its run ("plots/roc.png"). */
  artifactNameLength: 500,
} as const;

/**
 * The metric keys of one epoch, step = the 1-based epoch: a search trial's worker logs them per
 * fold, and the SDK's TF.js callback logs a script's epochs under the same names (TF.js's `acc`
 * becomes `accuracy`), so runs from code and search trials compare on one chart.
 */
export const EPOCH_METRIC_KEYS = {
  loss: 'loss',
  accuracy: 'accuracy',
  valLoss: 'val_loss',
  valAccuracy: 'val_accuracy',
  seconds: 'epoch_seconds',
  learningRate: 'learning_rate',
  imagesPerSecond: 'images_per_second',
} as const;

/** Metric and parameter keys: letters, digits and `_ - . / : space`, as MLflow allows. */
export const ZRunKey = z
  .string()
  .min(1, 'a key must not be empty')
  .max(RUN_LIMITS.keyLength, `a key must be at most ${RUN_LIMITS.keyLength} characters`)
  .regex(/^[\w\-./: ]+$/, 'a key may hold only letters, digits, spaces and _ - . / :');

/** One parameter's value: numbers, strings and booleans; nested objects are flattened first. */
export const ZParamValue = z.union([z.number(), z.string().max(RUN_LIMITS.valueLength), z.boolean()]);
export type TParamValue = z.infer<typeof ZParamValue>;

/** A run's parameters, flat: `{"optimizer.beta1": 0.9}`. */
export const ZParams = z.record(ZRunKey, ZParamValue).meta({ id: 'Params' });
export type TParams = z.infer<typeof ZParams>;

export const ZTags = z
  .record(ZRunKey, z.string().max(RUN_LIMITS.valueLength))
  .refine((tags) => Object.keys(tags).length <= RUN_LIMITS.tags, `at most ${RUN_LIMITS.tags} tags`)
  .meta({ id: 'Tags' });
export type TTags = z.infer<typeof ZTags>;

/**
 * A metric value on the wire: NaN and ±Infinity travel as the strings "NaN", "Infinity" and
 * "-Infinity" (wire-number.ts, shared with the search schemas of experiment.ts).
 */
export { NON_FINITE_NAMES, ZMetricNumber, ZWireNumber, fromWireNumber, toWireNumber, type TWireNumber } from './wire-number';

export const ZMetricPoint = z
  .object({
    key: ZRunKey,
    value: ZWireNumber,
    step: z
      .number({ error: 'must be a whole number from 0' })
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(2 ** 31 - 1, `must be at most ${2 ** 31 - 1}`),
    fold: z
      .number({ error: 'must be a whole number from 0 to 1000' })
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(1000, 'must be at most 1000')
      .optional()
      .describe('0-based fold; omitted: the run as a whole'),
    timestamp: z
      .number({ error: 'must be milliseconds since 1970 (a number)' })
      // the range a JavaScript Date (and PostgreSQL's timestamptz) can hold
      .min(0, 'must be milliseconds since 1970, not before')
      .max(8.64e15, 'must be at most 8.64e15 (the last time a Date can hold)')
      .optional()
      .describe('Wall time in milliseconds since the epoch; omitted: when the server received it'),
  })
  .strict()
  .meta({ id: 'MetricPoint' });
export type TMetricPoint = z.infer<typeof ZMetricPoint>;

/** Run statuses: a trial's, plus `lost`, shown (never stored) for a running run gone silent. */
export const RUN_DISPLAY_STATUSES = [...ZTrialStatus.options, 'lost'] as const;
export const ZRunDisplayStatus = z.enum(RUN_DISPLAY_STATUSES);
export type TRunDisplayStatus = z.infer<typeof ZRunDisplayStatus>;

/** What a client may end a run with, and the stored status each becomes. */
export const RUN_END_STATUSES = { finished: 'completed', failed: 'failed', killed: 'cancelled' } as const;
export const ZRunEndStatus = z.enum(['finished', 'failed', 'killed']);

/**
 * How a PATCH changes the tags of a run or an experiment: merged in as a JSON merge patch (RFC
 * 7396), a value sets the tag and null removes it; tags it does not name stay as they are.
 */
export const ZTagsPatch = z
  .record(ZRunKey, z.string().max(RUN_LIMITS.valueLength, `a tag value must be at most ${RUN_LIMITS.valueLength} characters`).nullable())
  .describe('Merged into the tags, as a JSON merge patch: a value sets the tag, null removes it')
  .meta({ id: 'TagsPatch' });
export type TTagsPatch = z.infer<typeof ZTagsPatch>;

/** A tags patch as the database applies it: the tags it sets and the keys it removes. */
export interface TTagChanges {
  set: Record<string, string>;
  remove: string[];
}

export function splitTagPatch(patch: Readonly<TTagsPatch> = {}): TTagChanges {
  const changes: TTagChanges = { set: {}, remove: [] };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) changes.remove.push(key);
    else changes.set[key] = value;
  }
  return changes;
}

/**
 * How many tags `stored` holds once `changes` are merged in, or null when that stays within
 * RUN_LIMITS.tags (the limit of a run and of an experiment alike).
 */
export function tagCountOverLimit(stored: Readonly<Record<string, unknown>>, changes: TTagChanges): number | null {
  const keys = new Set(Object.keys(stored));
  for (const key of Object.keys(changes.set)) keys.add(key);
  for (const key of changes.remove) keys.delete(key);
  return keys.size > RUN_LIMITS.tags ? keys.size : null;
}

export const ZCreateRunRequest = z
  .object({
    project: ZProjectSlug.optional().describe("The project's slug; default: the token's project, else 'default'"),
    experiment: z
      .string()
      .trim()
      .min(1)
      .max(RUN_LIMITS.nameLength)
      .describe('Name of the experiment; created (as a tracked experiment) if missing'),
    name: z.string().trim().min(1).max(RUN_LIMITS.nameLength).optional(),
    params: z
      .record(ZRunKey, z.unknown())
      .optional()
      .describe('Nested objects are flattened: {"optimizer": {"beta1": 0.9}} is "optimizer.beta1"'),
    tags: ZTags.optional(),
    notes: z.string().max(RUN_LIMITS.notesLength).optional(),
  })
  .strict()
  .meta({ id: 'CreateRunRequest' });
export type TCreateRunRequest = z.input<typeof ZCreateRunRequest>;

export const ZLogRequest = z
  .object({
    metrics: z.array(ZMetricPoint).optional(),
    params: z.record(ZRunKey, z.unknown()).optional(),
    tags: ZTags.optional(),
  })
  .strict()
  .meta({ id: 'LogRequest' });
export type TLogRequest = z.input<typeof ZLogRequest>;

export const ZUpdateRunRequest = z
  .object({
    status: ZRunEndStatus.optional().describe('Ends the run: finished, failed or killed (stored as completed, failed, cancelled)'),
    name: z.string().trim().min(1).max(RUN_LIMITS.nameLength).optional(),
    notes: z.string().max(RUN_LIMITS.notesLength).optional().describe('Replaces the notes (markdown)'),
    tags: ZTagsPatch.optional(),
    error: z
      .string()
      .max(RUN_LIMITS.errorLength, `must be at most ${RUN_LIMITS.errorLength} characters`)
      .optional()
      .describe('With status "failed": what went wrong (the message and stack), shown on the run page'),
  })
  .strict()
  .refine((request) => request.error === undefined || request.status === 'failed', {
    path: ['error'],
    error: 'goes only with status "failed"',
  })
  .meta({ id: 'UpdateRunRequest' });
export type TUpdateRunRequest = z.input<typeof ZUpdateRunRequest>;

/** What POST /runs/{id}/log answers once the whole batch is stored. */
export const ZLogResponse = z
  .object({
    runId: z.string(),
    /** Points of the batch, all stored (a point sent again replaces itself: a retried batch is harmless). */
    points: z.number().int(),
    status: ZTrialStatus,
    lastSeenAt: z.string(),
  })
  .meta({ id: 'LogResponse' });
export type TLogResponse = z.infer<typeof ZLogResponse>;

/** Per run and metric key: what lists sort and filter on. */
export const ZMetricSummary = z
  .object({ last: ZWireNumber, lastStep: z.number().int(), min: ZWireNumber, max: ZWireNumber, count: z.number().int() })
  .meta({ id: 'MetricSummary' });
export type TMetricSummary = z.infer<typeof ZMetricSummary>;

export const RUN_SOURCES = ['search', 'tracked'] as const;
export const ZRunSource = z.enum(RUN_SOURCES).describe("'search': a trial Atelier's workers ran; 'tracked': logged from code");

export const ZRunSummary = z
  .object({
    id: z.string(),
    experimentId: z.string(),
    experimentName: z.string(),
    source: ZRunSource,
    number: z.number().int(),
    name: z.string().nullable(),
    status: ZRunDisplayStatus,
    params: ZParams,
    tags: ZTags,
    metrics: z.record(z.string(), ZMetricSummary),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    archivedAt: z.string().nullable().describe('When it was archived (left out of the default list); null when it is not'),
  })
  .meta({ id: 'RunSummary' });
export type TRunSummary = z.infer<typeof ZRunSummary>;

export const ZRunArtifact = z
  .object({
    id: z.string(),
    kind: z.enum(['model', 'file']),
    name: z.string().nullable(),
    contentType: z.string().nullable(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'RunArtifact' });
export type TRunArtifact = z.infer<typeof ZRunArtifact>;

export const ZRunArtifactList = z.object({ runId: z.string(), items: z.array(ZRunArtifact) }).meta({ id: 'RunArtifactList' });
export type TRunArtifactList = z.infer<typeof ZRunArtifactList>;

/**
 * An artifact's name: a relative path within its run, '/'-separated ("plots/roc.png"), as
 * MLflow's artifact paths. Refused: absolute paths, drive letters, backslashes, empty, '.' and
 * '..' segments, control characters. Names are compared after Unicode NFC normalisation, so a
 * name typed on macOS and on Linux is the same artifact.
 */
export const ZArtifactName = z
  .string()
  .transform((name) => name.normalize('NFC'))
  .pipe(
    z
      .string()
      .min(1, 'an artifact name must not be empty')
      .max(RUN_LIMITS.artifactNameLength, `an artifact name must be at most ${RUN_LIMITS.artifactNameLength} characters`)
      // Control characters: U+0000–U+001F and DEL.
      .refine(
        (name) => !Array.from(name).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
        'an artifact name must not hold control characters',
      )
      .refine((name) => !name.includes('\\'), "an artifact name separates folders with '/', not '\\'")
      .refine(
        (name) => !name.startsWith('/') && !/^[A-Za-z]:/.test(name),
        'an artifact name must be a relative path within the run, not an absolute one',
      )
      .refine(
        (name) => name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'),
        "an artifact name must not hold '..', '.' or empty segments (no leading, trailing or doubled '/')",
      ),
  )
  .describe('Path of the artifact within its run, e.g. "plots/roc.png"');

export const ZRunDetail = ZRunSummary.extend({
  notes: z.string(),
  error: z.string().nullable(),
  folds: z.array(z.number().int()).describe('Folds that logged metrics'),
  artifacts: z.array(ZRunArtifact),
}).meta({ id: 'RunDetail' });
export type TRunDetail = z.infer<typeof ZRunDetail>;

export const ZRunList = z
  .object({
    items: z.array(ZRunSummary),
    nextCursor: z.string().nullable(),
    total: z
      .number()
      .int()
      .describe('Runs that match; when totalIsLowerBound, at least this many (the count stopped at its limit or its time)'),
    totalIsLowerBound: z
      .boolean()
      .describe('True when more runs may match than total: the count stopped at 10,000 or ran out of time (a client shows "10,000+")'),
  })
  .meta({ id: 'RunList' });
export type TRunList = z.infer<typeof ZRunList>;

export const ZMetricSeries = z
  .object({
    key: z.string(),
    fold: z.number().int().nullable(),
    /** Points stored; `points` holds fewer when the series was downsampled. */
    count: z.number().int(),
    downsampled: z.boolean(),
    points: z.array(z.object({ step: z.number().int(), value: ZWireNumber, time: z.string() })),
  })
  .meta({ id: 'MetricSeries' });
export type TMetricSeries = z.infer<typeof ZMetricSeries>;

export const ZRunMetrics = z.object({ runId: z.string(), series: z.array(ZMetricSeries) }).meta({ id: 'RunMetrics' });
export type TRunMetrics = z.infer<typeof ZRunMetrics>;

/** Most points one series of GET /runs/{id}/metrics returns; a longer one is downsampled to this. */
export const SERIES_POINTS_LIMIT = 100_000;

export const ZRunMetricsQuery = z.object({
  keys: z
    .string()
    .optional()
    .transform((keys) =>
      keys
        ? keys
            .split(',')
            .map((key) => key.trim())
            .filter(Boolean)
        : undefined,
    )
    .describe('Comma-separated metric keys; omitted: every key'),
  points: z.coerce
    .number()
    .int()
    .min(10)
    .max(SERIES_POINTS_LIMIT)
    .optional()
    .describe(
      `At most this many points per series, keeping its shape, minimum and maximum; omitted: every point, up to ${SERIES_POINTS_LIMIT}`,
    ),
});

export const ZRunListQuery = z.object({
  project: ZProjectSlug.optional().describe('Only this project (default: every project you can read)'),
  experiment: z.string().optional().describe('Experiment id or name'),
  filter: z
    .string()
    .max(4000)
    .optional()
    .describe("e.g. params.optimizer = 'adam' and metrics.val_accuracy > 0.9 and tags.team = 'vision'"),
  sort: z.string().max(300).optional().describe('A field, optionally followed by asc or desc: "metrics.val_accuracy desc"'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(1000).optional(),
  include: ZListInclude.optional(),
});
export type TRunListQuery = z.output<typeof ZRunListQuery>;

/** A parameter or tag refused by its rules: where it is and why. */
export interface TRunIssue {
  path: string;
  message: string;
}

/**
 * The parameters a client sent, made into the stored document: nested objects flattened, each
 * value a number, a string or a boolean, every key valid, within RUN_LIMITS. `where` prefixes the
 * paths of the issues ("params").
 */
export function normalizeParams(input: Record<string, unknown>, where = 'params'): { params: TParams; issues: TRunIssue[] } {
  const flat = flattenParams(input);
  const params: TParams = {};
  const issues: TRunIssue[] = [];
  for (const [key, value] of Object.entries(flat)) {
    const path = `${where}.${key}`;
    const keyCheck = ZRunKey.safeParse(key);
    if (!keyCheck.success) issues.push({ path, message: keyCheck.error.issues[0]?.message ?? keyCheck.error.message });
    else if (typeof value === 'number' || typeof value === 'boolean') params[key] = value;
    else if (typeof value === 'string') {
      if (value.length > RUN_LIMITS.valueLength) issues.push({ path, message: `must be at most ${RUN_LIMITS.valueLength} characters` });
      else params[key] = value;
    } else {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
      issues.push({
        path,
        message: `must be a number, a string or a boolean, not ${kind}${Array.isArray(value) ? ' (log a list as a string or as one key per item)' : ''}`,
      });
    }
  }
  if (Object.keys(flat).length > RUN_LIMITS.params)
    issues.push({ path: where, message: `at most ${RUN_LIMITS.params} parameters (after flattening), not ${Object.keys(flat).length}` });
  return { params, issues };
}

/** A parameter logged before with another value: parameters are set once (metrics are what change). */
export interface TParamConflict {
  key: string;
  stored: TParamValue;
  sent: TParamValue;
}

export function paramConflicts(stored: Readonly<Record<string, unknown>>, sent: Readonly<TParams>): TParamConflict[] {
  const conflicts: TParamConflict[] = [];
  for (const [key, value] of Object.entries(sent)) {
    if (!Object.hasOwn(stored, key)) continue;
    const before = stored[key] as TParamValue;
    if (before !== value) conflicts.push({ key, stored: before, sent: value });
  }
  return conflicts;
}

/** Flattens nested parameter objects: {"optimizer": {"beta1": 0.9}} -> {"optimizer.beta1": 0.9}. */
export function flattenParams(input: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      Object.assign(flat, flattenParams(value as Record<string, unknown>, path));
    else flat[path] = value;
  }
  return flat;
}
