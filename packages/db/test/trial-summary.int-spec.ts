import { createPrismaClient, type PrismaClient } from '../src/client';
import {
  cancelExperiment,
  completeFold,
  failFold,
  pauseExperiment,
  requeueFold,
  resumeExperiment,
  startFold,
} from '../src/run-transitions';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { expectKeptAsRecounted, seededRandom, twoRunningSearches } from './maintained-table-fixture';

const TRIAL_STATUSES = ['queued', 'running', 'paused', 'waiting', 'stopped', 'completed', 'failed', 'cancelled'];
const FOLD_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'];

interface SummaryRow {
  experiment_id: string;
  status: string;
  trials: number;
  epochs: number;
  fold_epochs: number;
  running_folds: number;
  scored: number;
}

/**
 * The trigger-kept summaries (migration add_trial_summaries) against a recount from scratch,
 * after every step of a random sequence of the changes searches go through.
 */
describe('experiment_trial_summary (PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_summary');
    prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  /** The summary rows with a non-zero count, as kept and as recounted from the trials and folds. */
  async function keptAndRecounted(): Promise<{ kept: SummaryRow[]; recounted: SummaryRow[] }> {
    const kept = await prisma.$queryRaw<SummaryRow[]>`
      SELECT experiment_id::text, status, trials, epochs::int, fold_epochs::int, running_folds, scored
        FROM experiment_trial_summary
       WHERE trials <> 0 OR epochs <> 0 OR fold_epochs <> 0 OR running_folds <> 0 OR scored <> 0
       ORDER BY 1, 2`;
    // the rule written out again, independently of the triggers' functions
    const recounted = await prisma.$queryRaw<SummaryRow[]>`
      WITH t AS (
        SELECT r.id, r.experiment_id, r.status, r.mean_val_accuracy,
               CASE WHEN jsonb_typeof(r.params -> 'epochs') = 'number' THEN (r.params ->> 'epochs')::int ELSE 0 END AS epochs
          FROM run r WHERE r.architecture_id IS NOT NULL)
      SELECT t.experiment_id::text, t.status, count(*)::int AS trials, sum(t.epochs)::int AS epochs,
             COALESCE(sum(f.fold_epochs), 0)::int AS fold_epochs, COALESCE(sum(f.running), 0)::int AS running_folds,
             (count(*) FILTER (WHERE t.mean_val_accuracy IS NOT NULL))::int AS scored
        FROM t
        LEFT JOIN LATERAL (
          SELECT sum(CASE WHEN fr.status = 'completed' THEN t.epochs ELSE LEAST(GREATEST(fr.epochs_completed, 0), t.epochs) END) AS fold_epochs,
                 count(*) FILTER (WHERE fr.status = 'running') AS running
            FROM fold_run fr WHERE fr.trial_id = t.id) f ON true
       GROUP BY 1, 2
       ORDER BY 1, 2`;
    return { kept, recounted };
  }

  it('equals a full recount after every step of a random sequence of transitions', async () => {
    const { next, pick } = seededRandom(20261207);
    const { projectId, architectureId, experiments } = await twoRunningSearches(prisma, 'summary', {
      strategy: { kind: 'grid' },
      validation: { kind: 'kfold', folds: 3 },
    });
    // a tracked experiment's runs (no architecture) never count
    const tracked = await prisma.experiment.create({
      data: { projectId, kind: 'tracked', name: 'tracked', strategy: {}, space: {}, validation: {}, seed: 0 },
    });
    let number = 0;
    const addTrial = async (experimentId: string) => {
      number += 1;
      await prisma.run.create({
        data: {
          experimentId,
          architectureId,
          number,
          status: pick(TRIAL_STATUSES),
          params: { epochs: 1 + Math.floor(next() * 6), learningRate: 0.01 },
          meanValAccuracy: next() < 0.4 ? next() : null,
          foldRuns: {
            create: [0, 1, 2].map((fold) => ({ fold, status: pick(FOLD_STATUSES), epochsCompleted: Math.floor(next() * 9) - 1 })),
          },
        },
      });
    };
    for (let i = 0; i < 12; i++) await addTrial(pick(experiments));

    const folds = () =>
      prisma.foldRun.findMany({ select: { id: true, trialId: true, fold: true, trial: { select: { experimentId: true } } } });
    const trials = () => prisma.run.findMany({ where: { architectureId: { not: null } }, select: { id: true, experimentId: true } });
    const steps: [string, () => Promise<unknown>][] = [
      ['add a trial with folds', () => addTrial(pick(experiments))],
      [
        'a fold trains an epoch',
        async () => {
          const fold = pick(await folds());
          await prisma.foldRun.update({ where: { id: fold.id }, data: { epochsCompleted: { increment: 1 } } });
        },
      ],
      [
        'a fold changes status',
        async () => {
          const fold = pick(await folds());
          await prisma.foldRun.update({ where: { id: fold.id }, data: { status: pick(FOLD_STATUSES) } });
        },
      ],
      [
        'a worker starts a fold',
        async () => {
          const fold = pick(await folds());
          await prisma.foldRun.update({ where: { id: fold.id }, data: { status: 'queued' } });
          await startFold(
            prisma,
            { experimentId: fold.trial.experimentId, trialId: fold.trialId, foldRunId: fold.id, fold: fold.fold },
            { workerId: 'w', backend: 'cpu', startedAt: new Date(), fromEpoch: Math.floor(next() * 3) },
          );
        },
      ],
      [
        'a worker completes a fold',
        async () => {
          const fold = pick(await folds());
          await prisma.foldRun.update({ where: { id: fold.id }, data: { status: 'running' } });
          await completeFold(
            prisma,
            { experimentId: fold.trial.experimentId, trialId: fold.trialId, foldRunId: fold.id, fold: fold.fold },
            { valAccuracy: 0.8, valLoss: 0.3, epochsCompleted: 2, confusionMatrix: [[1]], parameterCount: 10, checkpoint: null },
          );
        },
      ],
      [
        'a fold fails or is requeued',
        async () => {
          const fold = pick(await folds());
          await prisma.foldRun.update({ where: { id: fold.id }, data: { status: 'running' } });
          if (next() < 0.5) await failFold(prisma, fold.id, 'boom');
          else await requeueFold(prisma, fold.id, 'retry', 1);
        },
      ],
      [
        'a trial settles with a score',
        async () => {
          const trial = pick(await trials());
          await prisma.run.update({
            where: { id: trial.id },
            data: { status: pick(TRIAL_STATUSES), meanValAccuracy: next() < 0.7 ? next() : null },
          });
        },
      ],
      [
        "a trial's planned epochs change (a promotion)",
        async () => {
          const trial = pick(await trials());
          await prisma.run.update({ where: { id: trial.id }, data: { params: { epochs: 1 + Math.floor(next() * 9) }, rung: 1 } });
        },
      ],
      [
        'every trial of a search changes at once',
        () =>
          prisma.run.updateMany({
            where: { experimentId: pick(experiments), status: pick(TRIAL_STATUSES) },
            data: { status: 'cancelled' },
          }),
      ],
      [
        'a search is paused, resumed or cancelled',
        async () => {
          const id = pick(experiments);
          await prisma.experiment.update({ where: { id }, data: { status: 'running' } });
          const roll = next();
          if (roll < 0.4) await pauseExperiment(prisma, id);
          else if (roll < 0.8) {
            await pauseExperiment(prisma, id);
            await resumeExperiment(prisma, id);
          } else await cancelExperiment(prisma, id);
        },
      ],
      [
        'a fold is deleted',
        async () => {
          const fold = pick(await folds());
          await prisma.foldRun.delete({ where: { id: fold.id } });
        },
      ],
      [
        'a trial is deleted with its folds',
        async () => {
          const trial = pick(await trials());
          await prisma.run.delete({ where: { id: trial.id } });
        },
      ],
      [
        'a run is logged from code',
        () => {
          number += 1;
          return prisma.run.create({ data: { experimentId: tracked.id, number, status: pick(TRIAL_STATUSES), params: { epochs: 5 } } });
        },
      ],
    ];
    const done: string[] = [];
    for (let step = 0; step < 150; step++) {
      const [name, run] = pick(steps);
      const remaining = await trials();
      if (remaining.length < 3) await addTrial(pick(experiments));
      await run();
      done.push(name);
      expectKeptAsRecounted(await keptAndRecounted(), done);
    }
    const { kept, recounted } = await keptAndRecounted();
    expect(kept).toEqual(recounted);
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.every((row) => row.experiment_id !== tracked.id)).toBe(true);

    // every params key logged is listed for its experiment (keys stay once seen: params are set once)
    const keysOf = (rows: { experiment_id: string; key: string; numeric: boolean }[]) =>
      rows.map((r) => `${r.experiment_id}/${r.key}/${r.numeric}`).sort();
    const keptKeys = keysOf(await prisma.$queryRaw`SELECT experiment_id::text, key, numeric FROM experiment_param_key`);
    const loggedKeys = keysOf(
      await prisma.$queryRaw`
      SELECT r.experiment_id::text, p.key, bool_and(jsonb_typeof(p.value) = 'number') AS numeric
        FROM run r, jsonb_each(r.params) p GROUP BY 1, 2`,
    );
    expect(loggedKeys.length).toBeGreaterThan(3);
    expect(keptKeys).toEqual(expect.arrayContaining(loggedKeys));
    await prisma.run.create({ data: { experimentId: tracked.id, number: 10_000, params: { epochs: 'many' } } });
    expect(
      await prisma.$queryRaw`SELECT numeric FROM experiment_param_key WHERE experiment_id = ${tracked.id}::uuid AND key = 'epochs'`,
    ).toEqual([{ numeric: false }]);

    // a deleted search takes its summary with it
    await prisma.experiment.delete({ where: { id: experiments[0]! } });
    const left = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM experiment_trial_summary WHERE experiment_id = ${experiments[0]!}::uuid`;
    expect(left[0]!.n).toBe(0);
    expect((await keptAndRecounted()).kept).toEqual((await keptAndRecounted()).recounted);
  }, 120_000);
});
