import { compareSplit, TIE_RULE, ZComparison, ZLeaderboard, type TComparison } from '@atelier/domain';
import { parameterImportance } from '@atelier/ml/search/importance';
import { seedEpochs, seedEvaluation, seedExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('leaderboard and compare (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.api;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  describe('GET /experiments/:id/leaderboard', () => {
    it('ranks, marks ties within one SE and diverged trials, and fits importance without the diverged ones', async () => {
      const seeded = await seedExperiment(t.prisma, {
        name: 'grid',
        folds: 3,
        trials: [
          { number: 1, optimizer: 'adam', learningRate: 0.01, meanValAccuracy: 0.8, stdValAccuracy: 0.01, parameterCount: 500 },
          { number: 2, optimizer: 'sgd', learningRate: 0.01, meanValAccuracy: 0.9, stdValAccuracy: 0.03, parameterCount: 900 },
          { number: 3, optimizer: 'adam', learningRate: 0.001, meanValAccuracy: 0.9, stdValAccuracy: 0.03, parameterCount: 800 },
          { number: 4, optimizer: 'sgd', learningRate: 0.001, meanValAccuracy: 0.89, stdValAccuracy: 0.02, parameterCount: 800 },
          { number: 5, optimizer: 'sgd', learningRate: 0.1, meanValAccuracy: 0.1, stdValAccuracy: 0.0, meanValLoss: 14.5 },
          { number: 6, status: 'running', meanValAccuracy: null },
        ],
      });
      const board = ZLeaderboard.parse((await http().get(`/experiments/${seeded.id}/leaderboard`).expect(200)).body);
      expect(board.rows.map((r) => [r.rank, r.number, r.tiedWithBest, r.diverged])).toEqual([
        [1, 3, false, null],
        // 0.9 - 0.03/√3 = 0.8827: #2 (0.9) and #4 (0.89) tie with #3, #1 (0.8) does not
        [2, 2, true, null],
        [3, 4, true, null],
        [4, 1, false, null],
        [5, 5, false, 'chance-accuracy'],
      ]);
      expect(board.ties).toEqual({ rule: TIE_RULE, bestTrialNumber: 3, tiedTrialNumbers: [2, 4] });
      expect(board.rows[0]).toMatchObject({
        meanValAccuracy: 0.9,
        parameterCount: 800,
        rung: null,
        epochs: 2,
        hyperparameters: { optimizer: 'adam', learningRate: 0.001 },
      });
      expect(board.rungs).toBeNull();
      expect(board.view).toMatchObject({ rung: null, epochs: null, dimensions: ['optimizer', 'learningRate'], totalPoints: 5 });
      expect(board.view.points.map((p) => [p.number, p.score, p.diverged])).toEqual([
        [2, 0.9, null],
        [3, 0.9, null],
        [4, 0.89, null],
        [1, 0.8, null],
        [5, 0.1, 'chance-accuracy'],
      ]);
      // the diverged trial is counted, not fitted; the experiment's seed makes the numbers repeatable
      const expected = parameterImportance(
        board.view.points.slice(0, 4).map((p) => ({ hyperparameters: p.hyperparameters, score: p.score })),
        { dimensions: ['optimizer', 'learningRate'], seed: 1, excludedDiverged: 1 },
      );
      expect(board.view.importance).toEqual(expected);
      expect(board.view.importance).toMatchObject({ method: 'fanova-random-forest', trials: 4, excludedDiverged: 1 });
      expect(board.view.importance!.warning).toMatch(/Only 4 usable trials/);
      const again = ZLeaderboard.parse((await http().get(`/experiments/${seeded.id}/leaderboard`).expect(200)).body);
      expect(again.view.importance).toEqual(board.view.importance);

      const top = ZLeaderboard.parse((await http().get(`/experiments/${seeded.id}/leaderboard?limit=1`).expect(200)).body);
      expect(top.rows.map((r) => r.number)).toEqual([3]);
      expect(top.view.points.map((p) => p.number)).toEqual([2]);
      // counts and ties cover every scored trial (not the running one), however few rows come back
      expect([board.scoredTrials, top.scoredTrials, top.view.totalPoints]).toEqual([5, 5, 5]);
      expect(top.ties.tiedTrialNumbers).toEqual([2, 4]);
      expect(top.view.importance).toEqual(board.view.importance);

      const refused = await http().get(`/experiments/${seeded.id}/leaderboard?rung=0`).expect(400);
      expect(errorOf(refused).message).toMatch(/rung applies to ASHA searches only/);
    });

    it('under ASHA ranks the highest rung first, and builds the view from one rung, never with epochs as a dimension', async () => {
      const seeded = await seedExperiment(t.prisma, {
        name: 'asha',
        strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
        trials: [
          { number: 1, status: 'stopped', rung: 0, epochs: 1, optimizer: 'adam', meanValAccuracy: 0.85 },
          { number: 2, status: 'completed', rung: 2, epochs: 9, optimizer: 'sgd', meanValAccuracy: 0.8 },
          { number: 3, status: 'running', rung: 2, epochs: 9, optimizer: 'adam', meanValAccuracy: 0.83 },
          { number: 4, status: 'stopped', rung: 0, epochs: 1, optimizer: 'sgd', meanValAccuracy: 0.7 },
        ],
      });
      const rungs: [number, number, number, number][] = [
        // trial index, rung, epochs, accuracy
        [0, 0, 1, 0.85],
        [1, 0, 1, 0.75],
        [1, 1, 3, 0.78],
        [1, 2, 9, 0.8],
        [2, 0, 1, 0.8],
        [2, 1, 3, 0.83],
        [3, 0, 1, 0.7],
      ];
      for (const [i, rung, epochs, accuracy] of rungs) {
        await t.prisma.trialRung.create({
          data: { trialId: seeded.trialIds[i]!, rung, epochs, meanValAccuracy: accuracy, stdValAccuracy: 0.01, promoted: false },
        });
      }
      const board = ZLeaderboard.parse((await http().get(`/experiments/${seeded.id}/leaderboard`).expect(200)).body);
      expect(board.rows.map((r) => [r.number, r.rung, r.epochs])).toEqual([
        [2, 2, 9],
        [3, 1, 3],
        [1, 0, 1],
        [4, 0, 1],
      ]);
      expect(board.rungs).toEqual([
        { rung: 0, epochs: 1, trials: 4 },
        { rung: 1, epochs: 3, trials: 2 },
        { rung: 2, epochs: 9, trials: 1 },
      ]);
      // the first rung by default: every trial's score after 1 epoch; epochs vary across trials but are never a dimension
      expect(board.view).toMatchObject({ rung: 0, epochs: 1, dimensions: ['optimizer'], totalPoints: 4 });
      expect(board.view.points.map((p) => [p.number, p.score, p.hyperparameters.epochs])).toEqual([
        [1, 0.85, 1],
        [3, 0.8, 1],
        [2, 0.75, 1],
        [4, 0.7, 1],
      ]);
      expect(board.view.importance!.parameters.map((p) => p.name)).toEqual(['optimizer']);

      const second = ZLeaderboard.parse((await http().get(`/experiments/${seeded.id}/leaderboard?rung=1`).expect(200)).body);
      expect(second.view).toMatchObject({ rung: 1, epochs: 3, totalPoints: 2 });
      expect(second.view.points.map((p) => [p.number, p.score])).toEqual([
        [3, 0.83],
        [2, 0.78],
      ]);
      // fewer than 3 scores at this rung: no importance
      expect(second.view.importance).toBeNull();

      const missing = await http().get(`/experiments/${seeded.id}/leaderboard?rung=5`).expect(400);
      expect(errorOf(missing).message).toBe('rung 5 has no scores yet; this search has scores at rung 0, 1, 2');
      const bad = await http().get(`/experiments/${seeded.id}/leaderboard?rung=-1`).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/rung must be 0 or more/);
    });

    it('404s for an unknown experiment and 400s for an unknown parameter', async () => {
      await http().get(`/experiments/${MISSING}/leaderboard`).expect(404);
      await http().get(`/experiments/${MISSING}/leaderboard?top=3`).expect(400);
    });
  });

  describe('GET /compare', () => {
    let ids: string[];
    let experimentId: string;

    beforeAll(async () => {
      const a = await seedExperiment(t.prisma, {
        name: 'first',
        folds: 2,
        trials: [
          { number: 1, optimizer: 'adam', learningRate: 0.01, meanValAccuracy: 0.8, stdValAccuracy: 0.02, meanValLoss: 0.5 },
          { number: 2, optimizer: 'sgd', learningRate: 0.01, meanValAccuracy: 0.7, stdValAccuracy: 0.01, meanValLoss: 0.6 },
        ],
      });
      const b = await seedExperiment(t.prisma, {
        name: 'second, on mnist',
        dataset: 'mnist',
        folds: 1,
        trials: [{ number: 1, optimizer: 'adam', learningRate: 0.01, batchSize: 32, meanValAccuracy: 0.95 }],
      });
      experimentId = a.id;
      ids = [b.trialIds[0]!, a.trialIds[0]!, a.trialIds[1]!];
      await seedEpochs(t.prisma, a.trialIds[0]!, 0, [
        { loss: 1.0, accuracy: 0.5, valLoss: 1.2, valAccuracy: 0.4 },
        { loss: 0.6, accuracy: 0.7, valLoss: 0.8, valAccuracy: 0.6 },
      ]);
      await seedEpochs(t.prisma, a.trialIds[0]!, 1, [{ loss: 0.8, accuracy: 0.6, valLoss: null, valAccuracy: 0.5 }]);
      const classNames = Array.from({ length: 10 }, (_, i) => `c${i}`);
      const diagonal = (n: number) => classNames.map((_, i) => classNames.map((__, j) => (i === j ? n : 0)));
      await seedEvaluation(t.prisma, {
        experimentId: a.id,
        trialId: a.trialIds[0]!,
        split: 'test',
        matrix: diagonal(3),
        classNames,
        samples: [{ index: 0, trueLabel: 0, predictedLabel: 0, confidence: 1, probabilities: [] }],
      });
      await seedEvaluation(t.prisma, { experimentId: a.id, trialId: a.trialIds[0]!, split: 'validation', matrix: diagonal(2), classNames });
      await seedEvaluation(t.prisma, { experimentId: b.id, trialId: b.trialIds[0]!, split: 'validation', matrix: diagonal(1), classNames });
      await t.prisma.experiment.update({ where: { id: a.id }, data: { refitStatus: 'running', refitTrialId: a.trialIds[1]! } });
    });

    it('returns the trials in the order asked with experiment, dataset, curves, evaluations and the differing hyperparameters', async () => {
      const body = ZComparison.parse(
        (
          await http()
            .get(`/compare?trials=${ids.join(',')}`)
            .expect(200)
        ).body,
      );
      expect(body.trials.map((tr) => [tr.experiment.name, tr.number, tr.dataset.key])).toEqual([
        ['second, on mnist', 1, 'mnist'],
        ['first', 1, 'fashion-mnist'],
        ['first', 2, 'fashion-mnist'],
      ]);
      expect(body.differing).toEqual(['optimizer']);
      expect(body.trials[0]!.dataset.classNames.slice(0, 2)).toEqual(['0', '1']);
      expect(body.trials[1]!.dataset.classNames[9]).toBe('Ankle boot');

      const first = body.trials[1]!;
      expect(first).toMatchObject({
        meanValAccuracy: 0.8,
        stdValAccuracy: 0.02,
        meanValLoss: 0.5,
        testAccuracy: 1,
        experiment: { id: experimentId },
      });
      expect(first.curves.folds.map((f) => [f.fold, f.metrics.length])).toEqual([
        [0, 2],
        [1, 1],
      ]);
      const [epoch1, epoch2] = first.curves.mean;
      expect(epoch1).toMatchObject({ epoch: 1, folds: 2, valLoss: 1.2, valLossStd: 0 });
      expect(epoch1!.loss).toBeCloseTo(0.9, 12);
      expect(epoch1!.lossStd).toBeCloseTo(0.1, 12);
      expect(epoch1!.valAccuracy).toBeCloseTo(0.45, 12);
      expect(epoch1!.valAccuracyStd).toBeCloseTo(0.05, 12);
      expect(epoch2).toMatchObject({ epoch: 2, folds: 1, loss: 0.6, lossStd: 0, valAccuracy: 0.6 });
      // every seeded epoch took 1 s: the time axis of the mean curve is the folds' running total
      expect([epoch1!.elapsedSeconds, epoch2!.elapsedSeconds]).toEqual([1, 2]);

      // each split in its own field: the newest of each, never one standing in for the other
      expect([first.validation!.split, first.validation!.accuracy, first.validation!.weightedAvg.support]).toEqual(['validation', 1, 20]);
      expect([first.test!.split, first.test!.accuracy, first.test!.weightedAvg.support]).toEqual(['test', 1, 30]);
      expect(first.validation!.perClass[0]).toEqual({ className: 'c0', precision: 1, recall: 1, f1: 1, support: 2 });
      expect(first.validation).not.toHaveProperty('samplePredictions');
      expect(first.test).not.toHaveProperty('samplePredictions');
      expect(first.refitStatus).toBeNull();
      expect(body.trials[2]!.curves).toEqual({
        mean: [],
        folds: [
          { fold: 0, metrics: [] },
          { fold: 1, metrics: [] },
        ],
      });
      // never evaluated: both null; the search is refitting it
      expect(body.trials[2]).toMatchObject({ validation: null, test: null, testAccuracy: null, refitStatus: 'running' });
      // the mnist trial has only a validation evaluation: no test figure in its place
      expect(body.trials[0]).toMatchObject({ test: null, testAccuracy: null, refitStatus: null });
      expect(body.trials[0]!.validation!.datasetKey).toBe('mnist');

      // the shared rule pairs like with like: test figures of one dataset only, and says why the others are missing
      const test = compareSplit(body.trials, 'test');
      expect(test.trials.map((e) => e.missing)).toEqual(['not-refit', null, 'refit-pending']);
      expect([test.available, test.datasetKey]).toEqual([1, 'fashion-mnist']);
      const validation = compareSplit(body.trials, 'validation');
      // the first evaluated trial is on mnist: the fashion-mnist one is not comparable with it
      expect(validation.trials.map((e) => e.missing)).toEqual([null, 'other-dataset', 'not-evaluated']);
    });

    it('404s naming the unknown ids, 400s above 50 trials or for a malformed id', async () => {
      const other = '00000000-0000-4000-8000-000000000001';
      const missing = await http().get(`/compare?trials=${ids[0]},${MISSING},${other}`).expect(404);
      expect(errorOf(missing).message).toBe(`Trials '${MISSING}', '${other}' not found`);
      const many = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const tooMany = await http()
        .get(`/compare?trials=${many.join(',')}`)
        .expect(400);
      expect(errorOf(tooMany).message).toMatch(/at most 50 trials can be compared at once \(got 51\)/);
      await http().get('/compare?trials=abc').expect(400);
      await http().get('/compare').expect(400);
    });

    it('compares 50 trials with 3 folds × 20 epochs each', async () => {
      const seeded = await seedExperiment(t.prisma, {
        name: 'fifty',
        trials: Array.from({ length: 50 }, (_, i) => ({ number: i + 1, learningRate: 0.001 * (i + 1), meanValAccuracy: 0.5 + i / 100 })),
      });
      const runs = await t.prisma.foldRun.findMany({ where: { trialId: { in: seeded.trialIds } }, select: { trialId: true, fold: true } });
      for (const run of runs) {
        await seedEpochs(
          t.prisma,
          run.trialId,
          run.fold,
          Array.from({ length: 20 }, (_, e) => ({ loss: 1 / (e + 1), accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 })),
        );
      }
      const classNames = Array.from({ length: 10 }, (_, i) => `c${i}`);
      for (const trialId of seeded.trialIds) {
        await seedEvaluation(t.prisma, {
          experimentId: seeded.id,
          trialId,
          split: 'validation',
          matrix: classNames.map((_, i) => classNames.map((__, j) => (i === j ? 90 : 1))),
          classNames,
        });
      }
      const url = `/compare?trials=${seeded.trialIds.join(',')}`;
      // 50 trials at once (bench/ui measures how fast)
      const response = await http().get(url).expect(200);
      const comparison = response.body as TComparison;
      expect(comparison.trials).toHaveLength(50);
      expect(comparison.trials[0]!.curves.mean).toHaveLength(20);
      expect(ZComparison.parse((await http().get(url).expect(200)).body).differing).toEqual(['learningRate']);
    });
  });
});
