import type { AppendedTo, MetricPointRow, RunPoints } from '@atelier/db';
import type { PrismaClient } from '@atelier/db/client';
import { MAX_GROUP_POINTS, PointAppender } from './point-appender';

// The statement itself is tested against PostgreSQL (packages/db/test/metric-log.int-spec.ts);
// here only how batches are grouped into statements, so the statement is replaced by a recorder.
const statements: string[][] = [];
let failNext = false;
jest.mock('@atelier/db', () => ({
  appendToOpenRuns: async (_db: unknown, batches: readonly RunPoints[]): Promise<Map<string, AppendedTo>> => {
    statements.push(batches.map((batch) => `${batch.runId}:${batch.points.length}`));
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (failNext) {
      failNext = false;
      throw new Error('connection terminated');
    }
    return new Map(
      batches
        .filter((b) => !b.runId.startsWith('ended'))
        .map((b) => [b.runId, { experimentId: 'e', status: 'running', lastSeenAt: new Date(0) }]),
    );
  },
}));

const points = (n: number): MetricPointRow[] =>
  Array.from({ length: n }, (_, step) => ({ key: 'loss', step, value: 1, fold: -1, wallTime: new Date(0) }));

describe('PointAppender', () => {
  let appender: PointAppender;
  beforeEach(() => {
    statements.length = 0;
    appender = new PointAppender({} as PrismaClient);
  });

  it('writes a lone batch at once, and the batches that arrive meanwhile together in the next statement, one per run', async () => {
    const first = appender.append('a', points(20));
    await new Promise((resolve) => setImmediate(resolve)); // the first statement is in flight
    const later = ['b', 'c', 'a', 'b'].map((run) => appender.append(run, points(20)));
    await Promise.all([first, ...later]);
    expect(statements).toEqual([['a:20'], ['b:20', 'c:20', 'a:20'], ['b:20']]);
  });

  it('answers null for a batch the statement did not write, and for every batch of a statement that failed', async () => {
    const answers = await Promise.all([appender.append('open', points(1)), appender.append('ended-1', points(1))]);
    expect(answers.map((answer) => answer?.status ?? null)).toEqual(['running', null]);
    failNext = true;
    expect(await Promise.all([appender.append('x', points(1)), appender.append('y', points(1))])).toEqual([null, null]);
    expect(await appender.append('x', points(1))).toMatchObject({ status: 'running' }); // and goes on afterwards
  });

  it('keeps a statement under MAX_GROUP_POINTS points, and the batches left over in order', async () => {
    const size = 1_000;
    const runs = Array.from({ length: MAX_GROUP_POINTS / size + 2 }, (_, i) => `r${i}`);
    await Promise.all(runs.map((run) => appender.append(run, points(size))));
    expect(statements.map((statement) => statement.length)).toEqual([MAX_GROUP_POINTS / size, 2]);
    expect(statements.flat()).toEqual(runs.map((run) => `${run}:${size}`));
  });
});
