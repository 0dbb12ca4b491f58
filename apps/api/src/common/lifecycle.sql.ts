import { Prisma } from '@atelier/db/client';
import type { TListInclude } from '@atelier/domain';

/**
 * The one home of "which experiments and runs are shown": a deleted row (in the trash) is hidden
 * everywhere but GET /trash, and a run is hidden with its experiment; an archived row is left out
 * of the default lists only. Every query that reads experiments or runs for an answer takes its
 * condition from here, so the trash cannot leak through a list that forgot it.
 */

/** Prisma `where` of an experiment not in the trash. */
export const LIVE_EXPERIMENT = { deletedAt: null } as const;

/** Prisma `where` of a run not in the trash, nor its experiment. */
export const LIVE_RUN = { deletedAt: null, experiment: LIVE_EXPERIMENT } as const;

/** SQL: experiment `e` is not in the trash. */
export const liveExperiment = (e = 'e') => Prisma.raw(`${e}.deleted_at IS NULL`);

/** SQL: run `r` is not in the trash, nor its experiment `e` (joined by the caller). */
export const liveRun = (r = 'r', e = 'e') => Prisma.raw(`${r}.deleted_at IS NULL AND ${e}.deleted_at IS NULL`);

/** SQL: row `alias` belongs in a list asked with `include` (archived rows only with include=archived). */
export const listed = (alias: string, include: TListInclude | undefined) =>
  include === 'archived' ? Prisma.raw('true') : Prisma.raw(`${alias}.archived_at IS NULL`);

/** Prisma `where` of an artifact (a model, a file) whose experiment and run, where it has them, are not in the trash. */
export const LIVE_ARTIFACT: Prisma.ArtifactWhereInput = {
  AND: [{ OR: [{ experimentId: null }, { experiment: LIVE_EXPERIMENT }] }, { OR: [{ trialId: null }, { trial: LIVE_RUN }] }],
};
