import { Injectable } from '@nestjs/common';
import {
  divergence,
  foldCount,
  HYPERPARAMETER_NAMES,
  rungEpochsOf,
  TIE_RULE,
  type THyperparameterName,
  type TImportance,
  type TLeaderboard,
  type TLeaderboardPoint,
  type TLeaderboardView,
  hyperparametersOf,
} from '@atelier/domain';
import { searchExperimentOf } from '@atelier/db';
import { parameterImportance } from '@atelier/ml/search/importance';
import { badRequest, notFound } from '../common/api-exception';
import { ImportanceFitter } from './importance-fitter';
import { rankTrials } from './leaderboard-ranking';
import { LeaderboardRepository } from './leaderboard.repository';

/**
 * The hyperparameters a view's points vary in, in HYPERPARAMETER_NAMES order. Under ASHA the
 * epochs are the rung a trial reached, set by the scheduler, not a searched choice: never one.
 */
export function viewDimensions(points: readonly Pick<TLeaderboardPoint, 'hyperparameters'>[], asha: boolean): THyperparameterName[] {
  return HYPERPARAMETER_NAMES.filter(
    (name) => !(asha && name === 'epochs') && new Set(points.map((p) => p.hyperparameters[name])).size > 1,
  );
}

/** Best score first, then the earlier trial. */
const byScore = (a: TLeaderboardPoint, b: TLeaderboardPoint) => b.score - a.score || a.number - b.number;

/** What importance is fitted on: the points that did not diverge; the diverged ones are counted, not fitted. */
function importanceInput(points: readonly TLeaderboardPoint[], dimensions: readonly THyperparameterName[], seed: number) {
  const usable = points.filter((p) => p.diverged === null);
  return {
    trials: usable.map((p) => ({ hyperparameters: p.hyperparameters, score: p.score })),
    options: { dimensions, seed, excludedDiverged: points.length - usable.length },
  };
}

/** Importance over the points that did not diverge, in-process (ImportanceFitter fits the same off the event loop). */
export function viewImportance(
  points: readonly TLeaderboardPoint[],
  dimensions: readonly THyperparameterName[],
  seed: number,
): TImportance | null {
  const { trials, options } = importanceInput(points, dimensions, seed);
  return parameterImportance(trials, options);
}

/**
 * Most scored trials a leaderboard reads (the best ones, by index): its rows, ties, view and
 * importance come from them, so a 100,000-trial search costs what a 10,000-trial one does;
 * scoredTrials and totalPoints still count every scored trial (the maintained summary).
 */
export const LEADERBOARD_TRIALS_LIMIT = 10_000;

/** Fitting forests costs up to a few hundred ms: the same scores are not fitted twice. */
const CACHE_SIZE = 64;

@Injectable()
export class LeaderboardService {
  private readonly importanceCache = new Map<string, TImportance | null>();
  /** Fits under way, by cache key: two requests for the same scores wait for one fit. */
  private readonly fitting = new Map<string, Promise<TImportance | null>>();

  constructor(
    private readonly leaderboard: LeaderboardRepository,
    private readonly fitter: ImportanceFitter,
  ) {}

  async get(experimentId: string, query: { limit: number; rung?: number | undefined }): Promise<TLeaderboard> {
    const [row, rows, scored] = await Promise.all([
      this.leaderboard.findExperiment(experimentId),
      this.leaderboard.scoredTrials(experimentId, LEADERBOARD_TRIALS_LIMIT),
      this.leaderboard.scoredCount(experimentId),
    ]);
    if (!row) throw notFound(`Experiment '${experimentId}' not found`);
    const experiment = searchExperimentOf(row);
    // ASHA, Hyperband and TPE with early stopping score trials per rung (one rule: rungEpochsOf).
    const asha = rungEpochsOf(experiment.strategy) !== null;
    if (!asha && query.rung !== undefined)
      throw badRequest(
        'rung applies to ASHA searches only (and other searches that train in rungs: Hyperband, TPE with early stopping); this search scores every trial once',
      );
    const classes = (experiment.dataset.classNames as unknown[]).length;
    const ranked = rankTrials(rows, { folds: foldCount(experiment.validation), classes });

    let rungs: TLeaderboard['rungs'] = null;
    let points: TLeaderboardPoint[];
    let rung: number | null = null;
    let epochs: number | null = null;
    if (asha) {
      rungs = await this.leaderboard.rungCounts(experimentId);
      rung = query.rung ?? rungs[0]?.rung ?? 0;
      const chosen = rungs.find((r) => r.rung === rung);
      if (query.rung !== undefined && !chosen) {
        throw badRequest(
          `rung ${query.rung} has no scores yet; this search has scores at ${rungs.length ? `rung ${rungs.map((r) => r.rung).join(', ')}` : 'no rung'}`,
        );
      }
      epochs = chosen?.epochs ?? null;
      points = (await this.leaderboard.rungScores(experimentId, rung)).map((r) => ({
        trialId: r.id,
        number: r.number,
        hyperparameters: { ...hyperparametersOf(r.params), epochs: r.epochs },
        score: r.meanValAccuracy,
        std: r.stdValAccuracy,
        diverged: divergence(r, classes),
      }));
    } else {
      points = ranked.map((r) => ({
        trialId: r.trialId,
        number: r.number,
        hyperparameters: r.hyperparameters,
        score: r.meanValAccuracy,
        std: r.stdValAccuracy,
        diverged: r.diverged,
      }));
    }
    points.sort(byScore);
    const dimensions = viewDimensions(points, asha);
    const view: TLeaderboardView = {
      rung,
      epochs,
      dimensions,
      points: points.slice(0, query.limit),
      totalPoints: asha ? points.length : Math.max(points.length, scored),
      importance: await this.importance(`${experimentId}|${rung}`, points, dimensions, experiment.seed),
    };
    return {
      experimentId,
      metric: 'meanValAccuracy',
      rows: ranked.slice(0, query.limit),
      scoredTrials: Math.max(rows.length, scored),
      ties: {
        rule: TIE_RULE,
        bestTrialNumber: ranked[0]?.number ?? null,
        tiedTrialNumbers: ranked.filter((r) => r.tiedWithBest).map((r) => r.number),
      },
      rungs,
      view,
    };
  }

  private async importance(
    scope: string,
    points: readonly TLeaderboardPoint[],
    dimensions: readonly THyperparameterName[],
    seed: number,
  ): Promise<TImportance | null> {
    const key = `${scope}|${seed}|${dimensions.join(',')}|${points.map((p) => `${p.number}:${p.score}:${p.diverged ?? ''}`).join(';')}`;
    const cached = this.importanceCache.get(key);
    if (cached !== undefined) return cached;
    const running = this.fitting.get(key);
    if (running) return running;
    const { trials, options } = importanceInput(points, dimensions, seed);
    const fit = this.fitter
      .fit(trials, options)
      .then((result) => {
        const oldest = this.importanceCache.keys().next();
        if (this.importanceCache.size >= CACHE_SIZE && !oldest.done) this.importanceCache.delete(oldest.value);
        this.importanceCache.set(key, result);
        return result;
      })
      .finally(() => this.fitting.delete(key));
    this.fitting.set(key, fit);
    return fit;
  }
}
