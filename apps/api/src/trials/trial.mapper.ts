import { hyperparametersOf, type TFoldRun, type TTrial, ZFoldStatus, ZFoldTimings, ZTrialStatus } from '@atelier/domain';

/** The columns of a trial row the API reads (a Prisma select, see trials.repository.ts). */
export interface TrialRecord {
  id: string;
  experimentId: string;
  number: number;
  status: string;
  rung: number | null;
  /** The run's params document: a search trial's hyperparameters (hyperparametersOf). */
  params: unknown;
  parameterCount: number | null;
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
  meanValLoss: number | null;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  architecture: { key: string; parameterCount: number | null } | null;
  foldRuns: FoldRunRecord[];
  rungs: RungRecord[];
}

export interface RungRecord {
  rung: number;
  epochs: number;
  meanValAccuracy: number;
  stdValAccuracy: number;
  promoted: boolean;
  finishedAt: Date;
}

export interface FoldRunRecord {
  id: string;
  fold: number;
  status: string;
  epochsCompleted: number;
  trainSize: number | null;
  valSize: number | null;
  valAccuracy: number | null;
  valLoss: number | null;
  backend: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  /** JSON the worker wrote (ZFoldTimings), or null. */
  timings: unknown;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Share of the planned epochs (epochs × folds) that finished, in [0, 1]. */
export function trialProgress(epochs: number, folds: readonly Pick<FoldRunRecord, 'epochsCompleted'>[]): number {
  if (folds.length === 0 || epochs <= 0) return 0;
  const done = folds.reduce((sum, fold) => sum + Math.min(Math.max(fold.epochsCompleted, 0), epochs), 0);
  return done / (epochs * folds.length);
}

export function toFoldRun(row: FoldRunRecord): TFoldRun {
  return {
    id: row.id,
    fold: row.fold,
    status: ZFoldStatus.parse(row.status),
    epochsCompleted: row.epochsCompleted,
    trainSize: row.trainSize,
    valSize: row.valSize,
    valAccuracy: row.valAccuracy,
    valLoss: row.valLoss,
    backend: row.backend,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    error: row.error,
    // a row from an older worker, or one it could not finish, has none to show
    timings: row.timings === null ? null : (ZFoldTimings.safeParse(row.timings).data ?? null),
  };
}

export function toTrial(row: TrialRecord): TTrial {
  const folds = [...row.foldRuns].sort((a, b) => a.fold - b.fold);
  const hyperparameters = hyperparametersOf(row.params);
  return {
    id: row.id,
    experimentId: row.experimentId,
    number: row.number,
    status: ZTrialStatus.parse(row.status),
    hyperparameters,
    parameterCount: row.parameterCount ?? row.architecture?.parameterCount ?? null,
    meanValAccuracy: row.meanValAccuracy,
    stdValAccuracy: row.stdValAccuracy,
    meanValLoss: row.meanValLoss,
    progress: trialProgress(hyperparameters.epochs, folds),
    rung: row.rung,
    rungs: [...row.rungs].sort((a, b) => a.rung - b.rung).map((r) => ({ ...r, finishedAt: r.finishedAt.toISOString() })),
    folds: folds.map(toFoldRun),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    error: row.error,
  };
}

/** Prisma `select` that yields a TrialRecord; shared by the trial and experiment queries. */
export const TRIAL_SELECT = {
  id: true,
  experimentId: true,
  number: true,
  status: true,
  rung: true,
  params: true,
  parameterCount: true,
  meanValAccuracy: true,
  stdValAccuracy: true,
  meanValLoss: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  architecture: { select: { key: true, parameterCount: true } },
  rungs: {
    orderBy: { rung: 'asc' },
    select: { rung: true, epochs: true, meanValAccuracy: true, stdValAccuracy: true, promoted: true, finishedAt: true },
  },
  foldRuns: {
    orderBy: { fold: 'asc' },
    select: {
      id: true,
      fold: true,
      status: true,
      epochsCompleted: true,
      trainSize: true,
      valSize: true,
      valAccuracy: true,
      valLoss: true,
      backend: true,
      startedAt: true,
      finishedAt: true,
      error: true,
      timings: true,
    },
  },
} as const;
