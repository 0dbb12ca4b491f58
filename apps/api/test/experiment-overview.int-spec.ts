import {
  hasEpochsLeft,
  RUNG_POINTS_LIMIT,
  rankedBestTrialOf,
  type TOtherTrials,
  type TTrial,
  ZExperimentDetail,
  ZExperimentMetrics,
  ZExperimentOverview,
} from '@atelier/domain';
import { seedEpochs, seedExperiment, type SeededExperiment, type TrialSeed } from './seed-trials';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

const FOLDS = 3;
const GRID_SPACE = {
  architecture: ['cnn-a'],
  batchSize: [32],
  epochs: [2, 4],
  activation: ['relu'],
  optimizer: ['adam'],
  learningRate: [0.001],
  momentum: [0],
};
const base = Date.UTC(2026, 0, 1);
const minute = (n: number) => new Date(base + n * 60_000);

/** The experiment page's progress of a listed trial (apps/web live-state), recomputed independently. */
function pageProgress(trial: TTrial): number {
  if (trial.status === 'completed') return 1;
  const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
  let sum = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const run = trial.folds.find((f) => f.fold === fold);
    if (run) sum += run.status === 'completed' ? 1 : clamp01(run.epochsCompleted / trial.hyperparameters.epochs);
  }
  return Math.max(trial.progress, clamp01(sum / FOLDS));
}

/** otherTrials recomputed from full trials with the rules of the brief. */
function expectedOtherTrials(trials: readonly TTrial[]): TOtherTrials {
  const counts = { queued: 0, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const trial of trials) counts[trial.status] += 1;
  const scored = trials.filter((t) => t.meanValAccuracy !== null);
  const sum = (f: (t: TTrial) => number) => trials.reduce((s, t) => s + f(t), 0);
  return {
    count: trials.length,
    trialCounts: counts,
    plannedEpochs: sum((t) => t.hyperparameters.epochs),
    trainedEpochs: sum((t) => pageProgress(t) * t.hyperparameters.epochs),
    remainingFoldEpochs: sum((t) => (hasEpochsLeft(t.status) ? Math.max(0, t.hyperparameters.epochs * FOLDS * (1 - pageProgress(t))) : 0)),
    runningFolds: sum((t) => t.folds.filter((f) => f.status === 'running').length),
    scored: scored.length,
    best: rankedBestTrialOf(trials),
  };
}

/** The 150-trial search: what each number is (see the watched numbers the test expects). */
function bigTrial(number: number): TrialSeed {
  if (number <= 60)
    return {
      number,
      status: 'completed',
      epochs: 4,
      meanValAccuracy: 0.5 + (number % 20) / 100,
      stdValAccuracy: 0.01,
      finishedAt: minute(number),
    };
  if (number <= 70) return { number, status: 'running', epochs: 4 };
  if (number <= 80) return { number, status: 'waiting', epochs: 4, meanValAccuracy: 0.55, stdValAccuracy: 0.02 };
  if (number <= 85)
    return { number, status: 'stopped', epochs: 4, meanValAccuracy: 0.3, stdValAccuracy: null, finishedAt: minute(100 + number) };
  if (number <= 90) return { number, status: 'failed', epochs: 4 };
  if (number <= 95) return { number, status: 'paused', epochs: 2 };
  return { number, status: 'queued', epochs: 2 };
}

function bigFold(trial: TrialSeed, fold: number): { status: string; epochsCompleted: number } {
  switch (trial.status) {
    case 'completed':
      return { status: 'completed', epochsCompleted: 4 };
    case 'running': // fold 0 done, fold 1 part-way (5 is clamped to 4), fold 2 queued
      return [
        { status: 'completed', epochsCompleted: 4 },
        { status: 'running', epochsCompleted: (trial.number - 61) % 6 },
        { status: 'queued', epochsCompleted: 0 },
      ][fold]!;
    case 'waiting':
      return { status: 'queued', epochsCompleted: 2 };
    case 'stopped':
      return { status: 'completed', epochsCompleted: 1 };
    case 'failed':
      return { status: 'failed', epochsCompleted: 1 };
    case 'paused':
      return fold === 0 ? { status: 'paused', epochsCompleted: 1 } : { status: 'paused', epochsCompleted: 0 };
    default:
      return { status: 'queued', epochsCompleted: 0 };
  }
}

describe('experiment overview and selected metrics (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let small: SeededExperiment;
  let big: SeededExperiment;
  let asha: SeededExperiment;
  let recentSeconds: number[];
  const http = () => t.api;
  const overviewOf = async (id: string) => ZExperimentOverview.parse((await http().get(`/experiments/${id}/overview`).expect(200)).body);
  const detailOf = async (id: string) => ZExperimentDetail.parse((await http().get(`/experiments/${id}`).expect(200)).body);

  beforeAll(async () => {
    t = await startTestApp();
    big = await seedExperiment(t.prisma, {
      name: 'big',
      space: GRID_SPACE,
      folds: FOLDS,
      trials: Array.from({ length: 150 }, (_, i) => bigTrial(i + 1)),
      foldStatus: (trial, fold) => bigFold(trial, fold).status,
      epochsCompleted: (trial, fold) => bigFold(trial, fold).epochsCompleted,
    });
    // the worker recorded a mediocre best trial (3, 0.53): it is listed and is the bestTrial
    await t.prisma.experiment.update({ where: { id: big.id }, data: { bestTrialId: big.trialIds[2]! } });
    // epoch times: 40 old ones (50 s), then the 200 most recent (some 0, left out of the mean)
    // fold 0 of a trial: 4 epochs of these seconds, trained at these (increasing) wall times
    let clock = Date.UTC(2026, 0, 1);
    const seedFoldZero = (number: number, seconds: (epoch: number) => number) =>
      seedEpochs(
        t.prisma,
        big.trialIds[number - 1]!,
        0,
        [1, 2, 3, 4].map((epoch) => ({
          loss: 0.5,
          accuracy: 0.8,
          valLoss: 0.6,
          valAccuracy: 0.75,
          seconds: seconds(epoch),
          wallTime: new Date((clock += 1000)),
        })),
      );
    for (let n = 1; n <= 10; n++) await seedFoldZero(n, () => 50);
    recentSeconds = [];
    for (let n = 11; n <= 60; n++) {
      const seconds = (e: number) => ((n * 4 + e) % 50 === 0 ? 0 : 1 + ((n + e) % 7) * 0.25);
      await seedFoldZero(n, seconds);
      recentSeconds.push(...[1, 2, 3, 4].map(seconds));
    }

    small = await seedExperiment(t.prisma, {
      name: 'small',
      space: GRID_SPACE,
      folds: FOLDS,
      trials: Array.from({ length: 12 }, (_, i) => {
        const number = i + 1;
        if (number <= 5)
          return { number, status: 'completed', meanValAccuracy: 0.6 + number / 100, stdValAccuracy: 0.01, finishedAt: minute(number) };
        return { number, status: number === 6 ? 'running' : number === 7 ? 'waiting' : 'queued' };
      }),
      foldStatus: (trial, fold) => (trial.status === 'completed' ? 'completed' : trial.number === 6 && fold === 0 ? 'running' : 'queued'),
      epochsCompleted: (trial, fold) => (trial.status === 'completed' ? 2 : trial.number === 6 && fold === 0 ? 1 : 0),
    });
    // written after the big search's epochs: they must not count in its seconds per epoch
    for (const number of [2, 5, 7]) {
      await seedEpochs(t.prisma, small.trialIds[number - 1]!, 0, [
        { loss: 0.9, accuracy: 0.6, valLoss: 0.95, valAccuracy: 0.55 },
        { loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.7 + number / 100 },
      ]);
    }

    // ASHA with rungs of 1, 3 and 9 epochs
    const { epochs: _epochs, ...ashaSpace } = GRID_SPACE;
    asha = await seedExperiment(t.prisma, {
      name: 'asha',
      strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
      space: ashaSpace,
      folds: FOLDS,
      trials: [
        { number: 1, status: 'completed', rung: 2, epochs: 9, meanValAccuracy: 0.8, stdValAccuracy: 0.01 },
        { number: 2, status: 'running', rung: 1, epochs: 3 },
        { number: 3, status: 'waiting', rung: 0, epochs: 1, meanValAccuracy: 0.55, stdValAccuracy: 0.01 },
        { number: 4, status: 'stopped', rung: 0, epochs: 1, meanValAccuracy: 0.4, stdValAccuracy: 0.01 },
        { number: 5, status: 'stopped', rung: 1, epochs: 3, meanValAccuracy: 0.65, stdValAccuracy: 0.01 },
        { number: 6, status: 'queued', rung: 0, epochs: 1 },
      ],
    });
    const rung = (number: number, r: number, score: number, promoted: boolean) => ({
      trialId: asha.trialIds[number - 1]!,
      rung: r,
      epochs: [1, 3, 9][r]!,
      meanValAccuracy: score,
      stdValAccuracy: 0.01,
      promoted,
    });
    await t.prisma.trialRung.createMany({
      data: [
        rung(1, 0, 0.6, true),
        rung(2, 0, 0.5, true),
        rung(3, 0, 0.55, false),
        rung(4, 0, 0.4, false),
        rung(5, 0, 0.6, true),
        rung(1, 1, 0.7, true),
        rung(5, 1, 0.65, false),
        rung(1, 2, 0.8, false),
      ],
    });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  describe('GET /experiments/:id/overview', () => {
    it('lists every trial up to the limit, exactly as GET /experiments/:id, with nothing left over', async () => {
      const [overview, detail] = await Promise.all([overviewOf(small.id), detailOf(small.id)]);
      const { trials, allTrials, otherTrials, rungs, secondsPerEpoch, ...fields } = overview;
      const { trials: detailTrials, ...detailFields } = detail;
      expect(fields).toEqual(detailFields);
      expect(trials).toEqual(detailTrials);
      expect(trials.map((x) => x.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(allTrials).toBe(true);
      expect(otherTrials).toEqual(expectedOtherTrials([]));
      expect(otherTrials.best).toBeNull();
      expect(rungs).toBeNull();
      expect(secondsPerEpoch).toBe(1);
      expect(fields.trialCounts).toMatchObject({ completed: 5, running: 1, waiting: 1, queued: 5 });
      expect(fields.bestTrial).toEqual({ id: small.trialIds[4], number: 5, meanValAccuracy: 0.6 + 5 / 100, stdValAccuracy: 0.01 });
    });

    it('above the limit: the watched trials, and totals over the others as the page computes them', async () => {
      const [overview, detail] = await Promise.all([overviewOf(big.id), detailOf(big.id)]);
      expect(overview.allTrials).toBe(false);
      // best trial 3 (recorded); 10 best: 0.69 ×3, 0.68 ×3, 0.67 ×3, then 16 of the 0.66s; running 61..70;
      // finished last: stopped 85..81, then completed 60..56
      const watched = [
        3,
        16,
        17,
        18,
        19,
        37,
        38,
        39,
        56,
        57,
        58,
        59,
        60,
        ...Array.from({ length: 10 }, (_, i) => 61 + i),
        81,
        82,
        83,
        84,
        85,
      ];
      expect(overview.trials.map((x) => x.number)).toEqual(watched);
      expect(overview.trials).toEqual(detail.trials.filter((x) => watched.includes(x.number)));

      const others = detail.trials.filter((x) => !watched.includes(x.number));
      const expected = expectedOtherTrials(others);
      // sums of fractions: the API and the page may add them in another order
      const { trainedEpochs, remainingFoldEpochs, ...exact } = overview.otherTrials;
      const { trainedEpochs: expectedTrained, remainingFoldEpochs: expectedRemaining, ...expectedExact } = expected;
      expect(exact).toEqual(expectedExact);
      expect(trainedEpochs).toBeCloseTo(expectedTrained, 9);
      expect(remainingFoldEpochs).toBeCloseTo(expectedRemaining, 9);

      // the same by hand: 122 others, 47 of the completed, every waiting, failed, paused and queued one
      expect(overview.otherTrials.count).toBe(122);
      expect(overview.otherTrials.trialCounts).toEqual({
        queued: 55,
        running: 0,
        paused: 5,
        waiting: 10,
        stopped: 0,
        completed: 47,
        failed: 5,
        cancelled: 0,
      });
      expect(overview.otherTrials.plannedEpochs).toBe(47 * 4 + 10 * 4 + 5 * 4 + 5 * 2 + 55 * 2);
      // completed 47 × 4, waiting 10 × 0.5 × 4, failed 5 × 1/4 × 4, paused 5 × 1/6 × 2
      expect(trainedEpochs).toBeCloseTo(47 * 4 + 10 * 2 + 5 * 1 + 5 * (1 / 3), 9);
      // paused 5 × (2 × 3 − 1), queued 55 × 6; waiting and failed are not counted
      expect(remainingFoldEpochs).toBeCloseTo(5 * 5 + 55 * 6, 9);
      expect(overview.otherTrials.runningFolds).toBe(0);
      expect(overview.otherTrials.scored).toBe(47 + 10);
      // 0.66: 16 is listed; 36 and 56 tie, 56 listed too → 36
      expect(overview.otherTrials.best).toEqual({
        id: big.trialIds[35],
        number: 36,
        meanValAccuracy: 0.5 + 16 / 100,
        stdValAccuracy: 0.01,
        status: 'completed',
        parameterCount: 1000,
        scoreRung: null,
      });

      expect(overview.trialCount).toBe(150);
      expect(overview.trialCounts).toEqual(detail.trialCounts);
      expect(overview.trialCounts).toEqual({
        queued: 55,
        running: 10,
        paused: 5,
        waiting: 10,
        stopped: 5,
        completed: 60,
        failed: 5,
        cancelled: 0,
      });
      expect(overview.bestTrial).toEqual(detail.bestTrial);
      expect(overview.bestTrial).toMatchObject({ id: big.trialIds[2], number: 3 });
      // what the page adds up: listed trials plus the others give every trial
      const listedRunning = overview.trials.reduce((n, x) => n + x.folds.filter((f) => f.status === 'running').length, 0);
      expect(listedRunning + overview.otherTrials.runningFolds).toBe(10);
    });

    it('averages the seconds of the experiment’s 200 last epochs, positive ones only', async () => {
      const overview = await overviewOf(big.id);
      const positive = recentSeconds.filter((s) => s > 0);
      expect(positive.length).toBeLessThan(200);
      expect(overview.secondsPerEpoch).toBeCloseTo(positive.reduce((a, b) => a + b, 0) / positive.length, 12);
      expect((await overviewOf(asha.id)).secondsPerEpoch).toBeNull();
    });

    it('summarizes every ASHA rung: outcomes, counts, best score, points best first', async () => {
      const overview = await overviewOf(asha.id);
      const id = (n: number) => asha.trialIds[n - 1]!;
      expect(overview.rungs).toEqual([
        {
          rung: 0,
          epochs: 1,
          reached: 5,
          promoted: 3,
          stopped: 1,
          waiting: 1,
          best: 0.6,
          points: [
            { trialId: id(1), number: 1, score: 0.6, outcome: 'promoted' },
            { trialId: id(5), number: 5, score: 0.6, outcome: 'promoted' },
            { trialId: id(3), number: 3, score: 0.55, outcome: 'waiting' },
            { trialId: id(2), number: 2, score: 0.5, outcome: 'promoted' },
            { trialId: id(4), number: 4, score: 0.4, outcome: 'stopped' },
          ],
        },
        {
          rung: 1,
          epochs: 3,
          reached: 2,
          promoted: 1,
          stopped: 1,
          waiting: 0,
          best: 0.7,
          points: [
            { trialId: id(1), number: 1, score: 0.7, outcome: 'promoted' },
            { trialId: id(5), number: 5, score: 0.65, outcome: 'stopped' },
          ],
        },
        {
          rung: 2,
          epochs: 9,
          reached: 1,
          promoted: 0,
          stopped: 0,
          waiting: 0,
          best: 0.8,
          points: [{ trialId: id(1), number: 1, score: 0.8, outcome: 'final' }],
        },
      ]);
      expect(overview.trials[0]!.rungs.map((r) => [r.rung, r.meanValAccuracy, r.promoted])).toEqual([
        [0, 0.6, true],
        [1, 0.7, true],
        [2, 0.8, false],
      ]);
    });

    it('reads each rung’s RUNG_POINTS_LIMIT best points from the results’ own search and number, ties by number, after rescoring and deletes', async () => {
      const { epochs: _epochs, ...ashaSpace } = GRID_SPACE;
      const n = RUNG_POINTS_LIMIT + 40;
      const wide = await seedExperiment(t.prisma, {
        name: 'asha, wide',
        strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 3, reductionFactor: 3 },
        space: ashaSpace,
        folds: 2,
        trials: Array.from({ length: n }, (_, i) => ({ number: i + 1, status: 'stopped', rung: 0, epochs: 1 })),
      });
      // scores in 50 steps, so most of them tie (a tie goes to the lower number); the numbers are
      // written in reverse so the rows' physical order is not the answer's
      const score = (number: number) => ((number * 37) % 50) / 100;
      await t.prisma.trialRung.createMany({
        data: [...wide.trialIds].reverse().map((trialId, i) => ({
          trialId,
          rung: 0,
          epochs: 1,
          meanValAccuracy: score(n - i),
          stdValAccuracy: 0,
        })),
      });
      // rung 1 holds a few; one of them through the worker's upsert path
      for (const number of [5, 9, 2])
        await t.prisma.trialRung.upsert({
          where: { trialId_rung: { trialId: wide.trialIds[number - 1]!, rung: 1 } },
          create: { trialId: wide.trialIds[number - 1]!, rung: 1, epochs: 3, meanValAccuracy: 0.9, stdValAccuracy: 0 },
          update: {},
        });
      const expected = (scores: Map<number, number>) =>
        [...scores]
          .sort(([a, x], [b, y]) => y - x || a - b)
          .slice(0, RUNG_POINTS_LIMIT)
          .map(([number, s]) => [number, s]);
      const pointsOf = async () => {
        const overview = await overviewOf(wide.id);
        return (overview.rungs ?? []).map((r) => ({ rung: r.rung, reached: r.reached, points: r.points.map((p) => [p.number, p.score]) }));
      };
      const rung0 = new Map(Array.from({ length: n }, (_, i) => [i + 1, score(i + 1)]));
      expect(await pointsOf()).toEqual([
        { rung: 0, reached: n, points: expected(rung0) },
        {
          rung: 1,
          reached: 3,
          points: [
            [2, 0.9],
            [5, 0.9],
            [9, 0.9],
          ],
        },
      ]);
      // the trigger copied every result's search and number from its run
      const copied = await t.prisma.trialRung.findMany({
        where: { trialId: { in: wide.trialIds } },
        select: { trialId: true, experimentId: true, trialNumber: true },
      });
      expect(copied).toHaveLength(n + 3);
      expect(copied.every((r) => r.experimentId === wide.id && r.trialNumber === wide.trialIds.indexOf(r.trialId) + 1)).toBe(true);

      // rescored (the best two fall to the bottom, a low one rises to the top), one deleted
      const best = expected(rung0)
        .slice(0, 2)
        .map(([number]) => number!);
      await t.prisma.trialRung.updateMany({
        where: { trialId: { in: best.map((b) => wide.trialIds[b - 1]!) }, rung: 0 },
        data: { meanValAccuracy: 0 },
      });
      await t.prisma.trialRung.updateMany({ where: { trialId: wide.trialIds[n - 1]!, rung: 0 }, data: { meanValAccuracy: 0.95 } });
      await t.prisma.trialRung.deleteMany({ where: { trialId: wide.trialIds[4]!, rung: 1 } });
      for (const b of best) rung0.set(b, 0);
      rung0.set(n, 0.95);
      expect(await pointsOf()).toEqual([
        { rung: 0, reached: n, points: expected(rung0) },
        {
          rung: 1,
          reached: 2,
          points: [
            [2, 0.9],
            [9, 0.9],
          ],
        },
      ]);
      expect((await pointsOf())[0]!.points[0]).toEqual([n, 0.95]);
    }, 120_000);

    it('stays bounded at 10,000 trials × 5 folds', async () => {
      const statuses = ['completed', 'running', 'queued', 'waiting', 'stopped'] as const;
      const huge = await seedExperiment(t.prisma, {
        name: 'ten thousand',
        space: GRID_SPACE,
        folds: 5,
        trials: Array.from({ length: 10_000 }, (_, i) => ({
          number: i + 1,
          status: statuses[i % 5],
          epochs: 4,
          meanValAccuracy: i % 3 === 0 || statuses[i % 5] === 'running' ? null : ((i * 7919) % 1000) / 1000,
          finishedAt: i % 5 === 0 ? minute(i) : null,
        })),
        foldStatus: (trial, fold) =>
          trial.status === 'completed' ? 'completed' : trial.status === 'running' && fold === 0 ? 'running' : 'queued',
        epochsCompleted: (trial, fold) => (trial.status === 'completed' ? 4 : (trial.number + fold) % 5),
      });
      // bounded whatever the size (its speed is measured by bench/ui, not asserted here)
      const response = await http().get(`/experiments/${huge.id}/overview`).expect(200);
      const overview = ZExperimentOverview.parse(response.body);
      expect(overview.allTrials).toBe(false);
      // 2,000 running (unscored): the first 100 by number, plus the 10 best and the 10 finished last
      expect(overview.trials.filter((x) => x.status === 'running').map((x) => x.number)).toEqual(
        Array.from({ length: 100 }, (_, i) => 2 + i * 5),
      );
      expect(overview.trials.length).toBeLessThanOrEqual(121);
      expect(response.text.length).toBeLessThan(400_000);
      expect(overview.trials.length + overview.otherTrials.count).toBe(10_000);
      expect(Object.values(overview.trialCounts)).toEqual([2000, 2000, 0, 2000, 2000, 2000, 0, 0]);
      expect(overview.otherTrials.runningFolds).toBe(1900);
    }, 180_000);

    it('answers 404 for an unknown experiment and 400 for a malformed id', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const notFound = await http().get(`/experiments/${missing}/overview`).expect(404);
      expect(notFound.body).toMatchObject({ statusCode: 404, error: 'not_found', message: `Experiment '${missing}' not found` });
      const badId = await http().get('/experiments/not-a-uuid/overview').expect(400);
      expect(badId.body).toMatchObject({ error: 'validation_failed', issues: [{ path: 'id' }] });
    });

    it('is documented in the OpenAPI document', async () => {
      const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
      expect(document.paths['/experiments/{id}/overview']!.get!.responses['200']!.content['application/json']!.schema).toEqual({
        $ref: '#/components/schemas/ExperimentOverview',
      });
      expect(document.paths['/experiments/{id}/metrics']!.get!.parameters.map((p) => [p.name, p.in])).toEqual([
        ['id', 'path'],
        ['trials', 'query'],
      ]);
    });
  });

  describe('GET /experiments/:id/metrics?trials=', () => {
    it('returns only the trials asked for, as the full response has them; unknown numbers are absent', async () => {
      const full = ZExperimentMetrics.parse((await http().get(`/experiments/${small.id}/metrics`).expect(200)).body);
      expect(full.trials).toHaveLength(12);
      const some = ZExperimentMetrics.parse((await http().get(`/experiments/${small.id}/metrics?trials=5,2,99,5`).expect(200)).body);
      expect(some).toEqual({ experimentId: small.id, trials: full.trials.filter((x) => x.number === 2 || x.number === 5) });
      expect(some.trials.map((x) => [x.number, x.folds.map((f) => f.metrics.length)])).toEqual([
        [2, [2, 0, 0]],
        [5, [2, 0, 0]],
      ]);
      const none = ZExperimentMetrics.parse((await http().get(`/experiments/${small.id}/metrics?trials=99`).expect(200)).body);
      expect(none.trials).toEqual([]);
    });

    it('refuses a malformed list, too many trials and unknown query keys with a message', async () => {
      const malformed = await http().get(`/experiments/${small.id}/metrics?trials=abc`).expect(400);
      expect(errorOf(malformed).message).toBe(
        'Invalid query parameter: trials: trials must be trial numbers separated by commas, e.g. 1,2,3',
      );
      const tooMany = await http()
        .get(`/experiments/${small.id}/metrics?trials=${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}`)
        .expect(400);
      expect(errorOf(tooMany).message).toContain('at most 200 trials at once');
      const unknown = await http().get(`/experiments/${small.id}/metrics?foo=1`).expect(400);
      expect(errorOf(unknown).message).toBe('Invalid query parameter: Unrecognized key: "foo"');
      const missing = await http().get('/experiments/00000000-0000-4000-8000-000000000000/metrics?trials=1').expect(404);
      expect(errorOf(missing).error).toBe('not_found');
    });
  });
});
