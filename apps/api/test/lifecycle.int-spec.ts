import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Queue } from 'bullmq';
import { EPOCH_METRIC_KEYS, logMetricPoints } from '@atelier/db';
import {
  cancelKey,
  type TCreateExperimentRequest,
  ZAnyExperimentDetail,
  ZExperimentDetail,
  ZExperimentList,
  ZExperimentMetrics,
  ZLifecycleState,
  ZProjectUsage,
  ZPurgeResult,
  ZRunDetail,
  ZRunList,
  ZTrashList,
} from '@atelier/domain';
import { TRAINING_QUEUE } from '../src/infra/tokens';
import { LifecycleService } from '../src/lifecycle/lifecycle.service';
import { ArtifactStore } from '../src/run-artifacts/artifact-store';
import { filesUnder } from './run-artifacts-fixtures';
import { seedExperiment } from './seed-trials';
import { errorOf, startTestApp, type TestApp } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const DAY_MS = 24 * 3600 * 1000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const SPACE = {
  architecture: ['cnn-a'],
  batchSize: [32, 64],
  epochs: [2],
  activation: ['relu'],
  optimizer: ['adam'],
  learningRate: [0.001],
  momentum: [0],
};

function searchRequest(name: string): TCreateExperimentRequest {
  return {
    name,
    description: '',
    strategy: { kind: 'grid' },
    dataset: 'fashion-mnist',
    space: SPACE,
    validation: { kind: 'kfold', folds: 2 },
    trainingSlice: 1000,
    seed: 7,
    priority: 3,
  } as TCreateExperimentRequest;
}

describe('lifecycle: archive, trash, restore, purge (PostgreSQL + Redis + artifact store)', () => {
  let t: TestApp;
  let store: ArtifactStore;
  const http = () => t.api;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(ArtifactStore);
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  /** Rows of every table that references the experiment or these runs. */
  async function footprint(experimentId: string, runIds: readonly string[]) {
    const [row] = await t.prisma.$queryRaw<Record<string, number>[]>`
      SELECT (SELECT count(*) FROM experiment WHERE id = ${experimentId}::uuid)::int AS experiments,
             (SELECT count(*) FROM run WHERE experiment_id = ${experimentId}::uuid OR id = ANY(${runIds}::uuid[]))::int AS runs,
             (SELECT count(*) FROM fold_run WHERE trial_id = ANY(${runIds}::uuid[]))::int AS folds,
             (SELECT count(*) FROM checkpoint c JOIN fold_run f ON f.id = c.fold_run_id WHERE f.trial_id = ANY(${runIds}::uuid[]))::int AS checkpoints,
             (SELECT count(*) FROM trial_rung WHERE trial_id = ANY(${runIds}::uuid[]))::int AS rungs,
             (SELECT count(*) FROM metric WHERE run_id = ANY(${runIds}::uuid[]))::int AS metrics,
             (SELECT count(*) FROM metric_summary WHERE run_id = ANY(${runIds}::uuid[]))::int AS summaries,
             (SELECT count(*) FROM evaluation WHERE experiment_id = ${experimentId}::uuid OR trial_id = ANY(${runIds}::uuid[]))::int AS evaluations,
             (SELECT count(*) FROM artifact WHERE experiment_id = ${experimentId}::uuid OR trial_id = ANY(${runIds}::uuid[]))::int AS artifacts`;
    return row!;
  }

  /** Files in the artifact store under these runs' folders. */
  async function filesOf(runIds: readonly string[]) {
    return (await filesUnder(store.root)).filter((file) => runIds.some((id) => file.startsWith(`runs/${id}/`)));
  }

  /** A tracked run through the API, with metric points, a stored file and a model. */
  async function trackedRun(experiment: string, name: string) {
    const run = ZRunDetail.parse(
      (
        await http()
          .post('/runs')
          .send({ experiment, name, params: { lr: 0.1 } })
          .expect(201)
      ).body,
    );
    await http()
      .post(`/runs/${run.id}/log`)
      .send({
        metrics: [
          { key: 'loss', value: 0.9, step: 0 },
          { key: 'loss', value: 0.5, step: 1 },
          { key: 'loss', value: 0.7, step: 1, fold: 0 },
        ],
      })
      .expect(200);
    await http().post(`/runs/${run.id}/artifacts`).attach('file', randomBytes(2048), { filename: 'weights.bin' }).expect(201);
    const model = Buffer.from('PK model bytes');
    await t.prisma.artifact.create({
      data: {
        experimentId: run.experimentId,
        trialId: run.id,
        kind: 'model',
        content: model,
        sizeBytes: BigInt(model.byteLength),
        sha256: sha256(model),
      },
    });
    return run;
  }

  /** A finished search written to the database: 2 trials × 3 folds, epoch curves, an evaluation and a refit model. */
  async function finishedSearch(name: string) {
    const seeded = await seedExperiment(t.prisma, {
      name,
      status: 'completed',
      finishedAt: new Date(),
      space: SPACE,
      folds: 3,
      trials: [
        { number: 1, meanValAccuracy: 0.8, stdValAccuracy: 0.01 },
        { number: 2, meanValAccuracy: 0.7, stdValAccuracy: 0.02 },
      ],
    });
    for (const trialId of seeded.trialIds) {
      // an epoch as the worker writes it: loss, accuracy, validation and time together
      const keys = [
        EPOCH_METRIC_KEYS.loss,
        EPOCH_METRIC_KEYS.accuracy,
        EPOCH_METRIC_KEYS.valLoss,
        EPOCH_METRIC_KEYS.valAccuracy,
        EPOCH_METRIC_KEYS.seconds,
      ];
      const points = [0, 1, 2].flatMap((fold) =>
        [1, 2].flatMap((step) =>
          keys.map((key, k) => ({ key, fold, step, value: 0.5 + fold / 10 + step / 100 + k, wallTime: new Date() })),
        ),
      );
      await logMetricPoints(t.prisma, trialId, points);
      await t.prisma.trialRung.create({ data: { trialId, rung: 0, epochs: 2, meanValAccuracy: 0.75, stdValAccuracy: 0.01 } });
    }
    const best = seeded.trialIds[0]!;
    const model = Buffer.from('PK refit model');
    const artifact = await t.prisma.artifact.create({
      data: {
        experimentId: seeded.id,
        trialId: best,
        kind: 'model',
        content: model,
        sizeBytes: BigInt(model.byteLength),
        sha256: sha256(model),
      },
    });
    await t.prisma.evaluation.create({
      data: {
        experimentId: seeded.id,
        trialId: best,
        artifactId: artifact.id,
        accuracy: 0.81,
        confusionMatrix: [[1]],
        perClass: [],
        macroAvg: {},
        weightedAvg: {},
      },
    });
    await t.prisma.experiment.update({
      where: { id: seeded.id },
      data: { bestTrialId: best, refitStatus: 'completed', refitTrialId: best },
    });
    return { ...seeded, modelId: artifact.id };
  }

  const listedExperiments = async (query = '') =>
    ZExperimentList.parse((await http().get(`/experiments?limit=500${query}`).expect(200)).body).items;
  const trash = async () => ZTrashList.parse((await http().get('/trash').expect(200)).body);

  it('archives an experiment out of the default list; include=archived lists it; unarchive brings it back', async () => {
    const run = await trackedRun('lc archive', 'a');
    const archived = ZLifecycleState.parse((await http().post(`/experiments/${run.experimentId}/archive`).expect(200)).body);
    expect(archived).toMatchObject({ kind: 'experiment', id: run.experimentId, deletedAt: null });
    expect(archived.archivedAt).not.toBeNull();
    // archiving again keeps the first time
    const again = ZLifecycleState.parse((await http().post(`/experiments/${run.experimentId}/archive`).expect(200)).body);
    expect(again.archivedAt).toBe(archived.archivedAt);

    expect((await listedExperiments()).map((e) => e.id)).not.toContain(run.experimentId);
    const withArchived = await listedExperiments('&include=archived');
    expect(withArchived.find((e) => e.id === run.experimentId)?.archivedAt).toBe(archived.archivedAt);
    // still readable by id, with its archive time
    const detail = ZAnyExperimentDetail.parse((await http().get(`/experiments/${run.experimentId}`).expect(200)).body);
    expect(detail.archivedAt).toBe(archived.archivedAt);

    const unarchived = ZLifecycleState.parse((await http().post(`/experiments/${run.experimentId}/unarchive`).expect(200)).body);
    expect(unarchived.archivedAt).toBeNull();
    expect((await listedExperiments()).find((e) => e.id === run.experimentId)?.archivedAt).toBeNull();

    const bad = await http().get('/experiments?include=everything').expect(400);
    expect(errorOf(bad).message).toContain('include must be one of: archived');
  });

  it('archives a run out of GET /runs; include=archived lists it; unarchive brings it back', async () => {
    const a = await trackedRun('lc run archive', 'a');
    const b = await trackedRun('lc run archive', 'b');
    const names = async (query = '') =>
      ZRunList.parse((await http().get(`/runs?experiment=${a.experimentId}${query}`).expect(200)).body).items.map(
        (r) => `${r.name}:${r.archivedAt === null ? 'live' : 'archived'}`,
      );
    await http().post(`/runs/${a.id}/archive`).expect(200);
    expect(await names()).toEqual(['b:live']);
    expect((await names('&include=archived')).sort()).toEqual(['a:archived', 'b:live']);
    // an archived run still logs and reads
    await http()
      .post(`/runs/${a.id}/log`)
      .send({ metrics: [{ key: 'loss', value: 0.2, step: 2 }] })
      .expect(200);
    await http().post(`/runs/${a.id}/unarchive`).expect(200);
    expect((await names()).sort()).toEqual(['a:live', 'b:live']);
    expect(b.id).not.toBe(a.id);
  });

  it('trashes a search out of every read, lists it in the trash, and a restore brings back its curves, folds and models', async () => {
    const search = await finishedSearch('lc restore');
    const trialId = search.trialIds[0]!;
    const detailBefore = ZExperimentDetail.parse((await http().get(`/experiments/${search.id}`).expect(200)).body);
    const curvesBefore = ZExperimentMetrics.parse((await http().get(`/experiments/${search.id}/metrics`).expect(200)).body);
    const modelBefore = (await http().get(`/models/${search.modelId}`).expect(200)).body as unknown;
    await http().get(`/experiments/${search.id}/leaderboard`).expect(200);
    expect(detailBefore.trials.map((trial) => trial.folds.length)).toEqual([3, 3]);
    expect(curvesBefore.trials.flatMap((trial) => trial.folds.map((f) => f.metrics.length))).toEqual([2, 2, 2, 2, 2, 2]);
    expect(detailBefore.refit?.model?.id).toBe(search.modelId);

    const deleted = ZLifecycleState.parse((await http().delete(`/experiments/${search.id}`).expect(200)).body);
    expect(deleted.deletedAt).not.toBeNull();
    expect((await t.prisma.experiment.findUniqueOrThrow({ where: { id: search.id } })).status).toBe('completed'); // finished: nothing to cancel

    // hidden everywhere
    await http().get(`/experiments/${search.id}`).expect(404);
    await http().get(`/experiments/${search.id}/overview`).expect(404);
    await http().get(`/experiments/${search.id}/metrics`).expect(404);
    await http().get(`/trials/${trialId}`).expect(404);
    await http().get(`/trials/${trialId}/models`).expect(404);
    await http().get(`/models/${search.modelId}`).expect(404);
    await http().get(`/runs/${trialId}`).expect(404);
    await http().post(`/experiments/${search.id}/archive`).expect(404);
    await http().delete(`/experiments/${search.id}`).expect(404);
    expect((await listedExperiments('&include=archived')).map((e) => e.id)).not.toContain(search.id);
    expect(ZRunList.parse((await http().get('/runs?limit=1000').expect(200)).body).items.map((r) => r.id)).not.toContain(trialId);
    await http().get(`/experiments/${search.id}/leaderboard`).expect(404);

    const listed = await trash();
    expect(listed.retentionDays).toBe(30);
    const item = listed.items.find((i) => i.id === search.id);
    expect(item).toMatchObject({ kind: 'experiment', name: 'lc restore', experimentId: search.id, deletedAt: deleted.deletedAt });
    expect(new Date(item!.purgeAfter).getTime() - new Date(item!.deletedAt).getTime()).toBe(30 * DAY_MS);
    // its trials are not listed one by one: they went with it
    expect(listed.items.map((i) => i.id)).not.toContain(trialId);

    const restored = ZLifecycleState.parse((await http().post(`/trash/experiment/${search.id}/restore`).expect(200)).body);
    expect(restored).toEqual({ kind: 'experiment', id: search.id, archivedAt: null, deletedAt: null });
    expect(ZExperimentDetail.parse((await http().get(`/experiments/${search.id}`).expect(200)).body)).toEqual(detailBefore);
    expect(ZExperimentMetrics.parse((await http().get(`/experiments/${search.id}/metrics`).expect(200)).body)).toEqual(curvesBefore);
    expect((await http().get(`/models/${search.modelId}`).expect(200)).body).toEqual(modelBefore);
    expect((await trash()).items.map((i) => i.id)).not.toContain(search.id);
    // a second restore: it is not in the trash any more
    await http().post(`/trash/experiment/${search.id}/restore`).expect(404);
  });

  it('cancels a queued search before trashing it: its jobs are removed and the cancel flag set', async () => {
    const created = ZExperimentDetail.parse((await http().post('/experiments').send(searchRequest('lc running')).expect(201)).body);
    const queue = t.app.get<Queue>(TRAINING_QUEUE);
    const jobsOf = async () =>
      (await queue.getJobs(['waiting', 'prioritized', 'delayed'])).filter((job) => job.id?.includes(created.id)).length;
    expect(await jobsOf()).toBe(4); // 2 trials × 2 folds
    await http().delete(`/experiments/${created.id}`).expect(200);
    const row = await t.prisma.experiment.findUniqueOrThrow({
      where: { id: created.id },
      include: { trials: { include: { foldRuns: true } } },
    });
    expect(row.status).toBe('cancelled');
    expect(row.deletedAt).not.toBeNull();
    expect(row.trials.flatMap((trial) => trial.foldRuns.map((f) => f.status))).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(await jobsOf()).toBe(0);
    expect(await t.redis.get(cancelKey(t.config.REDIS_PREFIX, created.id))).toBe('1');
    // restored, it stays cancelled (nothing restarts by itself)
    await http().post(`/trash/experiment/${created.id}/restore`).expect(200);
    expect(ZExperimentDetail.parse((await http().get(`/experiments/${created.id}`).expect(200)).body).status).toBe('cancelled');
  });

  it('purges an experiment: no row in any table that referenced it, no file on disk; then restore and purge answer 410', async () => {
    const a = await trackedRun('lc purge', 'a');
    const b = await trackedRun('lc purge', 'b');
    const runIds = [a.id, b.id];
    const before = await footprint(a.experimentId, runIds);
    expect(before).toEqual({
      experiments: 1,
      runs: 2,
      folds: 0,
      checkpoints: 0,
      rungs: 0,
      metrics: 6,
      summaries: 2,
      evaluations: 0,
      artifacts: 4,
    });
    expect(await filesOf(runIds)).toHaveLength(2);

    await http().delete(`/trash/experiment/${a.experimentId}`).expect(404); // not in the trash yet
    await http().delete(`/experiments/${a.experimentId}`).expect(200);
    // the rows stay while it is in the trash
    expect(await footprint(a.experimentId, runIds)).toEqual(before);
    const purged = ZPurgeResult.parse((await http().delete(`/trash/experiment/${a.experimentId}`).expect(200)).body);
    expect(purged).toEqual({ kind: 'experiment', id: a.experimentId, runs: 2, files: 2 });

    expect(await footprint(a.experimentId, runIds)).toEqual({
      experiments: 0,
      runs: 0,
      folds: 0,
      checkpoints: 0,
      rungs: 0,
      metrics: 0,
      summaries: 0,
      evaluations: 0,
      artifacts: 0,
    });
    expect(await filesOf(runIds)).toEqual([]);
    expect((await trash()).items.map((i) => i.id)).not.toContain(a.experimentId);

    const restore = await http().post(`/trash/experiment/${a.experimentId}/restore`).expect(410);
    expect(errorOf(restore)).toMatchObject({ error: 'gone' });
    expect(errorOf(restore).message).toContain("Experiment 'lc purge' was purged");
    await http().delete(`/trash/experiment/${a.experimentId}`).expect(410);
    await http().post(`/trash/run/${a.id}/restore`).expect(410);
  });

  it('purges a search with its folds, rungs, curves, evaluation and model', async () => {
    const search = await finishedSearch('lc purge search');
    const before = await footprint(search.id, search.trialIds);
    expect(before).toEqual({
      experiments: 1,
      runs: 2,
      folds: 6,
      checkpoints: 0,
      rungs: 2,
      metrics: 60,
      summaries: 10,
      evaluations: 1,
      artifacts: 1,
    });
    await http().delete(`/experiments/${search.id}`).expect(200);
    expect(ZPurgeResult.parse((await http().delete(`/trash/experiment/${search.id}`).expect(200)).body).runs).toBe(2);
    expect(await footprint(search.id, search.trialIds)).toEqual({
      experiments: 0,
      runs: 0,
      folds: 0,
      checkpoints: 0,
      rungs: 0,
      metrics: 0,
      summaries: 0,
      evaluations: 0,
      artifacts: 0,
    });
  });

  it('tells what the project stores and what purging the trash would free (GET /usage), exactly', async () => {
    const usage = async () => ZProjectUsage.parse((await http().get('/usage').expect(200)).body);
    const before = await usage();
    const a = await trackedRun('lc usage', 'a');
    await trackedRun('lc usage', 'b');
    // each run: 3 metric points, one 2,048-byte file, one 14-byte model
    const one = { runs: 1, metricPoints: 3, evaluations: 0, models: 1, modelBytes: 14, files: 1, fileBytes: 2048 };
    const grown = await usage();
    expect(grown.total).toEqual({
      experiments: before.total.experiments + 1,
      runs: before.total.runs + 2,
      metricPoints: before.total.metricPoints + 6,
      evaluations: before.total.evaluations,
      models: before.total.models + 2,
      modelBytes: before.total.modelBytes + 28,
      files: before.total.files + 2,
      fileBytes: before.total.fileBytes + 4096,
    });
    expect(grown.experiments.find((e) => e.id === a.experimentId)).toEqual({
      id: a.experimentId,
      name: 'lc usage',
      kind: 'tracked',
      deletedAt: null,
      runs: 2,
      metricPoints: 6,
      evaluations: 0,
      models: 2,
      modelBytes: 28,
      files: 2,
      fileBytes: 4096,
    });

    await http().delete(`/runs/${a.id}`).expect(200);
    const trashed = await usage();
    expect(trashed.total).toEqual(grown.total);
    expect(trashed.trash).toEqual({
      ...Object.fromEntries(Object.entries(one).map(([k, v]) => [k, before.trash[k as keyof typeof one] + v])),
      experiments: before.trash.experiments,
    });
    await http().delete(`/trash/run/${a.id}`).expect(200);
    const purged = await usage();
    expect(purged.trash).toEqual(before.trash);
    expect(purged.total.fileBytes).toBe(grown.total.fileBytes - 2048);
    expect(purged.total.metricPoints).toBe(grown.total.metricPoints - 3);
    expect(purged.retentionDays).toBe(30);
  });

  it('trashes, restores and purges one run, leaving its siblings alone', async () => {
    const a = await trackedRun('lc one run', 'a');
    const b = await trackedRun('lc one run', 'b');
    await http().delete(`/runs/${a.id}`).expect(200);
    await http().get(`/runs/${a.id}`).expect(404);
    await http().get(`/runs/${a.id}/metrics`).expect(404);
    await http()
      .post(`/runs/${a.id}/log`)
      .send({ metrics: [{ key: 'loss', value: 0.1, step: 9 }] })
      .expect(404);
    expect(
      ZRunList.parse((await http().get(`/runs?experiment=${a.experimentId}&include=archived`).expect(200)).body).items.map((r) => r.id),
    ).toEqual([b.id]);
    const tracked = ZAnyExperimentDetail.parse((await http().get(`/experiments/${a.experimentId}`).expect(200)).body);
    expect(tracked.trialCount).toBe(1);
    const item = (await trash()).items.find((i) => i.id === a.id);
    expect(item).toMatchObject({ kind: 'run', name: 'a', experimentId: a.experimentId });

    // restore brings back its points and its file
    await http().post(`/trash/run/${a.id}/restore`).expect(200);
    const detail = ZRunDetail.parse((await http().get(`/runs/${a.id}`).expect(200)).body);
    expect(detail.metrics.loss?.count).toBe(2);
    expect(detail.folds).toEqual([0]);
    expect(detail.artifacts.map((x) => x.kind).sort()).toEqual(['file', 'model']);

    await http().delete(`/runs/${a.id}`).expect(200);
    // the sibling's own rows (MISSING: not counted by experiment)
    const siblingBefore = await footprint(MISSING, [b.id]);
    expect(ZPurgeResult.parse((await http().delete(`/trash/run/${a.id}`).expect(200)).body)).toEqual({
      kind: 'run',
      id: a.id,
      runs: 1,
      files: 1,
    });
    const after = await footprint(a.experimentId, [a.id]);
    expect(after).toMatchObject({ folds: 0, metrics: 0, summaries: 0, evaluations: 0 });
    expect(await t.prisma.run.count({ where: { id: a.id } })).toBe(0);
    expect(await t.prisma.artifact.count({ where: { trialId: a.id } })).toBe(0);
    expect(await filesOf([a.id])).toEqual([]);
    expect(await footprint(MISSING, [b.id])).toEqual(siblingBefore);
    expect(await filesOf([b.id])).toHaveLength(1);
    await http().post(`/trash/run/${a.id}/restore`).expect(410);
  });

  it('answers 404 for unknown items, 409 for a trial alone or a run trashed with its experiment, 400 for a bad kind', async () => {
    for (const call of [
      http().post(`/experiments/${MISSING}/archive`),
      http().post(`/experiments/${MISSING}/unarchive`),
      http().delete(`/experiments/${MISSING}`),
      http().post(`/runs/${MISSING}/archive`),
      http().delete(`/runs/${MISSING}`),
      http().post(`/trash/experiment/${MISSING}/restore`),
      http().delete(`/trash/run/${MISSING}`),
    ]) {
      const response = await call.expect(404);
      expect(errorOf(response).error).toBe('not_found');
    }
    const live = await trackedRun('lc errors', 'a');
    await http().post(`/trash/run/${live.id}/restore`).expect(404); // not in the trash
    await http().delete(`/trash/run/${live.id}`).expect(404);

    const search = await finishedSearch('lc trial alone');
    const refused = await http().delete(`/runs/${search.trialIds[0]}`).expect(409);
    expect(errorOf(refused).message).toContain(`DELETE /experiments/${search.id}`);

    await http().delete(`/experiments/${live.experimentId}`).expect(200);
    const withIt = await http().post(`/trash/run/${live.id}/restore`).expect(409);
    expect(errorOf(withIt).message).toContain(`POST /trash/experiment/${live.experimentId}/restore`);

    const badKind = await http().post(`/trash/dataset/${MISSING}/restore`).expect(400);
    expect(errorOf(badKind).message).toContain('kind must be one of: experiment, run');
    await http().delete('/experiments/not-a-uuid').expect(400);
  });

  it('refuses to restore a tracked experiment whose name another tracked experiment took meanwhile', async () => {
    const first = await trackedRun('lc name', 'a');
    await http().delete(`/experiments/${first.experimentId}`).expect(200);
    // POST /runs by the same name makes a new experiment: the trashed one is not found by name
    const second = await trackedRun('lc name', 'b');
    expect(second.experimentId).not.toBe(first.experimentId);
    const refused = await http().post(`/trash/experiment/${first.experimentId}/restore`).expect(409);
    expect(errorOf(refused).message).toContain("Another tracked experiment is named 'lc name'");
    await http().patch(`/experiments/${second.experimentId}`).send({ name: 'lc name 2' }).expect(200);
    await http().post(`/trash/experiment/${first.experimentId}/restore`).expect(200);
  });

  it('sweeps what outlived ATELIER_TRASH_RETENTION_DAYS, rows and files, and keeps the rest', async () => {
    const old = await trackedRun('lc sweep', 'old');
    const recent = await trackedRun('lc sweep', 'recent');
    await http().delete(`/runs/${old.id}`).expect(200);
    await http().delete(`/runs/${recent.id}`).expect(200);
    await t.prisma.run.update({ where: { id: old.id }, data: { deletedAt: new Date(Date.now() - 31 * DAY_MS) } });
    expect(await filesOf([old.id])).toHaveLength(1);

    expect(await t.app.get(LifecycleService).sweep()).toBe(1);
    expect(await t.prisma.run.count({ where: { id: old.id } })).toBe(0);
    expect(await filesOf([old.id])).toEqual([]);
    expect(await t.prisma.run.count({ where: { id: recent.id } })).toBe(1);
    expect(await filesOf([recent.id])).toHaveLength(1);
    await http().post(`/trash/run/${old.id}/restore`).expect(410);
    // 31 days later the recent one goes too, with everything else in the trash
    expect(await t.app.get(LifecycleService).sweep(new Date(Date.now() + 31 * DAY_MS))).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.run.count({ where: { id: recent.id } })).toBe(0);
    expect((await trash()).items).toEqual([]);
  });

  it('deletes an imported dataset no experiment uses, row and files; 409 naming the experiments that use it; builtins refused', async () => {
    const directory = path.join(t.dataDir, 'datasets', 'lc-digits');
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, 'train-images-idx3-ubyte'), randomBytes(64));
    await t.prisma.dataset.create({
      data: {
        key: 'lc-digits',
        name: 'LC digits',
        kind: 'imported',
        format: 'idx',
        classNames: ['0', '1'],
        trainSize: 2,
        testSize: 1,
        imageShape: [28, 28, 1],
        storagePath: 'datasets/lc-digits',
      },
    });
    const live = await seedExperiment(t.prisma, {
      name: 'lc uses digits',
      dataset: 'lc-digits',
      status: 'completed',
      space: SPACE,
      trials: [{ number: 1 }],
    });
    const trashed = await seedExperiment(t.prisma, {
      name: 'lc trashed digits',
      dataset: 'lc-digits',
      status: 'completed',
      space: SPACE,
      trials: [{ number: 1 }],
    });
    await http().delete(`/experiments/${trashed.id}`).expect(200);

    const refused = await http().delete('/datasets/lc-digits').expect(409);
    expect(errorOf(refused).message).toBe(
      "Dataset 'lc-digits' is used by 2 experiments: 'lc uses digits', 'lc trashed digits' (in the trash). " +
        'Delete those experiments and purge them from the trash (DELETE /trash/experiment/{id}) first.',
    );
    await http().delete(`/experiments/${live.id}`).expect(200);
    await http().delete(`/trash/experiment/${live.id}`).expect(200);
    await http().delete(`/trash/experiment/${trashed.id}`).expect(200);
    expect(existsSync(directory)).toBe(true);

    await http().delete('/datasets/lc-digits').expect(204);
    expect(await t.prisma.dataset.count({ where: { key: 'lc-digits' } })).toBe(0);
    expect(existsSync(directory)).toBe(false);
    await http().get('/datasets/lc-digits').expect(404);
    await http().delete('/datasets/lc-digits').expect(404);

    const builtin = await http().delete('/datasets/fashion-mnist').expect(409);
    expect(errorOf(builtin).message).toContain('builtin');
  });
});
