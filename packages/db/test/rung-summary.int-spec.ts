import { createPrismaClient, type PrismaClient } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { expectKeptAsRecounted, seededRandom, twoRunningSearches } from './maintained-table-fixture';

const TRIAL_STATUSES = ['queued', 'running', 'waiting', 'stopped', 'completed', 'cancelled'];

interface RungRow {
  experiment_id: string;
  rung: number;
  results: number;
  promoted: number;
  waiting: number;
  best: number | null;
}

/**
 * The trigger-kept rung summaries (migration add_rung_summaries) against a recount from scratch,
 * after every step of a random sequence of what ASHA does to rung results and their trials.
 */
describe('experiment_rung_summary (PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_rungs');
    prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  async function keptAndRecounted(): Promise<{ kept: RungRow[]; recounted: RungRow[] }> {
    const kept = await prisma.$queryRaw<RungRow[]>`
      SELECT experiment_id::text, rung, results, promoted, waiting, best
        FROM experiment_rung_summary
       WHERE results <> 0 OR promoted <> 0 OR waiting <> 0 OR best IS NOT NULL
       ORDER BY 1, 2`;
    // the rule written out again, independently of the triggers' functions
    const recounted = await prisma.$queryRaw<RungRow[]>`
      SELECT t.experiment_id::text, tr.rung, count(*)::int AS results, (count(*) FILTER (WHERE tr.promoted))::int AS promoted,
             (count(*) FILTER (WHERE NOT tr.promoted AND t.status = 'waiting'))::int AS waiting, max(tr.mean_val_accuracy) AS best
        FROM trial_rung tr JOIN run t ON t.id = tr.trial_id
       GROUP BY 1, 2
       ORDER BY 1, 2`;
    return { kept, recounted };
  }

  it('equals a full recount after every step of a random sequence of rung results, promotions and status changes', async () => {
    const { next, pick } = seededRandom(20261208);
    const score = () => Math.round(next() * 1000) / 1000;
    const { architectureId, experiments } = await twoRunningSearches(prisma, 'rungs', {
      strategy: { kind: 'asha' },
      validation: { kind: 'holdout' },
    });
    let number = 0;
    const addTrial = async (experimentId: string) => {
      number += 1;
      return prisma.run.create({
        data: { experimentId, architectureId, number, status: pick(TRIAL_STATUSES), params: { epochs: 1 }, rung: 0 },
      });
    };
    for (let i = 0; i < 10; i++) await addTrial(pick(experiments));
    const trials = () => prisma.run.findMany({ select: { id: true, experimentId: true, rungs: { select: { rung: true } } } });
    const results = () => prisma.trialRung.findMany({ select: { id: true, trialId: true, rung: true, promoted: true } });

    const steps: [string, () => Promise<unknown>][] = [
      [
        'a trial finishes its next rung',
        async () => {
          const trial = pick(await trials());
          const rung = trial.rungs.length ? Math.max(...trial.rungs.map((r) => r.rung)) + 1 : 0;
          await prisma.trialRung.create({
            data: { trialId: trial.id, rung, epochs: 2 ** rung, meanValAccuracy: score(), stdValAccuracy: 0 },
          });
        },
      ],
      [
        'a trial waits for a decision, or leaves the wait',
        async () => {
          const trial = pick(await trials());
          await prisma.run.update({ where: { id: trial.id }, data: { status: pick(['waiting', 'running', 'stopped', 'waiting']) } });
        },
      ],
      [
        'a rung result is promoted',
        async () => {
          const result = pick(await results());
          await prisma.trialRung.update({ where: { id: result.id }, data: { promoted: true } });
        },
      ],
      [
        'a retried rung is scored again (the worker upserts it)',
        async () => {
          const result = pick(await results());
          await prisma.trialRung.upsert({
            where: { trialId_rung: { trialId: result.trialId, rung: result.rung } },
            create: { trialId: result.trialId, rung: result.rung, epochs: 1, meanValAccuracy: score(), stdValAccuracy: 0 },
            update: { meanValAccuracy: score() },
          });
        },
      ],
      [
        'the best result of a rung is rescored lower',
        async () => {
          const best = await prisma.trialRung.findFirst({ orderBy: { meanValAccuracy: 'desc' } });
          if (best) await prisma.trialRung.update({ where: { id: best.id }, data: { meanValAccuracy: best.meanValAccuracy / 2 } });
        },
      ],
      [
        'a rung result is removed',
        async () => {
          const result = pick(await results());
          await prisma.trialRung.delete({ where: { id: result.id } });
        },
      ],
      [
        'every waiting trial of a search is stopped at once',
        () => prisma.run.updateMany({ where: { experimentId: pick(experiments), status: 'waiting' }, data: { status: 'stopped' } }),
      ],
      ['a trial is added', () => addTrial(pick(experiments))],
      [
        'a trial is deleted with its rung results',
        async () => {
          const trial = pick(await trials());
          await prisma.run.delete({ where: { id: trial.id } });
        },
      ],
    ];
    // results are written more often than anything else, as in a search
    const weighted = [...steps, steps[0]!, steps[0]!, steps[0]!, steps[1]!, steps[2]!];
    const done: string[] = [];
    for (let step = 0; step < 160; step++) {
      const [name, run] = pick(weighted);
      if ((await trials()).length < 3) await addTrial(pick(experiments));
      if ((await results()).length < 2 && name !== 'a trial finishes its next rung') continue;
      await run();
      done.push(name);
      expectKeptAsRecounted(await keptAndRecounted(), done);
    }
    const { kept, recounted } = await keptAndRecounted();
    expect(kept).toEqual(recounted);
    // the sequence reached what it is meant to test
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.some((row) => row.promoted > 0 && row.waiting > 0)).toBe(true);
    expect(done).toEqual(expect.arrayContaining(steps.map(([name]) => name)));

    // a deleted search takes its summary with it
    await prisma.experiment.delete({ where: { id: experiments[0]! } });
    const left = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM experiment_rung_summary WHERE experiment_id = ${experiments[0]!}::uuid`;
    expect(left[0]!.n).toBe(0);
    const after = await keptAndRecounted();
    expect(after.kept).toEqual(after.recounted);
  }, 120_000);
});
