import request from 'supertest';
import { trainFoldJobId, type TCreateExperimentRequest, ZExperimentDetail, ZTrainFoldJob } from '@atelier/domain';
import { QueueReconciler } from '../src/experiments/queue-reconciler';
import { startSiblingApp, startTestApp, type TestApp } from './test-app';

const search: TCreateExperimentRequest = {
  name: 'saved, never queued',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['cnn-a', 'mlp'],
    batchSize: [32],
    epochs: [2],
    activation: ['relu'],
    optimizer: ['adam', 'sgd'],
    learningRate: [0.01],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: 3 },
  trainingSlice: 1000,
  seed: 7,
  priority: 3,
};

async function until<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The job ids of the experiment's queued folds, as the API names them. */
async function expectedJobIds(t: TestApp, experimentId: string): Promise<string[]> {
  const folds = await t.prisma.foldRun.findMany({
    where: { trial: { experimentId } },
    select: { fold: true, rung: true, trial: { select: { number: true } } },
  });
  return folds.map((f) => trainFoldJobId({ experimentId, trialNumber: f.trial.number, fold: f.fold, rung: f.rung })).sort();
}

describe('a search saved by an API that died before queueing it (PostgreSQL + Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // this API stalls for good between saving and queueing: what a kill -9 there leaves behind
    t = await startTestApp({ ATELIER_FAULT_AFTER_SAVE: 'hang' });
  }, 60_000);
  afterAll(() => t.close());

  it('is queued by the next API to start, once per fold, and not again by a second one', async () => {
    const aborted = new AbortController();
    const pending = fetch(`${t.url}/experiments`, {
      method: 'POST',
      headers: { ...t.authHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(search),
      signal: aborted.signal,
    }).catch(() => null);
    const saved = await until('the saved experiment', () => t.prisma.experiment.findFirst({ where: { name: search.name } }));
    const ids = await expectedJobIds(t, saved.id);
    expect(ids).toHaveLength(4 * 3);
    // the crash: the rows are there, the jobs are not
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active')).toEqual({
      waiting: 0,
      prioritized: 0,
      delayed: 0,
      active: 0,
    });
    aborted.abort();
    await pending;

    // a restarted API (no fault) reconciles at start-up
    const restarted = await startSiblingApp(t, { ATELIER_FAULT_AFTER_SAVE: '' });
    try {
      const jobs = await until('the reconciled jobs', async () => {
        const found = await t.queue.getJobs(['prioritized', 'waiting']);
        return found.length >= ids.length ? found : null;
      });
      expect(jobs.map((j) => j.id).sort()).toEqual(ids);
      expect(jobs.every((j) => ZTrainFoldJob.parse(j.data).experimentId === saved.id)).toBe(true);
      // the experiment's priority band, as POST /experiments would have queued them
      expect(new Set(jobs.map((j) => j.opts.priority))).toEqual(new Set([3 * 100 - 1]));
      const detail = await request(restarted.app.getHttpServer()).get(`/experiments/${saved.id}`).set(t.authHeaders);
      expect(detail.status).toBe(200);
      expect(ZExperimentDetail.parse(detail.body).status).toBe('queued');

      // a second instance (or the next pass) finds nothing to do: the ids dedupe
      const second = await startSiblingApp(t, { ATELIER_FAULT_AFTER_SAVE: '' });
      try {
        expect(await second.app.get(QueueReconciler).reconcile()).toEqual({ checked: ids.length, enqueued: 0 });
        expect((await t.queue.getJobs(['prioritized', 'waiting'])).length).toBe(ids.length);
      } finally {
        await second.close();
      }
    } finally {
      await restarted.close();
    }
  }, 60_000);

  it('leaves the folds of a paused search to resume, and re-queues a fold whose job finished long ago', async () => {
    const restarted = await startSiblingApp(t, { ATELIER_FAULT_AFTER_SAVE: '' });
    try {
      const reconciler = restarted.app.get(QueueReconciler);
      const experiment = await until('the saved experiment', () => t.prisma.experiment.findFirst({ where: { name: search.name } }));
      await t.queue.obliterate({ force: true });
      await t.prisma.experiment.update({ where: { id: experiment.id }, data: { status: 'paused' } });
      expect(await reconciler.reconcile()).toEqual({ checked: 0, enqueued: 0 });
      expect((await t.queue.getJobs(['prioritized', 'waiting'])).length).toBe(0);

      // a resume that crashed after the rows went back to queued, with one paused fold's job still finished in Redis
      await t.prisma.experiment.update({ where: { id: experiment.id }, data: { status: 'queued' } });
      const ids = await expectedJobIds(t, experiment.id);
      expect((await reconciler.reconcile()).enqueued).toBe(ids.length);
      const first = await t.queue.getJob(ids[0] ?? '');
      await first?.remove();
      await t.redis.hset(t.queue.toKey(ids[0] ?? ''), {
        timestamp: String(Date.now() - 3_600_000),
        finishedOn: String(Date.now() - 3_600_000),
      });
      expect(await reconciler.reconcile()).toEqual({ checked: ids.length, enqueued: 1 });
      const again = await t.queue.getJob(ids[0] ?? '');
      expect(again?.finishedOn).toBeUndefined();
      expect(await again?.getState()).toBe('prioritized');
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
