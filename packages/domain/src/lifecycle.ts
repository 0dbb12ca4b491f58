import { z } from 'zod';
import { ZId } from './common';

/**
 * Lifecycle of experiments and runs (issue 17). Archived: kept everywhere but left out of the
 * default lists (`include=archived` lists them too). Deleted: in the trash, hidden everywhere,
 * until restored or purged (rows and files gone; a purge after ATELIER_TRASH_RETENTION_DAYS).
 */

export const TRASH_KINDS = ['experiment', 'run'] as const;
export const ZTrashKind = z.enum(TRASH_KINDS, { error: `kind must be one of: ${TRASH_KINDS.join(', ')}` });
export type TTrashKind = z.infer<typeof ZTrashKind>;

/** What a list may add to its default rows: `include=archived`. */
export const LIST_INCLUDES = ['archived'] as const;
export const ZListInclude = z
  .enum(LIST_INCLUDES, { error: `include must be one of: ${LIST_INCLUDES.join(', ')}` })
  .describe('`archived`: list archived rows too (each has its archivedAt); absent: archived rows are left out');
export type TListInclude = z.infer<typeof ZListInclude>;

export const ZTrashParams = z.object({
  kind: ZTrashKind.describe("'experiment' or 'run'"),
  id: ZId.describe('UUID of the experiment or run'),
});
export type TTrashParams = z.infer<typeof ZTrashParams>;

export const ZTrashItem = z
  .object({
    kind: ZTrashKind,
    id: z.string(),
    name: z.string().describe("The experiment's name, or the run's name (its experiment's name and number when it has none)"),
    experimentId: z.string().describe("The experiment itself, or the run's experiment"),
    deletedAt: z.string(),
    purgeAfter: z.string().describe('When the retention sweep purges it (deletedAt + ATELIER_TRASH_RETENTION_DAYS)'),
  })
  .meta({ id: 'TrashItem' });
export type TTrashItem = z.infer<typeof ZTrashItem>;

export const ZTrashList = z
  .object({ items: z.array(ZTrashItem).describe('Newest deletion first'), retentionDays: z.number().int() })
  .meta({ id: 'TrashList' });
export type TTrashList = z.infer<typeof ZTrashList>;

/** The state of an experiment or run after a lifecycle action. */
export const ZLifecycleState = z
  .object({
    kind: ZTrashKind,
    id: z.string(),
    archivedAt: z.string().nullable(),
    deletedAt: z.string().nullable(),
  })
  .meta({ id: 'LifecycleState' });
export type TLifecycleState = z.infer<typeof ZLifecycleState>;

/** What a purge removed. */
export const ZPurgeResult = z
  .object({
    kind: ZTrashKind,
    id: z.string(),
    runs: z.number().int().describe('Runs removed with it (1 for a run)'),
    files: z.number().int().describe('Run folders removed from the artifact store'),
  })
  .meta({ id: 'PurgeResult' });
export type TPurgeResult = z.infer<typeof ZPurgeResult>;

/** What a set of experiments and runs holds in the database and the artifact store. */
export const ZStorageTally = z
  .object({
    experiments: z.number().int(),
    runs: z.number().int(),
    metricPoints: z.number().int().describe('Rows of metric series (every fold and key, every step)'),
    evaluations: z.number().int(),
    models: z.number().int(),
    modelBytes: z.number().int().describe('Stored models, in the database'),
    files: z.number().int(),
    fileBytes: z.number().int().describe('Run files, in the artifact store (ATELIER_ARTIFACT_DIR)'),
  })
  .meta({ id: 'StorageTally' });
export type TStorageTally = z.infer<typeof ZStorageTally>;

/** GET /usage: the project's storage, what purging the trash would free, and the experiments that hold the most. */
export const ZProjectUsage = z
  .object({
    total: ZStorageTally.describe('Everything, the trash included'),
    trash: ZStorageTally.describe('What the items in the trash hold: what purging them (or the sweep) frees'),
    experiments: z
      .array(
        ZStorageTally.omit({ experiments: true }).extend({
          id: z.string(),
          name: z.string(),
          kind: z.enum(['search', 'tracked']),
          deletedAt: z.string().nullable(),
        }),
      )
      .describe('The experiments holding the most bytes (models and files), then the most metric points: at most 50'),
    retentionDays: z.number().int(),
  })
  .meta({ id: 'ProjectUsage' });
export type TProjectUsage = z.infer<typeof ZProjectUsage>;
