import type { PrismaClient } from '@atelier/db/client';
import {
  ashaRungEpochs,
  firstRungOf,
  hyperbandBracketOf,
  hyperparametersOf,
  type TCreateExperimentRequest,
  type THyperparameters,
  type TExperimentPlan,
  type TSearchSpaceInput,
  ZCreateExperimentRequest,
  ZExperimentPlan,
} from '@atelier/domain';
import { ashaPromotionLimits, ashaPromotions } from '@atelier/ml/search/asha';
import { tpeOptions, tpeSpace } from '@atelier/ml/search/plan';
import { proposeTpe, type TpeTrial } from '@atelier/ml/search/tpe';
import { type Stack, startStack, waitFor } from '../harness/stack';
import { api, createExperiment, epochRowsByFold, openDatabase, range, waitForExperiment } from '../harness/search';

// TPE, TPE with ASHA's early stopping, and Hyperband end to end: the built API and worker as
// processes, a tiny MLP on 300 images with a holdout split. TPE's proposals are replayed through
// packages/ml from the stored results (one worker, one trial in flight: the history of every
// proposal is every trial before it), and rung decisions through the promotion rule.

const space: Omit<TSearchSpaceInput, 'epochs'> = {
  architecture: ['mlp'],
  batchSize: [64],
  activation: ['relu', 'tanh'],
  optimizer: ['adam'],
  learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 },
  momentum: [0.9],
};
const base = {
  dataset: 'fashion-mnist',
  validation: { kind: 'holdout' as const, fraction: 0.2 },
  trainingSlice: 300,
  seed: 11,
  priority: 1,
};

type TrialRow = Awaited<ReturnType<typeof loadTrials>>[number];
async function loadTrials(prisma: PrismaClient, experimentId: string) {
  const rows = await prisma.run.findMany({
    where: { experimentId },
    orderBy: { number: 'asc' },
    include: { rungs: { orderBy: { rung: 'asc' } }, foldRuns: true },
  });
  return rows.map((row) => {
    const hyperparameters = hyperparametersOf(row.params);
    return { ...row, hyperparameters, epochs: hyperparameters.epochs };
  });
}
const paramsOf = (t: TrialRow): THyperparameters => t.hyperparameters;

/** Replays stored rung results in arrival order through the rule; returns the promotions it makes, as "trial@rung". */
function replayPromotions(
  rows: { trialId: string; rung: number; meanValAccuracy: number }[],
  rungCount: number,
  reductionFactor: number,
  limits: number[],
): Set<string> {
  const rungs: { results: { trialId: string; score: number }[]; promoted: string[] }[] = range(rungCount).map(() => ({
    results: [],
    promoted: [],
  }));
  for (const row of rows) {
    rungs[row.rung]!.results.push({ trialId: row.trialId, score: row.meanValAccuracy });
    for (const p of ashaPromotions(rungs, reductionFactor, limits)) rungs[p.fromRung]!.promoted.push(p.trialId);
  }
  return new Set(rungs.flatMap((rung, k) => rung.promoted.map((id) => `${id}@${k}`)));
}

describe('TPE and Hyperband', () => {
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

  async function plan(body: TCreateExperimentRequest): Promise<TExperimentPlan> {
    const { status, json } = await api(stack, 'POST', '/experiments/plan', body);
    expect(status).toBe(200);
    return ZExperimentPlan.parse(json);
  }

  it('proposes each TPE trial from the results before it, as packages/ml does from the stored rows', async () => {
    const request: TCreateExperimentRequest = {
      ...base,
      name: 'tpe, sequential',
      strategy: { kind: 'tpe', trials: 6, startupTrials: 3, parallelism: 1 },
      space: { ...space, epochs: [1, 2] },
    };
    expect(await plan(request)).toMatchObject({ trialCount: 6, trainingRuns: 6, totalEpochs: 6 * 2, rungs: null });
    const created = await createExperiment(stack, request);
    // only the first batch exists at first; the search announces all six
    expect(created.trials).toHaveLength(1);
    expect(created.trialCount).toBe(6);
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 90_000 });
    expect(done.status).toBe('completed');

    const trials = await loadTrials(prisma, created.id);
    expect(trials.map((t) => [t.number, t.status])).toEqual(range(6).map((n) => [n, 'completed']));
    const parsed = ZCreateExperimentRequest.parse(request);
    if (parsed.strategy.kind !== 'tpe') throw new Error('unreachable');
    for (const trial of trials) {
      const history: TpeTrial[] = trials
        .filter((t) => t.number < trial.number)
        .map((t) => ({ number: t.number, params: paramsOf(t), state: 'complete', value: t.meanValAccuracy }));
      const expected = proposeTpe({
        space: tpeSpace(parsed.strategy, parsed.space),
        options: tpeOptions(parsed.strategy),
        trials: history,
        trialNumber: trial.number,
        seed: base.seed,
      });
      expect(paramsOf(trial)).toEqual(expected);
    }
    // trial n was proposed once trial n-1 had finished: one in flight at a time
    for (let i = 1; i < trials.length; i++)
      expect(trials[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(trials[i - 1]!.finishedAt!.getTime());
    const epochs = trials.reduce((sum, t) => sum + t.epochs, 0);
    expect(epochs).toBeLessThanOrEqual(12);
    expect(done.bestTrial?.id).toBe([...trials].sort((a, b) => b.meanValAccuracy! - a.meanValAccuracy! || a.number - b.number)[0]!.id);
  });

  it('keeps two TPE trials in flight on two workers, each proposal made with the constant liar over the trials still training', async () => {
    const second = await stack.startWorker('worker-2');
    try {
      // ready to train before the search starts: warm folds take a fraction of a second, and the
      // first worker would otherwise train them all while this one boots
      await waitFor(() => Promise.resolve(second.output.some((line) => line.includes('"msg":"training child ready"')) || undefined), {
        timeoutMs: 30_000,
        what: 'worker-2 to have a training child ready',
      });
      const request: TCreateExperimentRequest = {
        ...base,
        name: 'tpe, two workers',
        strategy: { kind: 'tpe', trials: 8, startupTrials: 3, parallelism: 2 },
        space: { ...space, epochs: [1] },
        validation: { kind: 'kfold', folds: 2 },
      };
      const created = await createExperiment(stack, request);
      expect(created.trials).toHaveLength(2);
      let mostInFlight = 0;
      // Cleared after the wait below; TypeScript's narrowing does not see that from the loop.
      let watching = true as boolean;
      const watcher = (async () => {
        while (watching) {
          const inFlight = await prisma.run.count({ where: { experimentId: created.id, status: { in: ['queued', 'running', 'paused'] } } });
          mostInFlight = Math.max(mostInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      let done;
      try {
        done = await waitForExperiment(stack, created.id, { timeoutMs: 120_000 });
      } finally {
        watching = false;
        await watcher;
      }
      expect(done.status).toBe('completed');
      expect(mostInFlight).toBeLessThanOrEqual(2);
      const trials = await loadTrials(prisma, created.id);
      expect(trials.map((t) => t.status)).toEqual(Array(8).fill('completed'));
      // both workers trained
      expect(new Set(trials.flatMap((t) => t.foldRuns.map((f) => f.workerId))).size).toBe(2);
      const parsed = ZCreateExperimentRequest.parse(request);
      if (parsed.strategy.kind !== 'tpe') throw new Error('unreachable');
      let withRunning = 0;
      for (const trial of trials) {
        // what the proposer saw: trials finished by then, and the others still in flight
        const history: TpeTrial[] = trials
          .filter((t) => t.number < trial.number)
          .map((t) =>
            trial.number > 2 && t.finishedAt!.getTime() <= trial.createdAt.getTime()
              ? { number: t.number, params: paramsOf(t), state: 'complete', value: t.meanValAccuracy }
              : { number: t.number, params: paramsOf(t), state: 'running', value: null },
          );
        if (history.some((t) => t.state === 'running')) withRunning++;
        const expected = proposeTpe({
          space: parsed.space,
          options: tpeOptions(parsed.strategy),
          trials: history,
          trialNumber: trial.number,
          seed: base.seed,
        });
        expect(paramsOf(trial)).toEqual(expected);
      }
      // with two in flight, every proposal but the first was made while another trial trained
      expect(withRunning).toBe(7);
    } finally {
      await second.stop();
    }
  });

  it("runs TPE with ASHA's early stopping: trials stopped at a rung inform TPE, and promotions follow the rule", async () => {
    const request: TCreateExperimentRequest = {
      ...base,
      name: 'tpe + asha',
      strategy: {
        kind: 'tpe',
        trials: 6,
        startupTrials: 3,
        parallelism: 2,
        earlyStopping: { minEpochs: 1, maxEpochs: 4, reductionFactor: 2 },
      },
      space,
    };
    const planned = await plan(request);
    // 6·1 + 3·1 + 1·2 epochs when every possible promotion is made
    expect(planned).toMatchObject({
      trialCount: 6,
      totalEpochs: 11,
      rungs: [
        { epochs: 1, trials: 6 },
        { epochs: 2, trials: 3 },
        { epochs: 4, trials: 1 },
      ],
    });
    const created = await createExperiment(stack, request);
    expect(created.trials).toHaveLength(2);
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 90_000 });
    expect(done.status).toBe('completed');

    const trials = await loadTrials(prisma, created.id);
    expect(trials).toHaveLength(6);
    const rows = await prisma.trialRung.findMany({
      where: { trial: { experimentId: created.id } },
      orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
    });
    const stored = new Set(rows.filter((r) => r.promoted).map((r) => `${r.trialId}@${r.rung}`));
    expect([...stored].sort()).toEqual([...replayPromotions(rows, 3, 2, ashaPromotionLimits(6, 3, 2))].sort());
    expect(rows.filter((r) => r.rung === 0)).toHaveLength(6);
    expect(trials.some((t) => t.status === 'stopped')).toBe(true);
    expect(trials.some((t) => t.status === 'completed' && t.rung === 2)).toBe(true);
    for (const t of trials) {
      expect(['completed', 'stopped']).toContain(t.status);
      expect(t.epochs).toBe(ashaRungEpochs({ minEpochs: 1, maxEpochs: 4, reductionFactor: 2 })[t.rung!]);
    }
    // the plan's bound is what a search that ran every trial trains: promotions are capped by it
    const trained = trials.reduce((sum, t) => sum + t.foldRuns.reduce((s, f) => s + f.epochsCompleted, 0), 0);
    expect(trained).toBe(planned.totalEpochs);
    // trials 3.. were proposed while rung results (stopped or waiting trials) existed: the
    // proposals after the startup ones are TPE's, so they must differ from the random draw
    const parsed = ZCreateExperimentRequest.parse(request);
    if (parsed.strategy.kind !== 'tpe') throw new Error('unreachable');
    const randomDraw = proposeTpe({
      space: tpeSpace(parsed.strategy, parsed.space),
      options: tpeOptions(parsed.strategy),
      trials: [],
      trialNumber: 6,
      seed: base.seed,
    });
    expect(paramsOf(trials[5]!)).not.toEqual(randomDraw);
    expect(await prisma.checkpoint.count({ where: { foldRun: { trial: { experimentId: created.id } } } })).toBe(0);
  });

  it("runs Hyperband: each trial starts at its bracket's rung, and each bracket promotes on its own", async () => {
    const strategy = { kind: 'hyperband', minEpochs: 1, maxEpochs: 4, reductionFactor: 2 } as const;
    const request: TCreateExperimentRequest = { ...base, name: 'hyperband', strategy, space };
    const planned = await plan(request);
    // brackets start at 1, 2 and 4 epochs with 4, 3 and 3 trials (one iteration: 10)
    expect(planned).toMatchObject({ trialCount: 10, totalEpochs: 4 + 2 + 2 + 6 + 2 + 12 });
    const created = await createExperiment(stack, request);
    expect(created.trials).toHaveLength(10);
    const parsed = ZCreateExperimentRequest.parse(request).strategy;
    if (parsed.kind !== 'hyperband') throw new Error('unreachable');
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 120_000 });
    expect(done.status).toBe('completed');

    const trials = await loadTrials(prisma, created.id);
    const rungEpochs = ashaRungEpochs(strategy);
    expect([0, 1, 2].map((b) => trials.filter((t) => hyperbandBracketOf(parsed, t.number) === b).length)).toEqual([4, 3, 3]);
    const epochRows = await epochRowsByFold(prisma, created.id);
    for (const trial of trials) {
      const first = firstRungOf(parsed, trial.number);
      expect(trial.rungs[0]!.rung).toBe(first);
      expect(trial.rungs[0]!.epochs).toBe(rungEpochs[first]);
      // a later bracket trains from epoch 1 up to its first rung, and on from there when promoted
      for (const fold of trial.foldRuns) expect(epochRows.get(fold.id)!.map((r) => r.epoch)).toEqual(range(trial.epochs));
    }
    const rows = await prisma.trialRung.findMany({
      where: { trial: { experimentId: created.id } },
      orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
      include: { trial: { select: { number: true } } },
    });
    const expected = new Set<string>();
    for (const bracket of [0, 1, 2]) {
      const own = rows.filter((r) => hyperbandBracketOf(parsed, r.trial.number) === bracket);
      const size = trials.filter((t) => hyperbandBracketOf(parsed, t.number) === bracket).length;
      for (const p of replayPromotions(own, rungEpochs.length, 2, ashaPromotionLimits(size, rungEpochs.length, 2, bracket)))
        expected.add(p);
    }
    const stored = new Set(rows.filter((r) => r.promoted).map((r) => `${r.trialId}@${r.rung}`));
    expect([...stored].sort()).toEqual([...expected].sort());
    // bracket 0 (4 trials) promotes 2 to rung 1 and 1 to rung 2; bracket 1 (3 trials) 1; bracket 2 none
    expect(rows.filter((r) => r.promoted).length).toBe(2 + 1 + 1);
    const trained = trials.reduce((sum, t) => sum + t.foldRuns.reduce((s, f) => s + f.epochsCompleted, 0), 0);
    expect(trained).toBe(planned.totalEpochs);
  });

  it('refuses bad TPE and Hyperband requests with a message to act on', async () => {
    const tooSmall = await api(stack, 'POST', '/experiments/plan', {
      ...base,
      name: 'x',
      strategy: { kind: 'hyperband', minEpochs: 1, maxEpochs: 4 },
      space: { ...space, learningRate: [0.01, 0.001] },
    });
    expect(tooSmall.status).toBe(400);
    // r = 1, R = 4, η = 3: brackets of 3 and 2 configurations
    expect((tooSmall.json as { message: string }).message).toContain(
      'Hyperband draws 5 distinct configurations (one iteration of its brackets) but the space holds 4: set strategy.trials to at most 4',
    );
    const epochsTwice = await api(stack, 'POST', '/experiments', {
      ...base,
      name: 'x',
      strategy: { kind: 'tpe', trials: 5, earlyStopping: { minEpochs: 1, maxEpochs: 3 } },
      space: { ...space, epochs: [3] },
    });
    expect(epochsTwice.status).toBe(400);
    expect((epochsTwice.json as { message: string }).message).toContain('TPE with early stopping sets each trial');
  });
});
