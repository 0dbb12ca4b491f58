import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  canExperiment,
  cancelKey,
  experimentActionRefusal,
  foldCount,
  pauseKey,
  pickBestRun,
  REFITTABLE_EXPERIMENT_STATUSES,
  RUN_LIMITS,
  SEARCH_NAME_MAX_LENGTH,
  splitTagPatch,
  tagCountOverLimit,
  type TAnyExperimentDetail,
  type TCreateExperiment,
  type TExperimentAction,
  type TExperimentDetail,
  type TExperimentMetrics,
  type TExperimentOverview,
  type TExperimentStatus,
  type TRefitQueued,
  type ZUpdateExperimentRequest,
  DETAIL_TRIALS_LIMIT,
  METRICS_TRIALS_LIMIT,
  OVERVIEW_ALL_TRIALS_LIMIT,
  RUNG_POINTS_LIMIT,
  rungEpochsOf,
  mostFrozenLayers,
  ZAnyExperimentDetail,
  ZImageShape,
  ZArchitectureSpec,
  ZExperimentOverview,
} from '@atelier/domain';
import type { LiveSource } from '../common/sse';
import { NotASearchError, searchExperimentOf } from '@atelier/db';
import { checkBaseModel, FineTuneError } from '@atelier/ml/models/fine-tune';
import { searchCandidates } from '@atelier/ml/search/plan';
import { ModelsService } from '../models/models.service';
import { RegistryService } from '../registry/registry.service';
import { LeaderboardRepository } from '../leaderboard/leaderboard.repository';
import { RefitJobs } from '../trials/refit-jobs';
import { ArchitecturesService } from '../architectures/architectures.service';
import { badRequest, conflict, notFound, unavailable } from '../common/api-exception';
import type { TExperimentPlan } from '@atelier/domain';
import { summarizeIssues } from '../common/zod-issues';
import type { TApiConfig } from '../config';
import { DatasetsService } from '../datasets/datasets.service';
import { CONFIG, REDIS } from '../infra/tokens';
import { ProgressHub } from '../progress/progress-hub';
import { ProgressPublisher } from '../progress/progress-publisher';
import { ProjectsRepository } from '../projects/projects.repository';
import { checkExperimentRules, planExperiment, type ServerLimits } from './experiment-rules';
import { experimentBestTrial, groupMetrics, toExperimentDetail, toTrackedExperimentDetail } from './experiment.mapper';
import { toExperimentOverview, trialCountsOf, WATCHED_BEST, WATCHED_RECENT, WATCHED_RUNNING_LIMIT } from './experiment-overview.mapper';
import { ExperimentNameTaken, ExperimentsRepository, type NewExperiment } from './experiments.repository';
import { estimateSearch, imagesPerFold } from './search-estimate';
import { TrainingJobs } from './training-jobs';

type TUpdateExperiment = z.output<typeof ZUpdateExperimentRequest>;

/** Cancel flags outlive any job that could still be retried. */
const CANCEL_FLAG_TTL_SECONDS = 30 * 24 * 3600;
/** Resume retries removing a paused fold's finished job this long (its worker may still be releasing it). */
const RESUME_REMOVE_RETRY_MS = 5_000;
/** The overview's seconds per epoch is the mean over this many of the last epochs trained. */
const RECENT_EPOCHS = 200;
/** The launch estimate's pace per (architecture, batch size) is the median over this many of its latest fold runs. */
const PACE_RUNS = 50;

@Injectable()
export class ExperimentsService {
  private readonly logger = new Logger('ExperimentsService');

  constructor(
    private readonly experiments: ExperimentsRepository,
    private readonly jobs: TrainingJobs,
    private readonly datasets: DatasetsService,
    private readonly architectures: ArchitecturesService,
    private readonly projects: ProjectsRepository,
    private readonly publisher: ProgressPublisher,
    private readonly hub: ProgressHub,
    private readonly refits: RefitJobs,
    private readonly leaderboard: LeaderboardRepository,
    private readonly registry: RegistryService,
    private readonly models: ModelsService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  /**
   * Checks a request against the server's datasets, architectures and limits; writes nothing.
   * Adds the expected wall time from the epochs this server measured and the workers connected.
   */
  async plan(request: TCreateExperiment, projectId: string): Promise<TExperimentPlan> {
    const { dataset, architectureIds } = await this.check(request, projectId);
    const size = planExperiment(request, this.limits());
    const ids = request.space.architecture.map((key) => architectureIds.get(key)).filter((id): id is string => id !== undefined);
    const keyOf = new Map([...architectureIds].map(([key, id]) => [id, key]));
    const [pace, workers] = await Promise.all([this.experiments.measuredPace(dataset.id, ids, PACE_RUNS), this.jobs.capacity()]);
    const candidates = searchCandidates(request);
    const estimate = estimateSearch({
      candidates,
      totalEpochs: size.totalEpochs,
      trainingRuns: size.trainingRuns,
      longestRunEpochs: size.rungs ? Math.max(...size.rungs.map((r) => r.epochs)) : Math.max(0, ...candidates.map((c) => c.epochs)),
      imagesPerFold: imagesPerFold(request.trainingSlice ?? dataset.trainSize, request.validation),
      measured: pace.map((p) => ({ ...p, architecture: keyOf.get(p.architectureId) ?? p.architectureId })),
      workers,
    });
    return { ...size, estimate };
  }

  private limits(): ServerLimits {
    return { maxTrials: this.config.MAX_TRIALS, maxTotalEpochs: this.config.MAX_TOTAL_EPOCHS };
  }

  async create(request: TCreateExperiment, projectId: string): Promise<TExperimentDetail> {
    const { dataset, architectureIds, parentModel } = await this.check(request, projectId);
    const down = this.jobs.unavailableReason();
    if (down) throw this.queueUnavailable(down);
    const created = await this.experiments.create({
      projectId,
      datasetId: dataset.id,
      parentModel,
      request,
      points: searchCandidates(request),
      architectureIds,
      folds: foldCount(request.validation),
    });
    await this.faultAfterSave();
    const jobs = created.folds.map((f) => ({
      experimentId: created.id,
      trialId: f.trialId,
      trialNumber: f.trialNumber,
      fold: f.fold,
      rung: f.rung,
    }));
    try {
      await this.jobs.enqueue(jobs, request.priority);
    } catch (error) {
      // Nothing half-written: without its jobs the experiment would wait forever.
      this.logger.error(`enqueueing experiment ${created.id} failed: ${(error as Error).message}`);
      // the rows go first, so the queue reconciler cannot queue them again; then, since addBulk
      // is one MULTI but a timed-out one may still land, take back what did
      await this.experiments.delete(created.id);
      await this.jobs.removeWaiting(jobs, 3_000).catch(() => 0);
      throw this.queueUnavailable((error as Error).message);
    }
    return this.search(created.id);
  }

  /**
   * ATELIER_FAULT_AFTER_SAVE (tests only): the process dies, or the request stalls for good, between
   * saving the search and queueing its jobs: the crash that QueueReconciler recovers from.
   */
  private async faultAfterSave(): Promise<void> {
    const fault = this.config.ATELIER_FAULT_AFTER_SAVE;
    if (fault === 'exit') process.kill(process.pid, 'SIGKILL');
    if (fault === 'hang') await new Promise<never>(() => undefined);
  }

  /**
   * An experiment in full, of either kind: a search with its trials, or a tracked experiment
   * (runs logged from code) with its notes and run counts, its status derived from its runs. Its
   * runs themselves are listed by GET /runs?experiment=<id>.
   */
  async get(id: string): Promise<TAnyExperimentDetail> {
    const experiment = await this.experiments.findStatus(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (experiment.kind !== 'tracked') return this.search(id);
    const tracked = await this.experiments.findTracked(id);
    if (!tracked) throw notFound(`Experiment '${id}' not found`);
    return toTrackedExperimentDetail(tracked.experiment, tracked.runs);
  }

  /**
   * A search with its summaries (trial counts, best trial) and its first DETAIL_TRIALS_LIMIT trials
   * in full: what its actions answer, bounded whatever its size (GET /experiments/:id/trials pages
   * through the rest). 409 for a tracked experiment, 404 for none.
   */
  private async search(id: string): Promise<TExperimentDetail> {
    const row = await this.experiments.findExperiment(id);
    if (!row) throw notFound(`Experiment '${id}' not found`);
    if (row.kind !== 'search') throw trackedExperiment(row.name, new NotASearchError(id, row.kind));
    const [summary, best, trials] = await Promise.all([
      this.experiments.trialSummary(id),
      this.bestTrial(id, row.bestTrialId),
      this.experiments.firstTrials(id, DETAIL_TRIALS_LIMIT),
    ]);
    return toExperimentDetail(row, trialCountsOf(summary), best, trials);
  }

  /**
   * The search's best trial: the one the worker recorded at its last settle (pickBestRun), or
   * the first by the same rule when none is recorded, read by index (two rows, not the search).
   */
  private async bestTrial(id: string, recordedId: string | null) {
    const [recorded, [first]] = await Promise.all([
      recordedId === null ? null : this.experiments.rankedTrial(id, recordedId),
      this.experiments.rankedTrials(id, 1),
    ]);
    return experimentBestTrial(
      recordedId,
      [recorded, first].filter((t) => t !== null && t !== undefined),
    );
  }

  /**
   * Renames an experiment, replaces its description or notes, merges tags into its tags (the
   * merge patch of PATCH /runs/{id}: splitTagPatch), all or nothing. Refusals, before anything is
   * written: 404 no such experiment; 400 a search's name over SEARCH_NAME_MAX_LENGTH, or more than
   * RUN_LIMITS.tags tags once merged; 409 a tracked experiment renamed to the name of another one
   * (POST /runs finds a tracked experiment by name, so a name must lead to one).
   */
  async update(id: string, request: TUpdateExperiment): Promise<TAnyExperimentDetail> {
    const tags = splitTagPatch(request.tags);
    let updated: boolean;
    try {
      updated = await this.experiments.update(
        id,
        { name: request.name, description: request.description, notes: request.notes, tags },
        (experiment) => {
          if (request.name !== undefined && experiment.kind === 'search' && request.name.length > SEARCH_NAME_MAX_LENGTH) {
            const message = `a search's name must be at most ${SEARCH_NAME_MAX_LENGTH} characters (this one has ${request.name.length})`;
            throw badRequest(`Invalid request: name: ${message}. Nothing was stored.`, [{ path: 'name', message }]);
          }
          const count = tagCountOverLimit(experiment.tags, tags);
          if (count !== null) {
            const message = `an experiment holds at most ${RUN_LIMITS.tags} tags; this would make ${count}`;
            throw badRequest(`Invalid request: tags: ${message}. Nothing was stored.`, [{ path: 'tags', message }]);
          }
        },
      );
    } catch (error) {
      if (error instanceof ExperimentNameTaken) {
        throw conflict(
          `Another tracked experiment is named '${error.experimentName}': POST /runs finds a tracked experiment by its name, so two cannot share one. Choose another name; nothing was stored.`,
        );
      }
      throw error;
    }
    if (!updated) throw notFound(`Experiment '${id}' not found`);
    return this.get(id);
  }

  /**
   * The experiment page's data, bounded whatever the size of the search and read from maintained
   * summaries, not by scanning the trials: counts and totals from experiment_trial_summary (kept
   * by triggers), every trial up to OVERVIEW_ALL_TRIALS_LIMIT, else only the watched ones (running,
   * best, finished last: each an index range), the ASHA rungs and the recent epoch time.
   */
  async overview(id: string): Promise<TExperimentOverview> {
    const experiment = await this.experiments.findExperiment(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (experiment.kind !== 'search') throw trackedExperiment(experiment.name, new NotASearchError(id, experiment.kind));
    const { strategy } = searchExperimentOf(experiment);
    const [summary, bestTrial, running, finishedLast, best, rungResults, recentSeconds] = await Promise.all([
      this.experiments.trialSummary(id),
      this.bestTrial(id, experiment.bestTrialId),
      this.experiments.runningTrialIds(id, WATCHED_RUNNING_LIMIT),
      this.experiments.finishedLastIds(id, WATCHED_RECENT),
      this.experiments.rankedTrials(id, WATCHED_BEST),
      rungEpochsOf(strategy) ? this.experiments.rungResults(id, RUNG_POINTS_LIMIT) : null,
      this.experiments.recentEpochSeconds(id, RECENT_EPOCHS),
    ]);
    const total = summary.reduce((sum, row) => sum + row.trials, 0);
    const allTrials = total <= OVERVIEW_ALL_TRIALS_LIMIT;
    const watched = new Set([...running, ...best.map((t) => t.id), ...finishedLast]);
    if (bestTrial) watched.add(bestTrial.id);
    const [listed, [otherBest]] = await Promise.all([
      allTrials ? this.experiments.firstTrials(id, OVERVIEW_ALL_TRIALS_LIMIT + 1) : this.experiments.trialsByIds(id, [...watched]),
      allTrials ? [undefined] : this.experiments.rankedTrials(id, 1, [...watched]),
    ]);
    return toExperimentOverview({
      experiment,
      strategy,
      summary,
      bestTrial,
      listed,
      allTrials,
      otherBest,
      rungResults,
      recentSeconds,
    });
  }

  /**
   * Stops an experiment: the flag first (a worker taking a job from now on sees it), then
   * the queued rows, then the jobs no worker holds; running folds stop at their next batch.
   */
  async cancel(id: string): Promise<TExperimentDetail> {
    const experiment = await this.searchStatus(id);
    if (!canExperiment('cancel', experiment.status)) throw this.refused('cancel', experiment.name, experiment.status);
    this.requireQueue('cancelled', 'running');
    await this.redis.set(cancelKey(this.config.REDIS_PREFIX, id), '1', 'EX', CANCEL_FLAG_TTL_SECONDS);
    const cancelled = await this.experiments.cancel(id);
    if (!cancelled) {
      const now = await this.experiments.findStatus(id);
      throw this.refused('cancel', experiment.name, now?.status ?? 'finished');
    }
    const removed = await this.jobs.removeWaiting(cancelled.folds.map((f) => ({ experimentId: id, ...f })));
    this.logger.log(`experiment ${id} cancelled: ${cancelled.folds.length} queued folds, ${removed} jobs removed`);
    await this.publisher
      .publish({ type: 'experiment', experimentId: id, status: 'cancelled' })
      .catch((error: unknown) => this.logger.warn(`publishing the cancel of ${id}: ${(error as Error).message}`));
    return this.search(id);
  }

  /**
   * Pauses an experiment: the flag first (running folds stop at their next batch and record
   * themselves paused), then the queued rows, then the jobs no worker holds. Work done so far is
   * kept: completed folds stay completed, and an interrupted fold restarts its current rung.
   */
  async pause(id: string): Promise<TExperimentDetail> {
    const experiment = await this.searchStatus(id);
    if (!canExperiment('pause', experiment.status)) throw this.refused('pause', experiment.name, experiment.status);
    this.requireQueue('paused', 'running');
    await this.redis.set(pauseKey(this.config.REDIS_PREFIX, id), '1', 'EX', CANCEL_FLAG_TTL_SECONDS);
    const paused = await this.experiments.pause(id);
    if (!paused) {
      await this.redis.del(pauseKey(this.config.REDIS_PREFIX, id));
      const now = await this.experiments.findStatus(id);
      throw this.refused('pause', experiment.name, now?.status ?? 'finished');
    }
    const removed = await this.jobs.removeWaiting(paused.folds.map((f) => ({ experimentId: id, ...f })));
    this.logger.log(`experiment ${id} paused: ${paused.folds.length} queued folds, ${removed} jobs removed`);
    await this.publishStatus(id, 'paused');
    return this.search(id);
  }

  /** Resumes a paused experiment: clears the flag and queues every paused fold again. */
  async resume(id: string): Promise<TExperimentDetail> {
    const experiment = await this.searchStatus(id);
    if (!canExperiment('resume', experiment.status)) throw this.refused('resume', experiment.name, experiment.status);
    const down = this.jobs.unavailableReason();
    if (down)
      throw unavailable(
        `The training queue is unavailable (${down}), so the experiment stays paused. Check that Redis is reachable and try again.`,
      );
    await this.redis.del(pauseKey(this.config.REDIS_PREFIX, id));
    const resumed = await this.experiments.resume(id);
    if (!resumed) {
      const now = await this.experiments.findStatus(id);
      throw this.refused('resume', experiment.name, now?.status ?? 'finished');
    }
    const jobs = resumed.folds.map((f) => ({ experimentId: id, ...f }));
    // A fold that paused itself finished its job, which BullMQ keeps under the same id:
    // remove it first, or adding the fold again would be a no-op.
    await this.jobs.removeFinished(jobs, RESUME_REMOVE_RETRY_MS);
    await this.jobs.enqueue(jobs, resumed.priority);
    this.logger.log(`experiment ${id} resumed: ${jobs.length} folds queued again`);
    const status = (await this.experiments.findStatus(id))?.status ?? 'running';
    await this.publishStatus(id, status as TExperimentStatus);
    return this.search(id);
  }

  /**
   * Retrains the best trial so far of a search that no longer trains (the one best-run rule,
   * pickBestRun: the leaderboard's first and the page's best) and scores it on the
   * test set, with the refit job a completed search gets. A paused search stays paused.
   */
  async refitBest(id: string): Promise<TRefitQueued> {
    const experiment = await this.experiments.findRefitState(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (experiment.kind !== 'search') throw trackedExperiment(experiment.name, new NotASearchError(id, experiment.kind));
    if (!canExperiment('refit', experiment.status)) throw this.refused('refit', experiment.name, experiment.status);
    const best = pickBestRun(await this.leaderboard.scoredTrials(id));
    if (!best)
      throw conflict(`Experiment '${experiment.name}' has no scored trial yet: nothing to refit until a trial finishes all its folds.`);
    if (experiment.refitStatus === 'queued' || experiment.refitStatus === 'running') {
      throw conflict(
        `A refit of experiment '${experiment.name}' is already ${experiment.refitStatus}; its result appears on the experiment page.`,
      );
    }
    if (experiment.refitStatus === 'completed' && experiment.refitTrialId === best.id) {
      throw conflict(
        `Experiment '${experiment.name}' already has its best trial (trial ${best.number}) refit and tested; to train it again, use Refit on the trial's page.`,
      );
    }
    const down = this.refits.unavailableReason();
    if (down)
      throw unavailable(`The training queue is unavailable (${down}); nothing was queued. Check that Redis is reachable and try again.`);
    const claim = await this.experiments.claimRefit(id, best.id, REFITTABLE_EXPERIMENT_STATUSES);
    if (!claim) {
      const now = await this.experiments.findRefitState(id);
      throw conflict(
        `Experiment '${experiment.name}' is ${now?.status ?? 'gone'} with its refit ${now?.refitStatus ?? 'not started'}: try again once it settles.`,
      );
    }
    let jobId: string;
    try {
      jobId = await this.refits.enqueue({ experimentId: id, trialId: best.id, generation: claim.generation }, experiment.priority);
    } catch (error) {
      await this.experiments.releaseRefit(id, experiment);
      throw unavailable(`The refit could not be queued (${(error as Error).message}). Check that Redis is reachable and try again.`);
    }
    this.logger.log(`experiment ${id}: refit of its best trial so far (${best.number}) queued as ${jobId}`);
    await this.publisher
      .publish({ type: 'refit', experimentId: id, trialId: best.id, status: 'queued', testAccuracy: null })
      .catch((error: unknown) => this.logger.warn(`publishing the refit of ${id}: ${(error as Error).message}`));
    return { experimentId: id, trialId: best.id, generation: claim.generation, jobId, status: 'queued' };
  }

  private async publishStatus(id: string, status: TExperimentStatus) {
    await this.publisher
      .publish({ type: 'experiment', experimentId: id, status })
      .catch((error: unknown) => this.logger.warn(`publishing the ${status} of ${id}: ${(error as Error).message}`));
  }

  /**
   * Epoch curves of the trials numbered `numbers` (unknown numbers are left out), or without them of
   * the first METRICS_TRIALS_LIMIT trials by number: bounded either way (the query caps `numbers`).
   */
  async metrics(id: string, numbers?: readonly number[]): Promise<TExperimentMetrics> {
    await this.searchStatus(id);
    const asked = numbers ?? (await this.experiments.firstTrialNumbers(id, METRICS_TRIALS_LIMIT));
    return groupMetrics(id, await this.experiments.foldCurves(id, asked));
  }

  /** Subscribes to the experiment's live progress; 404 when there is no such experiment. */
  /**
   * The experiment's live stream (GET /experiments/:id/events): every event of the experiment,
   * and as the snapshot's state its overview (a search) or its runs (a tracked experiment).
   */
  async liveSource(id: string): Promise<LiveSource> {
    const experiment = await this.experiments.findStatus(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    return {
      experimentId: id,
      subscribe: (send) => Promise.resolve(this.hub.subscribe(id, send)),
      replay: (afterId) => this.hub.replay(id, afterId),
      head: () => this.hub.head(id),
      state: async () =>
        experiment.kind === 'search'
          ? ZExperimentOverview.encode(await this.overview(id))
          : ZAnyExperimentDetail.encode(await this.get(id)),
    };
  }

  /** The experiment's status row; 404 when there is none, 409 for a tracked experiment (no search to act on). */
  private async searchStatus(id: string) {
    const experiment = await this.experiments.findStatus(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (experiment.kind !== 'search') throw trackedExperiment(experiment.name, new NotASearchError(id, experiment.kind));
    return experiment;
  }

  /**
   * Pause and cancel start with a flag in Redis that running folds read: with Redis away they
   * answer 503 at once, before anything changes, instead of waiting on the connection's retries.
   */
  private requireQueue(action: 'paused' | 'cancelled', stays: string): void {
    const down = this.jobs.unavailableReason();
    if (down)
      throw unavailable(
        `The training queue is unavailable (${down}), so the experiment was not ${action}: it keeps ${stays}. Check that Redis is reachable and try again.`,
      );
  }

  private queueUnavailable(reason: string) {
    return unavailable(
      `The training queue is unavailable (${reason}), so the experiment was not created. Check that Redis is reachable and try again.`,
    );
  }

  /** 409 for an action the experiment's status does not allow, worded by the lifecycle module. */
  private refused(action: TExperimentAction, name: string, status: string) {
    return conflict(experimentActionRefusal(action, { name, status }) ?? `Experiment '${name}' is ${status}.`);
  }

  /**
   * A fine-tune's base model: resolved (404 for a reference to nothing) and checked against the
   * dataset's images and the space's freezeLayers (400 naming the base's layer count).
   */
  private async checkBaseModel(request: TCreateExperiment, projectId: string, imageShape: unknown): Promise<NewExperiment['parentModel']> {
    if (request.baseModel === null) return null;
    const parent = await this.registry.resolveBaseModel(projectId, request.baseModel);
    const base = await this.models.describeBase(parent.id);
    const shape = ZImageShape.parse(imageShape);
    const named = parent.reference ? `'${parent.reference}' (model ${parent.id})` : `model '${parent.id}'`;
    for (const [path, freezeLayers] of [
      ['baseModel', 0],
      ['space.freezeLayers', mostFrozenLayers(request.space)],
    ] as const) {
      try {
        checkBaseModel(base, { imageShape: shape, freezeLayers });
      } catch (error) {
        if (!(error instanceof FineTuneError)) throw error;
        const message = `${named} cannot be fine-tuned on '${request.dataset}': ${error.message}`;
        throw badRequest(`Invalid request: ${path}: ${message}. Nothing was stored.`, [{ path, message }]);
      }
    }
    return parent;
  }

  /** The dataset and architectures must be builtins or the project's own. */
  private async check(request: TCreateExperiment, projectId: string) {
    const [datasets, architectures] = await Promise.all([this.datasets.all([projectId]), this.architectures.all([projectId])]);
    const issues = checkExperimentRules(request, {
      datasets: datasets.map((d) => ({ key: d.key, trainSize: d.trainSize, ...shapeOf(d) })),
      architectures: architectures.map((a) => {
        const spec = ZArchitectureSpec.parse(a.spec);
        return { key: a.key, kind: spec.kind, spec };
      }),
      ...this.limits(),
      modelCaps: { maxParameters: this.config.ATELIER_MAX_MODEL_PARAMS, maxTrainingMemoryMb: this.config.ATELIER_MAX_TRAINING_MEMORY_MB },
    });
    if (issues.length > 0) throw badRequest(summarizeIssues(issues.map((i) => ({ ...i, path: '' }))), issues);
    const dataset = datasets.find((d) => d.key === request.dataset);
    if (!dataset) throw badRequest(`Dataset '${request.dataset}' not found`); // checkExperimentRules refused it already
    const architectureIds = new Map(architectures.map((a) => [a.key, a.id]));
    const parentModel = await this.checkBaseModel(request, projectId, dataset.imageShape);
    return { dataset, architectureIds, parentModel };
  }
}

/** A dataset row's image shape and class count, read back through their schemas; {} when they do not parse. */
function shapeOf(row: { imageShape: unknown; classNames: unknown }): { imageShape?: [number, number, number]; numClasses?: number } {
  const imageShape = ZStoredImageShape.safeParse(row.imageShape);
  const classNames = z.array(z.string()).safeParse(row.classNames);
  return imageShape.success && classNames.success ? { imageShape: imageShape.data, numClasses: classNames.data.length } : {};
}
const ZStoredImageShape = z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]);

/** The 409 of a search-only route asked about a tracked experiment, naming it. */
function trackedExperiment(name: string, error: NotASearchError) {
  return conflict(
    `Experiment '${name}' is a tracked experiment (runs logged from code), not a search: list its runs with GET /runs?experiment=${error.experimentId}.`,
  );
}
