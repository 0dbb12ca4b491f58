import type { PrismaClient } from '@atelier/db/client';
import { adminFetch } from '../harness/auth';
import { hyperparametersOf, type TCreateExperimentRequest, type TSamplePrediction } from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { decodePng } from '@atelier/ml/io/image-input';
import { readModelZip } from '@atelier/ml/io/model-export';
import * as tf from '@tensorflow/tfjs';
import { type Stack, startStack } from '../harness/stack';
import { createExperiment, epochRowsByFold, meanStd, openDatabase, range, waitForExperiment } from '../harness/search';

// A 3-fold grid search from the HTTP request to the exported model: every stored aggregate
// agrees with the stored folds, the best trial is the rule's, and the refit's zip loads in a
// plain TF.js process and predicts what the stored evaluation says it predicted.

const EPOCHS = 2;
const FOLDS = 3;

const request: TCreateExperimentRequest = {
  name: 'grid to refit',
  dataset: 'fashion-mnist',
  strategy: { kind: 'grid' },
  // 2 architectures (different parameter counts, so the tie rule has something to decide) ×
  // 2 batch sizes × 2 optimizers = 8 trials
  space: {
    architecture: ['cnn-a', 'mlp'],
    batchSize: [64, 128],
    epochs: [EPOCHS],
    activation: ['relu'],
    optimizer: ['adam', 'sgd'],
    learningRate: [0.003],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: FOLDS },
  trainingSlice: 300,
  seed: 11,
  priority: 1,
};

describe('grid search with refit', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({ worker: true, workerConcurrency: 2 });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  it('completes 8 trials × 3 folds, picks the best trial, refits it and exports a model that predicts as stored', async () => {
    const created = await createExperiment(stack, request);
    expect(created.trials).toHaveLength(8);
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 150_000, refit: true });
    expect(done.status).toBe('completed');

    // aggregates recomputed from the stored folds
    const trials = await prisma.run.findMany({ where: { experimentId: done.id }, include: { foldRuns: true }, orderBy: { number: 'asc' } });
    expect(trials).toHaveLength(8);
    for (const trial of trials) {
      expect(trial.status).toBe('completed');
      expect(trial.foldRuns).toHaveLength(FOLDS);
      const { mean, std } = meanStd(trial.foldRuns.map((f) => f.valAccuracy!));
      expect(trial.meanValAccuracy).toBeCloseTo(mean, 12);
      expect(trial.stdValAccuracy).toBeCloseTo(std, 12);
      expect(trial.parameterCount).toBeGreaterThan(0);
    }

    // exactly one epoch row per epoch per fold, and the fold's score is its last epoch's
    const rows = await epochRowsByFold(prisma, done.id);
    const folds = trials.flatMap((t) => t.foldRuns);
    expect(rows.size).toBe(8 * FOLDS);
    for (const fold of folds) {
      const foldRows = rows.get(fold.id) ?? [];
      expect(foldRows.map((r) => r.epoch)).toEqual(range(EPOCHS));
      expect(fold.valAccuracy).toBe(foldRows.at(-1)!.valAccuracy);
      expect(fold.epochsCompleted).toBe(EPOCHS);
    }

    // best = highest mean; ties go to fewer parameters, then the earlier trial
    const ranked = [...trials].sort(
      (a, b) => b.meanValAccuracy! - a.meanValAccuracy! || a.parameterCount! - b.parameterCount! || a.number - b.number,
    );
    expect(done.bestTrial?.id).toBe(ranked[0]!.id);
    expect(new Set(trials.map((t) => t.parameterCount)).size).toBe(2);

    // the refit: completed, tested, with a model artifact
    expect(done.refit).toMatchObject({ status: 'completed', trialId: ranked[0]!.id, error: null });
    expect(done.refit!.testAccuracy).toBeGreaterThan(0.1);
    expect(done.refit!.model).not.toBeNull();
    const evaluation = await prisma.evaluation.findFirstOrThrow({ where: { trialId: ranked[0]!.id, split: 'test' } });
    expect(evaluation.id).toBe(done.refit!.evaluationId);
    expect(evaluation.accuracy).toBeCloseTo(done.refit!.testAccuracy!, 12);
    const artifact = await prisma.artifact.findUniqueOrThrow({ where: { id: done.refit!.model!.id } });
    expect(evaluation.artifactId).toBe(artifact.id);
    expect(Number(artifact.sizeBytes)).toBe(artifact.content!.byteLength);

    // the exported zip as users download it: the stored bytes, unchanged
    const download = await adminFetch(`${stack.apiUrl}/models/${artifact.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/zip');
    expect(download.headers.get('content-disposition')).toMatch(/attachment;.*\.zip/);
    const zipBytes = new Uint8Array(await download.arrayBuffer());
    expect(Buffer.from(zipBytes).equals(Buffer.from(artifact.content!))).toBe(true);
    // the worker's backend (wasm unless ATELIER_TF_BACKEND says otherwise), in this process
    await selectBackend({ preferred: 'wasm' });
    const { model, card } = await readModelZip(zipBytes);
    try {
      expect(card.trialId).toBe(ranked[0]!.id);
      expect(card.architecture).toBe(await archKey(prisma, ranked[0]!.architectureId!));
      expect(card.architecture).toBe(hyperparametersOf(ranked[0]!.params).architecture);
      expect(card.parameterCount).toBe(ranked[0]!.parameterCount);

      // the model predicts the same classes as the stored sample predictions, on the same test
      // images (fetched as PNGs from the API, so the images are the ones the UI shows)
      const samples = evaluation.samplePredictions as TSamplePrediction[];
      expect(samples.length).toBeGreaterThanOrEqual(20);
      const pixels = new Float32Array(samples.length * 28 * 28);
      for (const [i, sample] of samples.entries()) {
        const png = await adminFetch(`${stack.apiUrl}/datasets/fashion-mnist/images/test/${sample.index}.png`);
        expect(png.status).toBe(200);
        pixels.set(decodePng(new Uint8Array(await png.arrayBuffer())), i * 28 * 28);
      }
      const output = tf.tidy(() => model.predict(tf.tensor4d(pixels, [samples.length, 28, 28, 1])) as tf.Tensor);
      const probabilities = (await output.array()) as number[][];
      output.dispose();
      const predicted = probabilities.map((row) => row.indexOf(Math.max(...row)));
      expect(predicted).toEqual(samples.map((s) => s.predictedLabel));
      for (const [i, sample] of samples.entries()) {
        // same weights and backend, another process and batch size: equal up to float rounding
        for (const [c, p] of sample.probabilities.entries()) expect(Math.abs(probabilities[i]![c]! - p)).toBeLessThan(1e-4);
      }
    } finally {
      model.dispose();
    }
  });
});

async function archKey(prisma: PrismaClient, architectureId: string): Promise<string> {
  return (await prisma.architecture.findUniqueOrThrow({ where: { id: architectureId } })).key;
}
