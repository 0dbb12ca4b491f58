import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  cancelKey,
  pauseKey,
  type TCreateExperiment,
  type TExperimentDetail,
  type TExperimentMetrics,
  type TExperimentOverview,
  type TExperimentStatus,
  type TProgressEvent,
  OVERVIEW_ALL_TRIALS_LIMIT,
  rungEpochsOf,
  ZArchitectureSpec,
  ZSearchStrategy,
} from '@atelier/domain';
import { searchCandidates } from '@atelier/ml/search/plan';
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
import { checkExperimentRules, foldCount, planExperiment, type ServerLimits } from './experiment-rules';
import { groupMetrics, pickBestTrial, toExperimentDetail } from './experiment.mapper';
import { selectWatchedTrials, toExperimentOverview } from './experiment-overview.mapper';
import { ExperimentsRepository } from './experiments.repository';
import { TrainingJobs } from './training-jobs';

/** Cancel flags outlive any job that could still be retried. */
const CANCEL_FLAG_TTL_SECONDS = 30 * 24 * 3600;
const FINISHED = new Set(['completed', 'failed', 'cancelled']);
/** Resume retries removing a paused fold's finished job this long (its worker may still be releasing it). */
const RESUME_REMOVE_RETRY_MS = 5_000;
/** The overview's seconds per epoch is the mean over this many of the last epochs trained. */
const RECENT_EPOCHS = 200;

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
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  /** Checks a request against the server's datasets, architectures and limits; writes nothing. */
  async plan(request: TCreateExperiment): Promise<TExperimentPlan> {
    await this.check(request);
    return planExperiment(request, this.limits());
  }

  private limits(): ServerLimits {
    return { maxTrials: this.config.MAX_TRIALS, maxTotalEpochs: this.config.MAX_TOTAL_EPOCHS };
  }

  async create(request: TCreateExperiment): Promise<TExperimentDetail> {
    const { dataset, architectureIds } = await this.check(request);
    const down = this.jobs.unavailableReason();
    if (down) throw this.queueUnavailable(down);
    const project = await this.projects.ensureDefault();
    const created = await this.experiments.create({
      projectId: project.id,
      datasetId: dataset.id,
      request,
      points: searchCandidates(request),
      architectureIds,
      folds: foldCount(request.validation),
    });
    const jobs = created.folds.map((f) => ({ experimentId: created.id, trialId: f.trialId, trialNumber: f.trialNumber, fold: f.fold, rung: f.rung }));
    try {
      await this.jobs.enqueue(jobs, request.priority);
    } catch (error) {
      // Nothing half-written: without its jobs the experiment would wait forever.
      this.logger.error(`enqueueing experiment ${created.id} failed: ${(error as Error).message}`);
      // addBulk is one MULTI, but a timed-out one may still land: take back what did
      await this.jobs.removeWaiting(jobs, 3_000).catch(() => 0);
      await this.experiments.delete(created.id);
      throw this.queueUnavailable((error as Error).message);
    }
    return this.get(created.id);
  }

  async get(id: string): Promise<TExperimentDetail> {
    const row = await this.experiments.findDetail(id);
    if (!row) throw notFound(`Experiment '${id}' not found`);
    return toExperimentDetail(row);
  }

  /**
   * The experiment page's data, bounded whatever the size of the search: every trial up to
   * OVERVIEW_ALL_TRIALS_LIMIT, else only the watched ones (full rows fetched for those ids only),
   * totals over the others from one light per-trial query, the ASHA rungs and the recent epoch time.
   */
  async overview(id: string): Promise<TExperimentOverview> {
    const experiment = await this.experiments.findExperiment(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    const strategy = ZSearchStrategy.parse(experiment.strategy);
    const [trials, rungResults, recentSeconds] = await Promise.all([
      this.experiments.trialAggregates(id),
      rungEpochsOf(strategy) ? this.experiments.rungResults(id) : null,
      this.experiments.recentEpochSeconds(id, RECENT_EPOCHS),
    ]);
    const allTrials = trials.length <= OVERVIEW_ALL_TRIALS_LIMIT;
    const listedIds = allTrials ? trials.map((t) => t.id) : [...selectWatchedTrials(trials, pickBestTrial(experiment.bestTrialId, trials)?.id ?? null)];
    const listed = await this.experiments.trialsByIds(id, listedIds);
    return toExperimentOverview({ experiment, strategy, trials, listed, allTrials, rungResults, recentSeconds });
  }

  /**
   * Stops an experiment: the flag first (a worker taking a job from now on sees it), then
   * the queued rows, then the jobs no worker holds; running folds stop at their next batch.
   */
  async cancel(id: string): Promise<TExperimentDetail> {
    const experiment = await this.experiments.findStatus(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (FINISHED.has(experiment.status)) throw this.notCancellable(experiment.name, experiment.status);
    await this.redis.set(cancelKey(this.config.REDIS_PREFIX, id), '1', 'EX', CANCEL_FLAG_TTL_SECONDS);
    const cancelled = await this.experiments.cancel(id);
    if (!cancelled) {
      const now = await this.experiments.findStatus(id);
      throw this.notCancellable(experiment.name, now?.status ?? 'finished');
    }
    const removed = await this.jobs.removeWaiting(cancelled.folds.map((f) => ({ experimentId: id, ...f })));
    this.logger.log(`experiment ${id} cancelled: ${cancelled.folds.length} queued folds, ${removed} jobs removed`);
    await this.publisher
      .publish({ type: 'experiment', experimentId: id, status: 'cancelled' })
      .catch((error: Error) => this.logger.warn(`publishing the cancel of ${id}: ${error.message}`));
    return this.get(id);
  }

  /**
   * Pauses an experiment: the flag first (running folds stop at their next batch and record
   * themselves paused), then the queued rows, then the jobs no worker holds. Work done so far is
   * kept: completed folds stay completed, and an interrupted fold restarts its current rung.
   */
  async pause(id: string): Promise<TExperimentDetail> {
    const experiment = await this.experiments.findStatus(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (experiment.status !== 'queued' && experiment.status !== 'running') {
      throw conflict(`Experiment '${experiment.name}' is ${experiment.status}: only a queued or running experiment can be paused.`);
    }
    await this.redis.set(pauseKey(this.config.REDIS_PREFIX, id), '1', 'EX', CANCEL_FLAG_TTL_SECONDS);
    const paused = await this.experiments.pause(id);
    if (!paused) {
      await this.redis.del(pauseKey(this.config.REDIS_PREFIX, id));
      const now = await this.experiments.findStatus(id);
      throw conflict(`Experiment '${experiment.name}' is ${now?.status ?? 'finished'}: only a queued or running experiment can be paused.`);
    }
    const removed = await this.jobs.removeWaiting(paused.folds.map((f) => ({ experimentId: id, ...f })));
    this.logger.log(`experiment ${id} paused: ${paused.folds.length} queued folds, ${removed} jobs removed`);
    await this.publishStatus(id, 'paused');
    return this.get(id);
  }

  /** Resumes a paused experiment: clears the flag and queues every paused fold again. */
  async resume(id: string): Promise<TExperimentDetail> {
    const experiment = await this.experiments.findStatus(id);
    if (!experiment) throw notFound(`Experiment '${id}' not found`);
    if (experiment.status !== 'paused') throw conflict(`Experiment '${experiment.name}' is ${experiment.status}: only a paused experiment can be resumed.`);
    const down = this.jobs.unavailableReason();
    if (down) throw unavailable(`The training queue is unavailable (${down}), so the experiment stays paused. Check that Redis is reachable and try again.`);
    await this.redis.del(pauseKey(this.config.REDIS_PREFIX, id));
    const resumed = await this.experiments.resume(id);
    if (!resumed) {
      const now = await this.experiments.findStatus(id);
      throw conflict(`Experiment '${experiment.name}' is ${now?.status ?? 'finished'}: only a paused experiment can be resumed.`);
    }
    const jobs = resumed.folds.map((f) => ({ experimentId: id, ...f }));
    // A fold that paused itself finished its job, which BullMQ keeps under the same id:
    // remove it first, or adding the fold again would be a no-op.
    await this.jobs.removeFinished(jobs, RESUME_REMOVE_RETRY_MS);
    await this.jobs.enqueue(jobs, resumed.priority);
    this.logger.log(`experiment ${id} resumed: ${jobs.length} folds queued again`);
    const status = (await this.experiments.findStatus(id))?.status ?? 'running';
    await this.publishStatus(id, status as TExperimentStatus);
    return this.get(id);
  }

  private async publishStatus(id: string, status: TExperimentStatus) {
    await this.publisher
      .publish({ type: 'experiment', experimentId: id, status })
      .catch((error: Error) => this.logger.warn(`publishing the ${status} of ${id}: ${(error as Error).message}`));
  }

  /** Epoch curves of every trial, or only of the trials numbered `numbers` (unknown numbers are left out). */
  async metrics(id: string, numbers?: readonly number[]): Promise<TExperimentMetrics> {
    if (!(await this.experiments.findStatus(id))) throw notFound(`Experiment '${id}' not found`);
    return groupMetrics(id, await this.experiments.metricRows(id, numbers));
  }

  /** Subscribes to the experiment's live progress; 404 when there is no such experiment. */
  async subscribe(id: string, listener: (event: TProgressEvent) => void): Promise<() => void> {
    if (!(await this.experiments.findStatus(id))) throw notFound(`Experiment '${id}' not found`);
    return this.hub.subscribe(id, listener);
  }

  private queueUnavailable(reason: string) {
    return unavailable(`The training queue is unavailable (${reason}), so the experiment was not created. Check that Redis is reachable and try again.`);
  }

  private notCancellable(name: string, status: string) {
    return conflict(`Experiment '${name}' is already ${status}: only a queued or running experiment can be cancelled.`);
  }

  private async check(request: TCreateExperiment) {
    const [datasets, architectures] = await Promise.all([this.datasets.all(), this.architectures.all()]);
    const issues = checkExperimentRules(request, {
      datasets,
      architectures: architectures.map((a) => ({ key: a.key, kind: ZArchitectureSpec.parse(a.spec).kind })),
      ...this.limits(),
    });
    if (issues.length > 0) throw badRequest(summarizeIssues(issues.map((i) => ({ ...i, path: '' }))), issues);
    const dataset = datasets.find((d) => d.key === request.dataset)!;
    const architectureIds = new Map(architectures.map((a) => [a.key, a.id]));
    return { dataset, architectureIds };
  }
}
