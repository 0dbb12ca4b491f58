import { createHash } from 'node:crypto';
import { searchExperimentOf } from '@atelier/db';
import {
  FINE_TUNE_ARCHITECTURE,
  hyperparametersOf,
  JOB_NAMES,
  ZArchitectureSpec,
  ZRefitJob,
  type TProgressEvent,
  type TRefitJob,
} from '@atelier/domain';
import { trainingSlice } from '@atelier/ml/data/prepare';
import { evaluateModel } from '@atelier/ml/evaluation/evaluate-model';
import { buildModelZip, makeModelCard } from '@atelier/ml/io/model-export';
import { trainModel } from '@atelier/ml/training/train-model';
import { UnrecoverableError, WaitingError } from 'bullmq';
import type { WorkerContext } from '../infra/context';
import { ensureBackend } from '../training/backend';
import { parentModelLabel, trainingSource } from '../training/base-model';
import { deriveFoldSeed } from '../training/seeds';
import { defineJob, type JobHandle } from './job-definition';

/** Sample test predictions kept with the evaluation: one screenful in the UI. */
export const SAMPLE_PREDICTIONS = 48;
/** Seeds the refit apart from the folds (fold indices are 0..9). */
const REFIT_FOLD = 1000;

export type RefitResult = { outcome: 'completed'; testAccuracy: number; artifactId: string } | { outcome: 'skipped'; reason: string };

/**
 * refit: retrains a trial's hyperparameters on every training image of its experiment (the
 * training slice, no validation split held out), scores the model on the test set and stores
 * both: the model as an export zip (model.json, weights, model card) in the artifact table, the
 * scores as the trial's 'test' evaluation. Queued for the best trial when a search completes.
 */
export const refitJob = defineJob<TRefitJob>({
  name: JOB_NAMES.refit,
  schema: ZRefitJob,
  handle: (payload, job, context) => refit(payload, job, context),
});

async function refit(payload: TRefitJob, job: JobHandle, context: WorkerContext): Promise<RefitResult> {
  const { prisma, logger, config } = context;
  const experiment = await prisma.experiment.findUnique({ where: { id: payload.experimentId }, include: { dataset: true } });
  const trial = await prisma.run.findUnique({ where: { id: payload.trialId }, include: { architecture: true } });
  if (!experiment || !trial || trial.experimentId !== experiment.id) return { outcome: 'skipped', reason: 'experiment or trial not found' };
  // A duplicate of the search's own refit (generation 0) after it finished; a requested re-run
  // (POST /trials/:id/refit, generation > 0) always trains.
  if (payload.generation === 0 && experiment.refitTrialId === trial.id && experiment.refitStatus === 'completed') {
    return { outcome: 'skipped', reason: 'already refit' };
  }
  const publish = (status: 'running' | 'completed' | 'failed', testAccuracy: number | null) =>
    context.progress.publish({
      type: 'refit',
      experimentId: experiment.id,
      trialId: trial.id,
      status,
      testAccuracy,
    } satisfies TProgressEvent);

  const t0 = Date.now();
  try {
    const search = searchExperimentOf(experiment);
    const { augmentation } = search;
    // A fine-tune's trials train the experiment's base model instead of an architecture's layers.
    const parentLabel = parentModelLabel(experiment);
    const architecture = trial.architecture;
    if (!architecture && !parentLabel) throw new UnrecoverableError(`trial ${trial.number} has no architecture: it is not a search trial`);
    const spec = architecture ? ZArchitectureSpec.parse(architecture.spec) : null;
    if (!parentLabel && spec?.kind !== 'layers') throw new UnrecoverableError(`architecture "${architecture?.key}" is not trainable`);
    const architectureKey = architecture?.key ?? FINE_TUNE_ARCHITECTURE;
    const hyperparameters = hyperparametersOf(trial.params);
    const backend = await ensureBackend(config.tfBackend);
    await prisma.experiment.updateMany({
      where: { id: experiment.id, refitTrialId: trial.id },
      data: { refitStatus: 'running', refitError: null },
    });
    await publish('running', null);

    const dataset = await context.datasets.get(search.dataset.key);
    const train = search.trainingSlice !== null ? trainingSlice(dataset.train, search.trainingSlice, search.seed) : dataset.train;
    const seed = deriveFoldSeed(search.seed, trial.number, REFIT_FOLD);
    logger.info('refit started', {
      experiment: experiment.id,
      trial: trial.number,
      train: train.count,
      test: dataset.test.count,
      epochs: hyperparameters.epochs,
      backend: backend.label,
    });
    const { architecture: _architecture, ...trainHyperparameters } = hyperparameters;
    const source = await trainingSource(prisma, experiment, spec);
    const result = await trainModel({
      ...source,
      hyperparameters: trainHyperparameters,
      numClasses: dataset.classNames.length,
      train,
      seed,
      augmentation: augmentation?.randomErasing ?? undefined,
      onBatchEnd: async () => {
        await new Promise((resolve) => setImmediate(resolve));
      },
      onEpochEnd: (metrics) => {
        context.trainingMetrics.epochTrained({ job: JOB_NAMES.refit, images: train.count, seconds: metrics.seconds });
      },
      shouldStop: () => job.signal.aborted,
    });
    try {
      if (result.cancelled) {
        // Worker shutdown: back to the queue without spending an attempt.
        await prisma.experiment.updateMany({ where: { id: experiment.id, refitTrialId: trial.id }, data: { refitStatus: 'queued' } });
        await job.moveToWait();
        throw new WaitingError();
      }
      const evaluation = await evaluateModel({
        model: result.model,
        test: dataset.test,
        classNames: dataset.classNames,
        sampleCount: SAMPLE_PREDICTIONS,
        seed,
      });
      const folds = await prisma.foldRun.count({ where: { trialId: trial.id } });
      const zip = await buildModelZip({
        model: result.model,
        card: makeModelCard({
          name: `${parentLabel ? `${parentLabel} fine-tuned` : architectureKey} on ${search.dataset.name} (${experiment.name}, trial ${trial.number})`,
          architecture: architectureKey,
          ...(experiment.parentModelId ? { parentModel: { id: experiment.parentModelId, reference: experiment.parentModelRef } } : {}),
          parameterCount: result.model.countParams(),
          dataset: { key: search.dataset.key, name: search.dataset.name, trainImages: train.count, testImages: dataset.test.count },
          classNames: [...dataset.classNames],
          imageSize: { height: dataset.train.height, width: dataset.train.width },
          hyperparameters,
          crossValidation:
            trial.meanValAccuracy === null
              ? null
              : { folds, meanAccuracy: trial.meanValAccuracy, stdAccuracy: trial.stdValAccuracy, meanLoss: trial.meanValLoss },
          test: { accuracy: evaluation.accuracy, loss: evaluation.loss, macroF1: evaluation.report.macroAvg.f1 },
          backend: result.backend,
          createdAt: new Date().toISOString(),
          seed,
          experimentId: experiment.id,
          trialId: trial.id,
        }),
      });
      const content = new Uint8Array(zip);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const artifactId = await prisma.$transaction(async (tx) => {
        const artifact = await tx.artifact.create({
          data: {
            experimentId: experiment.id,
            trialId: trial.id,
            kind: 'model',
            content,
            sizeBytes: BigInt(content.byteLength),
            sha256,
            metadata: { backend: result.backend, trainedOn: train.count, format: 'zip' },
          },
        });
        await tx.evaluation.deleteMany({ where: { trialId: trial.id, split: 'test' } });
        await tx.evaluation.create({
          data: {
            experimentId: experiment.id,
            trialId: trial.id,
            artifactId: artifact.id,
            split: 'test',
            accuracy: evaluation.accuracy,
            loss: evaluation.loss,
            confusionMatrix: evaluation.confusionMatrix,
            perClass: evaluation.report.perClass as never,
            macroAvg: evaluation.report.macroAvg as never,
            weightedAvg: evaluation.report.weightedAvg as never,
            topConfusions: evaluation.topConfusions as never,
            samplePredictions: evaluation.samplePredictions as never,
          },
        });
        await tx.experiment.updateMany({
          where: { id: experiment.id, refitTrialId: trial.id },
          data: { refitStatus: 'completed', refitError: null },
        });
        return artifact.id;
      });
      await publish('completed', evaluation.accuracy);
      logger.info('refit completed', {
        experiment: experiment.id,
        trial: trial.number,
        testAccuracy: Math.round(evaluation.accuracy * 1e4) / 1e4,
        bytes: content.byteLength,
        seconds: Math.round((Date.now() - t0) / 100) / 10,
      });
      return { outcome: 'completed', testAccuracy: evaluation.accuracy, artifactId };
    } finally {
      result.model.dispose();
    }
  } catch (error) {
    if (error instanceof WaitingError) throw error;
    const message = (error as Partial<Error>).message ?? String(error);
    const lastAttempt = error instanceof UnrecoverableError || job.attemptsMade + 1 >= job.maxAttempts;
    logger.error('refit failed', { experiment: experiment.id, trial: trial.number, willRetry: !lastAttempt, error: message });
    if (lastAttempt) {
      await prisma.experiment.updateMany({
        where: { id: experiment.id, refitTrialId: trial.id },
        data: { refitStatus: 'failed', refitError: message },
      });
      await publish('failed', null);
    }
    throw error;
  }
}
