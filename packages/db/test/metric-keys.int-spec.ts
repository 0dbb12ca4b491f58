import { createPrismaClient, type PrismaClient } from '../src/client';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/** experiment_metric_key (migration add_metric_keys): every metric key a run of the experiment has a summary for. */
describe('experiment_metric_key (PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_metric_keys');
    prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  const kept = async () =>
    (
      await prisma.$queryRaw<{ e: string; key: string }[]>`
        SELECT experiment_id::text AS e, key FROM experiment_metric_key ORDER BY e, key COLLATE "C"`
    ).map((row) => `${row.e}/${row.key}`);
  const summarized = async () =>
    (
      await prisma.$queryRaw<{ e: string; key: string }[]>`
        SELECT r.experiment_id::text AS e, ms.key FROM metric_summary ms JOIN run r ON r.id = ms.run_id GROUP BY 1, 2 ORDER BY e, ms.key COLLATE "C"`
    ).map((row) => `${row.e}/${row.key}`);

  it('lists each key once per experiment as summaries are inserted, upserted and written in bulk', async () => {
    const project = await prisma.project.create({ data: { slug: 'keys', name: 'Keys' } });
    const experiment = (name: string) =>
      prisma.experiment.create({
        data: { projectId: project.id, kind: 'tracked', name, strategy: {}, space: {}, validation: {}, seed: 0 },
      });
    const [a, b] = [await experiment('a'), await experiment('b')];
    const run = (experimentId: string, number: number) => prisma.run.create({ data: { experimentId, number, params: {} } });
    const [a1, a2, b1] = [await run(a.id, 1), await run(a.id, 2), await run(b.id, 1)];
    const summary = (runId: string, key: string) => ({ runId, key, last: 1, lastStep: 1, min: 1, max: 1, count: 1 });

    await prisma.metricSummary.createMany({ data: [summary(a1.id, 'loss'), summary(a1.id, 'val_loss'), summary(a2.id, 'loss')] });
    expect(await kept()).toEqual([`${a.id}/loss`, `${a.id}/val_loss`]);
    // an upsert of an existing summary (the logger's ON CONFLICT) and one of a new key
    await prisma.$executeRaw`
      INSERT INTO metric_summary (run_id, key, last, last_step, min, max, count, updated_at)
      VALUES (${a2.id}::uuid, 'loss', 2, 2, 1, 2, 2, now()), (${b1.id}::uuid, 'accuracy', 1, 1, 1, 1, 1, now())
      ON CONFLICT (run_id, key) DO UPDATE SET last = EXCLUDED.last`;
    expect(await kept()).toEqual(await summarized());
    expect((await kept()).sort()).toEqual([`${a.id}/loss`, `${a.id}/val_loss`, `${b.id}/accuracy`].sort());
    // many runs at once, keys repeated across them
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => run(b.id, i + 2)));
    await prisma.metricSummary.createMany({ data: runs.flatMap((r, i) => [summary(r.id, 'accuracy'), summary(r.id, `k${i % 3}`)]) });
    expect(await kept()).toEqual(await summarized());
    expect(await kept()).toHaveLength(6);
    // a deleted experiment takes its keys with it
    await prisma.experiment.delete({ where: { id: b.id } });
    expect(await kept()).toEqual([`${a.id}/loss`, `${a.id}/val_loss`]);
  });
});
