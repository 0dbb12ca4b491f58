import { randomUUID } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '../src/client';
import { Prisma } from '../src/generated/prisma/client';
import { type AppendedTo, appendToOpenRuns, logMetricPoints, RUN_WIDE_FOLD } from '../src/metric-log';
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

describe('appendToOpenRuns', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let experimentId: string;
  let searchExperimentId: string;
  let runs = 0;
  const at = new Date('2026-12-07T12:00:00Z');
  const rule = {
    kind: 'tracked',
    endedStatuses: ['stopped', 'completed', 'failed', 'cancelled'],
    visible: Prisma.raw('r.deleted_at IS NULL'),
  };
  const point = (key: string, step: number, value: number, fold = RUN_WIDE_FOLD) => ({ key, step, value, fold, wallTime: at });
  /** One run's batch alone. */
  const appendToOpenRun = async (
    db: PrismaClient,
    runId: string,
    points: ReturnType<typeof point>[],
    how: typeof rule,
  ): Promise<AppendedTo | null> => (await appendToOpenRuns(db, [{ runId, points }], how)).get(runId) ?? null;

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_append_open_run');
    prisma = createPrismaClient(database.url);
    const project = await prisma.project.create({ data: { slug: 'p', name: 'p' } });
    experimentId = (await prisma.experiment.create({ data: { projectId: project.id, kind: 'tracked', name: 'tracked' } })).id;
    searchExperimentId = (await prisma.experiment.create({ data: { projectId: project.id, kind: 'search', name: 'search' } })).id;
  });
  afterAll(async () => {
    // Each is still undefined when beforeAll failed before assigning it.
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (database as TestDatabase | undefined)?.drop();
  });

  const newRun = async (status = 'queued', experiment = experimentId) =>
    (await prisma.run.create({ data: { experimentId: experiment, number: ++runs, status, lastSeenAt: new Date('2026-01-01T00:00:00Z') } }))
      .id;
  const rows = (runId: string) => prisma.metric.findMany({ where: { runId }, orderBy: [{ key: 'asc' }, { fold: 'asc' }, { step: 'asc' }] });
  const summaries = (runId: string) => prisma.metricSummary.findMany({ where: { runId }, orderBy: { key: 'asc' } });

  it('appends to an open run in one statement: points, merged summaries, and the run marked seen and running', async () => {
    const runId = await newRun('queued');
    const first = await appendToOpenRun(prisma, runId, [point('loss', 1, 2), point('loss', 2, 1.5), point('acc', 1, 0.5)], rule);
    expect(first).toMatchObject({ experimentId, status: 'running' });
    expect(first!.lastSeenAt.getTime()).toBeGreaterThan(new Date('2026-01-01T00:00:00Z').getTime());
    const second = await appendToOpenRun(prisma, runId, [point('loss', 3, 1.75), point('loss', 4, Number.NaN)], rule);
    expect(second).toMatchObject({ experimentId, status: 'running' });
    expect((await rows(runId)).map((row) => [row.key, row.step, row.value])).toEqual([
      ['acc', 1, 0.5],
      ['loss', 1, 2],
      ['loss', 2, 1.5],
      ['loss', 3, 1.75],
      ['loss', 4, Number.NaN],
    ]);
    expect(await summaries(runId)).toMatchObject([
      { key: 'acc', last: 0.5, lastStep: 1, min: 0.5, max: 0.5, count: 1 },
      { key: 'loss', last: Number.NaN, lastStep: 4, min: 1.5, max: 2, count: 4 },
    ]);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('running');
    expect(run.startedAt).not.toBeNull();
  });

  it('writes nothing and hands over (null) whenever the batch is not a plain append to an open run', async () => {
    const withPoint = await newRun('running');
    await logMetricPoints(prisma, withPoint, [point('loss', 1, 2)]);
    const withFolds = await newRun('running');
    await logMetricPoints(prisma, withFolds, [point('loss', 1, 2, 0)]);
    const ended = await newRun('completed');
    const trial = await newRun('running', searchExperimentId);
    const hidden = await newRun('running');
    await prisma.run.update({ where: { id: hidden }, data: { deletedAt: new Date() } });
    const cases: [string, string, ReturnType<typeof point>[]][] = [
      ['a point stored before (a retried batch)', withPoint, [point('loss', 1, 2), point('loss', 2, 1)]],
      ['a key with fold points', withFolds, [point('loss', 2, 1)]],
      ['fold points in the batch', withPoint, [point('loss', 5, 1, 0)]],
      ['an ended run', ended, [point('loss', 1, 1)]],
      ["a search's trial", trial, [point('loss', 1, 1)]],
      ['a run the rule does not see (in the trash)', hidden, [point('loss', 1, 1)]],
      ['no such run', randomUUID(), [point('loss', 1, 1)]],
    ];
    for (const [why, runId, batch] of cases) {
      const before = {
        rows: await rows(runId),
        summaries: await summaries(runId),
        run: await prisma.run.findUnique({ where: { id: runId } }),
      };
      expect([why, await appendToOpenRun(prisma, runId, batch, rule)]).toEqual([why, null]);
      expect({
        rows: await rows(runId),
        summaries: await summaries(runId),
        run: await prisma.run.findUnique({ where: { id: runId } }),
      }).toEqual(before);
    }
  });

  it('hands over when another writer changed the run while it waited for the row (optimistic concurrency)', async () => {
    const runId = await newRun('running');
    let appending: Promise<unknown> | undefined;
    await prisma.$transaction(async (tx) => {
      // the concurrent log: holds the run row and stores a point of the key the append sends too
      await tx.$executeRaw`UPDATE run SET last_seen_at = now() WHERE id = ${runId}::uuid`;
      await logMetricPoints(tx, runId, [point('loss', 1, 9)]);
      appending = appendToOpenRun(prisma, runId, [point('loss', 1, 1), point('loss', 2, 1)], rule);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the append is now waiting for the row lock
    });
    expect(await appending).toBeNull();
    expect((await rows(runId)).map((row) => [row.step, row.value])).toEqual([[1, 9]]);
    expect(await summaries(runId)).toMatchObject([{ key: 'loss', last: 9, count: 1 }]);
  });

  it('writes the batches of several runs in one statement, each all or nothing: a run that is not a plain append is left out', async () => {
    const [fresh, retried, queued] = [await newRun('running'), await newRun('running'), await newRun('queued')];
    await logMetricPoints(prisma, retried, [point('loss', 1, 2)]);
    const retriedBefore = await rows(retried);
    const outcomes = await appendToOpenRuns(
      prisma,
      [
        { runId: fresh, points: [point('loss', 1, 0.5), point('loss', 2, 0.25)] },
        { runId: retried, points: [point('loss', 1, 2), point('loss', 2, 1)] },
        { runId: queued, points: [point('acc', 1, 0.75)] },
      ],
      rule,
    );
    expect([...outcomes.keys()].sort()).toEqual([fresh, queued].sort());
    expect(outcomes.get(queued)).toMatchObject({ experimentId, status: 'running' });
    expect((await rows(fresh)).map((row) => row.value)).toEqual([0.5, 0.25]);
    expect(await summaries(fresh)).toMatchObject([{ key: 'loss', last: 0.25, min: 0.25, max: 0.5, count: 2 }]);
    expect(await summaries(queued)).toMatchObject([{ key: 'acc', last: 0.75, count: 1 }]);
    expect(await rows(retried)).toEqual(retriedBefore);
    await expect(
      appendToOpenRuns(
        prisma,
        [
          { runId: fresh, points: [point('x', 1, 1)] },
          { runId: fresh, points: [point('y', 1, 1)] },
        ],
        rule,
      ),
    ).rejects.toThrow('one batch per run');
  });
});
