import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '../src/client';
import { logMetricPoints, RUN_WIDE_FOLD } from '../src/metric-log';
import { createTestDatabase, type TestDatabase } from '../src/testing';

describe('logMetricPoints', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let runId: string;
  const at = new Date('2026-12-06T12:00:00Z');
  const point = (key: string, step: number, value: number, fold = RUN_WIDE_FOLD) => ({ key, step, value, fold, wallTime: at });

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_metric_log');
    prisma = createPrismaClient(database.url);
    const project = await prisma.project.create({ data: { slug: 'p', name: 'p' } });
    const experiment = await prisma.experiment.create({ data: { projectId: project.id, kind: 'tracked', name: 'e' } });
    runId = (await prisma.run.create({ data: { experimentId: experiment.id, number: 1, status: 'running' } })).id;
  });
  afterAll(async () => {
  // Each is still undefined when beforeAll failed before assigning it.
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (database as TestDatabase | undefined)?.drop();
  });

  const summary = (key: string) => prisma.metricSummary.findUniqueOrThrow({ where: { runId_key: { runId, key } } });
  const stored = (key: string) => prisma.metric.findMany({ where: { runId, key }, orderBy: [{ fold: 'asc' }, { step: 'asc' }] });

  it('stores each point once when a batch is sent twice, and keeps last, min and max', async () => {
    const batch = [point('loss', 1, 2.5), point('loss', 2, 1.5), point('loss', 3, 1.75)];
    await logMetricPoints(prisma, runId, batch);
    await logMetricPoints(prisma, runId, batch);
    expect((await stored('loss')).map((row) => row.value)).toEqual([2.5, 1.5, 1.75]);
    expect(await summary('loss')).toMatchObject({ last: 1.75, lastStep: 3, min: 1.5, max: 2.5, count: 3 });
  });

  it('merges a later batch into the summary, and a late point does not become the last', async () => {
    await logMetricPoints(prisma, runId, [point('loss', 5, 0.5), point('loss', 4, 3)]);
    expect(await summary('loss')).toMatchObject({ last: 0.5, lastStep: 5, min: 0.5, max: 3, count: 5 });
  });

  it('stores NaN and infinities; min and max skip NaN', async () => {
    await logMetricPoints(prisma, runId, [point('diverged', 1, 0.25), point('diverged', 2, Infinity), point('diverged', 3, Number.NaN)]);
    expect((await stored('diverged')).map((row) => row.value)).toEqual([0.25, Infinity, Number.NaN]);
    expect(await summary('diverged')).toMatchObject({ last: Number.NaN, min: 0.25, max: Infinity, count: 3 });
    await logMetricPoints(prisma, runId, [point('diverged', 4, -Infinity)]);
    expect(await summary('diverged')).toMatchObject({ last: -Infinity, min: -Infinity, max: Infinity, count: 4 });
  });

  it('summarizes fold points over the mean of the folds at each step, and a replaced value is recomputed', async () => {
    await logMetricPoints(prisma, runId, [point('val_accuracy', 1, 0.5, 0), point('val_accuracy', 1, 0.7, 1)]);
    await logMetricPoints(prisma, runId, [point('val_accuracy', 2, 0.8, 0), point('val_accuracy', 2, 0.9, 1)]);
    const twoFolds = await summary('val_accuracy');
    expect(twoFolds).toMatchObject({ lastStep: 2, min: 0.6, count: 2 });
    expect(twoFolds.last).toBeCloseTo(0.85, 12);
    expect(twoFolds.max).toBeCloseTo(0.85, 12);
    await logMetricPoints(prisma, runId, [point('val_accuracy', 2, 0.1, 1)]);
    expect((await summary('val_accuracy')).last).toBeCloseTo(0.45, 12);
    expect((await summary('val_accuracy')).max).toBeCloseTo(0.6, 12);
  });

  it('summarizes a key over its run-wide points once it has any, even after fold points', async () => {
    await logMetricPoints(prisma, runId, [point('mixed', 1, 0.2, 0), point('mixed', 1, 0.4, 1)]);
    expect((await summary('mixed')).last).toBeCloseTo(0.3, 12);
    await logMetricPoints(prisma, runId, [point('mixed', 1, 0.9), point('mixed', 2, 0.8)]);
    expect(await summary('mixed')).toMatchObject({ last: 0.8, lastStep: 2, min: 0.8, max: 0.9, count: 2 });
    await logMetricPoints(prisma, runId, [point('mixed', 3, 0.7)]);
    expect(await summary('mixed')).toMatchObject({ last: 0.7, lastStep: 3, min: 0.7, max: 0.9, count: 3 });
  });

  it('refuses nothing half-written: a failing batch in a transaction leaves no point behind', async () => {
    const other = randomUUID();
    await expect(prisma.$transaction((tx) => logMetricPoints(tx, other, [point('loss', 1, 1)]))).rejects.toThrow();
    expect(await prisma.metric.count({ where: { runId: other } })).toBe(0);
  });
});
