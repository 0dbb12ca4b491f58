import type { PrismaClient } from '@atelier/db/client';
import { ashaRungEpochs, hyperparametersOf, type TCreateExperimentRequest } from '@atelier/domain';
import { ashaFinalStatus, ashaPromotionLimits, ashaPromotions, type AshaRung } from '@atelier/ml/search/asha';
import { type Stack, startStack } from '../harness/stack';
import {
  createExperiment,
  epochRowsByFold,
  getExperiment,
  meanStd,
  openDatabase,
  range,
  sleep,
  waitForExperiment,
} from '../harness/search';

// ASHA end to end with one worker training one fold at a time. Afterwards the stored rung
// results are replayed, in the order they finished, through packages/ml's promotion rule: the
// promotions it makes must be exactly the stored ones, and every trial must end where the rule
// says. Promoted folds must have continued from their checkpoints: their early epoch rows are
// the ones written before the promotion, never rewritten.

const ASHA = { kind: 'asha', minEpochs: 1, maxEpochs: 4, reductionFactor: 2 } as const;
const RUNG_EPOCHS = ashaRungEpochs(ASHA); // [1, 2, 4]
const FOLDS = 2;
// 6 candidates: at most 3 promoted from rung 0 and 1 from rung 1, as the plan counts
const LIMITS = ashaPromotionLimits(6, RUNG_EPOCHS.length, ASHA.reductionFactor);

const request: TCreateExperimentRequest = {
  name: 'asha, scripted',
  dataset: 'fashion-mnist',
  strategy: ASHA,
  // 6 configurations that learn at clearly different speeds
  space: {
    architecture: ['mlp'],
    batchSize: [64],
    activation: ['relu'],
    optimizer: ['adam', 'sgd'],
    learningRate: [0.01, 0.001, 0.0001],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: FOLDS },
  trainingSlice: 300,
  seed: 3,
  priority: 1,
};

describe('ASHA', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({ worker: true, workerConcurrency: 1 });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  it('promotes exactly the trials the rule picks, and promoted folds continue from their checkpoints', async () => {
    expect(RUNG_EPOCHS).toEqual([1, 2, 4]);
    const created = await createExperiment(stack, request);
    expect(created.trials).toHaveLength(6);

    // Every epoch as first seen while the search runs: a promotion that retrained from
    // scratch would write them again (a later wall time).
    const firstSeen = new Map<string, number>();
    const watch = async () => {
      for (const [foldRunId, rows] of await epochRowsByFold(prisma, created.id)) {
        for (const row of rows)
          if (!firstSeen.has(`${foldRunId}:${row.epoch}`)) firstSeen.set(`${foldRunId}:${row.epoch}`, row.createdAt.getTime());
      }
    };
    // Cleared after the wait below; TypeScript's narrowing does not see that from the loop.
    let watching = true as boolean;
    const watcher = (async () => {
      while (watching) {
        await watch();
        await sleep(150);
      }
    })();
    let done;
    try {
      done = await waitForExperiment(stack, created.id, { timeoutMs: 120_000, refit: true });
    } finally {
      watching = false;
      await watcher;
    }
    expect(done.status).toBe('completed');

    // replay the stored rung results through the rule, in the order they finished
    const rows = await prisma.trialRung.findMany({
      where: { trial: { experimentId: created.id } },
      orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
    });
    const rungs: { results: { trialId: string; score: number }[]; promoted: string[] }[] = RUNG_EPOCHS.map(() => ({
      results: [],
      promoted: [],
    }));
    for (const row of rows) {
      expect(row.epochs).toBe(RUNG_EPOCHS[row.rung]);
      rungs[row.rung]!.results.push({ trialId: row.trialId, score: row.meanValAccuracy });
      for (const promotion of ashaPromotions(rungs, ASHA.reductionFactor, LIMITS))
        rungs[promotion.fromRung]!.promoted.push(promotion.trialId);
    }
    const expectedPromoted = new Set(rungs.flatMap((rung, k) => rung.promoted.map((id) => `${id}@${k}`)));
    const storedPromoted = new Set(rows.filter((row) => row.promoted).map((row) => `${row.trialId}@${row.rung}`));
    expect([...storedPromoted].sort()).toEqual([...expectedPromoted].sort());
    // the scenario exercises every rung: someone reached the top, and some stopped at each lower rung
    expect(rungs[0]!.results).toHaveLength(6);
    expect(rungs[1]!.results.length).toBeGreaterThanOrEqual(2);
    expect(rungs[2]!.results.length).toBeGreaterThanOrEqual(1);
    // a trial has a result at rung k+1 exactly when it was promoted from k
    for (let k = 0; k + 1 < RUNG_EPOCHS.length; k++) {
      expect(rungs[k + 1]!.results.map((r) => r.trialId).sort()).toEqual([...rungs[k]!.promoted].sort());
    }

    // where every trial ends: completed at the top rung, stopped below it, scored at its last rung
    const trials = (await prisma.run.findMany({ where: { experimentId: created.id }, include: { foldRuns: true } })).map((trial) => ({
      ...trial,
      epochs: hyperparametersOf(trial.params).epochs,
    }));
    const finals = new Map(ashaFinalStatus(rungs as AshaRung[]).map((f) => [f.trialId, f]));
    expect(finals.size).toBe(6);
    for (const trial of trials) {
      const final = finals.get(trial.id)!;
      expect({ status: trial.status, rung: trial.rung, epochs: trial.epochs }).toEqual({
        status: final.status,
        rung: final.rung,
        epochs: RUNG_EPOCHS[final.rung],
      });
      expect(trial.meanValAccuracy).toBe(final.score);
    }
    // the API tells the same story
    const detail = await getExperiment(stack, created.id);
    for (const trial of detail.trials) {
      const stored = rows.filter((row) => row.trialId === trial.id).sort((a, b) => a.rung - b.rung);
      expect(trial.rungs.map((r) => [r.rung, r.epochs, r.promoted])).toEqual(stored.map((r) => [r.rung, r.epochs, r.promoted]));
    }
    const best = [...trials]
      .filter((t) => t.status === 'completed')
      .sort((a, b) => b.meanValAccuracy! - a.meanValAccuracy! || a.number - b.number)[0]!;
    expect(done.bestTrial?.id).toBe(best.id);

    // rung scores are the fold means at the rung's epochs, read from the epoch rows;
    // every fold has rows 1..R once, and kept the rows it wrote before each promotion
    const epochRows = await epochRowsByFold(prisma, created.id);
    for (const trial of trials) {
      const trialRows = rows.filter((row) => row.trialId === trial.id);
      for (const rung of trialRows) {
        const atRung = trial.foldRuns.map((fold) => epochRows.get(fold.id)!.find((r) => r.epoch === rung.epochs)!);
        const { mean, std } = meanStd(atRung.map((r) => r.valAccuracy!));
        expect(rung.meanValAccuracy).toBeCloseTo(mean, 12);
        expect(rung.stdValAccuracy).toBeCloseTo(std, 12);
      }
      for (const fold of trial.foldRuns) {
        const foldRows = epochRows.get(fold.id)!;
        expect(foldRows.map((r) => r.epoch)).toEqual(range(trial.epochs));
        expect(fold.epochsCompleted).toBe(trial.epochs);
        expect(fold.rung).toBe(trial.rung);
        expect(fold.status).toBe('completed');
        // attempts count the tries of the current rung (a promotion is not a retry): no rung was retried
        expect(fold.attempts).toBe(1);
        for (const row of foldRows) {
          const seen = firstSeen.get(`${fold.id}:${row.epoch}`);
          if (seen !== undefined) expect(row.createdAt.getTime()).toBe(seen);
        }
        // rows of rung k were written before rung k finished, the next rung's after
        for (const rung of trialRows) {
          for (const row of foldRows) {
            if (row.epoch <= rung.epochs) expect(row.createdAt.getTime()).toBeLessThanOrEqual(rung.finishedAt.getTime());
            else expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(rung.finishedAt.getTime());
          }
        }
      }
    }
    // the watcher saw the early epochs of promoted folds before their promotion
    const promotedFolds = trials.filter((t) => t.rung! > 0).flatMap((t) => t.foldRuns);
    expect(promotedFolds.filter((fold) => firstSeen.has(`${fold.id}:1`)).length).toBe(promotedFolds.length);
    // checkpoints only serve promotions: none is left once the search is over
    expect(await prisma.checkpoint.count({ where: { foldRun: { trial: { experimentId: created.id } } } })).toBe(0);
  });
});
