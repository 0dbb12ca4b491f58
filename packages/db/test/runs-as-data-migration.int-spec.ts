import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../src/client';
import { recomputeSummaries } from '../src/metric-log';
import { migrate } from '../src/migrate';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/**
 * The data-moving migration 20261207000000_runs_as_data: a database seeded in the schema before
 * it (every table with rows, every hyperparameter, a diverged epoch with a NaN loss, epochs
 * without validation values), then migrated, holds every value it held, in its new place.
 */
const BEFORE = '20261206200000_add_dataset_warnings';

const HYPERPARAMETER_COLUMNS = ['batch_size', 'epochs', 'activation', 'optimizer', 'learning_rate', 'momentum'] as const;
/** epoch_metric column → the metric key its values became. */
const EPOCH_KEYS = {
  loss: 'loss',
  accuracy: 'accuracy',
  val_loss: 'val_loss',
  val_accuracy: 'val_accuracy',
  seconds: 'epoch_seconds',
} as const;
/** Tables whose rows the migration leaves as they are (columns and all). */
const UNCHANGED = ['project', 'dataset', 'architecture', 'fold_run', 'trial_rung', 'checkpoint', 'evaluation'] as const;

type Row = Record<string, unknown>;

const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, second));

describe('migration 20261207000000_runs_as_data (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: Client;
  let prisma: PrismaClient;
  const before: Record<string, Row[]> = {};

  const rows = async (sql: string, values: unknown[] = []) => (await db.query(sql, values)).rows as Row[];
  const all = (table: string) => rows(`SELECT * FROM "${table}" ORDER BY id`);
  const insert = async (table: string, row: Row) => {
    const columns = Object.keys(row);
    await db.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => {
        const value = row[c];
        // pg sends numbers as text; these are the spellings float8 reads
        if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
        return value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)
          ? JSON.stringify(value)
          : value;
      }),
    );
  };

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_runs_as_data', { migrate: false });
    await migrate(database.url, { upTo: BEFORE });
    db = new Client({ connectionString: database.url });
    await db.connect();
    await seedOldSchema();
    for (const table of [...UNCHANGED, 'experiment', 'trial', 'epoch_metric', 'artifact']) before[table] = await all(table);
    // this migration alone: the rows it leaves are compared column by column below
    expect(await migrate(database.url, { upTo: '20261207000000_runs_as_data' })).toEqual(['20261207000000_runs_as_data']);
    prisma = createPrismaClient(database.url);
  });

  afterAll(async () => {
    // Each is still undefined when beforeAll failed before assigning it.
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (db as Client | undefined)?.end();
    await (database as TestDatabase | undefined)?.drop();
  });

  /** Two searches (grid k-fold, ASHA holdout), four trials with every hyperparameter, their folds, epochs, rungs, evaluations, a model, a checkpoint. */
  async function seedOldSchema() {
    const project = randomUUID();
    const dataset = randomUUID();
    const [archOne, archTwo] = [randomUUID(), randomUUID()];
    await insert('project', { id: project, slug: 'default', name: 'Default', created_at: at(0) });
    await insert('dataset', {
      id: dataset,
      project_id: null,
      key: 'fashion-mnist',
      name: 'Fashion-MNIST',
      kind: 'builtin',
      format: 'idx',
      class_names: ['a', 'b'],
      train_size: 60000,
      test_size: 10000,
      image_shape: [28, 28, 1],
      storage_path: '/data/fashion',
      checksums: { 'train-images': 'abc' },
      warnings: [{ kind: 'duplicates', count: 2 }],
      created_at: at(1),
    });
    await insert('architecture', {
      id: archOne,
      key: 'arch-one',
      name: 'One',
      description: 'd',
      builtin: true,
      spec: { kind: 'layers', layers: [] },
      parameter_count: 1000,
      created_at: at(2),
    });
    await insert('architecture', {
      id: archTwo,
      key: 'arch-two',
      name: 'Two',
      spec: { kind: 'layers', layers: [{ type: 'flatten' }] },
      parameter_count: null,
      created_at: at(3),
    });

    const [grid, asha] = [randomUUID(), randomUUID()];
    const [t1, t2, t3, t4] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const space = {
      architecture: ['arch-one', 'arch-two'],
      batchSize: [32, 64],
      epochs: [3],
      activation: ['relu', 'tanh'],
      optimizer: ['adam', 'sgd'],
      learningRate: [0.001],
      momentum: [0, 0.9],
    };
    await insert('experiment', {
      id: grid,
      project_id: project,
      dataset_id: dataset,
      name: 'grid',
      description: 'a grid',
      status: 'completed',
      strategy: { kind: 'grid' },
      space,
      budget: { maxTrials: 10 },
      augmentation: { randomErasing: { probability: 0.5 } },
      validation: { kind: 'kfold', folds: 2 },
      training_slice: 1000,
      seed: 42,
      priority: 3,
      trial_count: 2,
      best_trial_id: t1,
      error: null,
      refit_status: 'completed',
      refit_trial_id: t1,
      refit_error: null,
      created_at: at(10),
      started_at: at(11),
      finished_at: at(50),
    });
    await insert('experiment', {
      id: asha,
      project_id: project,
      dataset_id: dataset,
      name: 'asha',
      status: 'running',
      strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 4, reductionFactor: 2 },
      space: { ...space, epochs: undefined },
      validation: { kind: 'holdout', fraction: 0.2 },
      training_slice: null,
      seed: 7,
      trial_count: 2,
      error: 'a note',
      created_at: at(20),
    });
    const trial = (
      id: string,
      experiment: string,
      architecture: string,
      number: number,
      h: [number, number, string, string, number, number],
      extra: Row = {},
    ) =>
      insert('trial', {
        id,
        experiment_id: experiment,
        architecture_id: architecture,
        number,
        status: 'completed',
        batch_size: h[0],
        epochs: h[1],
        activation: h[2],
        optimizer: h[3],
        learning_rate: h[4],
        momentum: h[5],
        parameter_count: 1234,
        mean_val_accuracy: 0.8,
        std_val_accuracy: 0.01,
        mean_val_loss: 0.5,
        error: null,
        created_at: at(12 + number),
        started_at: at(13 + number),
        finished_at: at(40 + number),
        ...extra,
      });
    await trial(t1, grid, archOne, 1, [32, 3, 'relu', 'adam', 0.001, 0]);
    // a learning rate with no short decimal, and a momentum: the params document keeps both exactly
    await trial(t2, grid, archTwo, 2, [64, 3, 'tanh', 'sgd', 1 / 3, 0.9], {
      status: 'failed',
      mean_val_accuracy: null,
      std_val_accuracy: null,
      mean_val_loss: null,
      error: 'fold 1: out of memory',
    });
    await trial(t3, asha, archOne, 1, [128, 2, 'elu', 'rmsprop', 2.5e-5, 0.5], { status: 'running', rung: 1, mean_val_loss: NaN });
    await trial(t4, asha, archTwo, 2, [16, 1, 'selu', 'adagrad', 0.1, 0], {
      status: 'queued',
      rung: 0,
      parameter_count: null,
      mean_val_accuracy: null,
      std_val_accuracy: null,
      mean_val_loss: null,
      started_at: null,
      finished_at: null,
    });

    const folds: Record<string, string> = {};
    const fold = async (trialId: string, index: number, extra: Row = {}) => {
      const id = randomUUID();
      folds[`${trialId}:${index}`] = id;
      await insert('fold_run', {
        id,
        trial_id: trialId,
        fold: index,
        status: 'completed',
        rung: 0,
        train_size: 500,
        val_size: 500,
        epochs_completed: 3,
        val_accuracy: 0.8,
        val_loss: 0.5,
        confusion_matrix: [
          [240, 10],
          [90, 160],
        ],
        backend: 'wasm 4.22.0',
        worker_id: 'host/1',
        attempts: 1,
        error: null,
        started_at: at(30 + index),
        finished_at: at(35 + index),
        ...extra,
      });
      return id;
    };
    const f10 = await fold(t1, 0);
    const f11 = await fold(t1, 1);
    const f20 = await fold(t2, 0, { val_loss: NaN });
    const f21 = await fold(t2, 1, {
      status: 'failed',
      epochs_completed: 1,
      val_accuracy: null,
      val_loss: null,
      confusion_matrix: null,
      error: 'out of memory',
      attempts: 3,
    });
    const f30 = await fold(t3, 0, { status: 'running', rung: 1, epochs_completed: 2, val_accuracy: null, val_loss: null });
    await fold(t4, 0, {
      status: 'queued',
      epochs_completed: 0,
      train_size: null,
      val_size: null,
      val_accuracy: null,
      val_loss: null,
      confusion_matrix: null,
      backend: null,
      worker_id: null,
      attempts: 0,
      started_at: null,
      finished_at: null,
    });

    let second = 100;
    const epoch = (
      foldRunId: string,
      n: number,
      values: { loss: number; accuracy: number; val_loss: number | null; val_accuracy: number | null; seconds: number },
    ) => insert('epoch_metric', { fold_run_id: foldRunId, epoch: n, ...values, created_at: at(second++) });
    for (const n of [1, 2, 3])
      await epoch(f10, n, { loss: 1 / n, accuracy: 0.5 + n / 10, val_loss: 1.1 / n, val_accuracy: 0.45 + n / 10, seconds: 2 + n / 100 });
    // fold 1 of trial 1: no validation values at epoch 1
    await epoch(f11, 1, { loss: 0.9, accuracy: 0.55, val_loss: null, val_accuracy: null, seconds: 2.5 });
    for (const n of [2, 3])
      await epoch(f11, n, { loss: 0.8 / n, accuracy: 0.6 + n / 20, val_loss: 0.9 / n, val_accuracy: 0.5 + n / 20, seconds: 2.25 });
    // trial 2 diverged: a NaN loss, then an infinite one, and a NaN validation loss
    await epoch(f20, 1, { loss: NaN, accuracy: 0.1, val_loss: 2.3, val_accuracy: 0.1, seconds: 3 });
    await epoch(f20, 2, { loss: Infinity, accuracy: 0.1, val_loss: NaN, val_accuracy: 0.1, seconds: 3.5 });
    await epoch(f20, 3, { loss: NaN, accuracy: 0.1, val_loss: NaN, val_accuracy: 0.1, seconds: 3.25 });
    await epoch(f21, 1, { loss: 2.2, accuracy: 0.2, val_loss: 2.1, val_accuracy: 0.2, seconds: 4 });
    for (const n of [1, 2])
      await epoch(f30, n, { loss: 1.5 / n, accuracy: 0.4 * n, val_loss: 1.4 / n, val_accuracy: 0.35 * n, seconds: 1.75 });

    await insert('trial_rung', {
      id: randomUUID(),
      trial_id: t3,
      rung: 0,
      epochs: 1,
      mean_val_accuracy: 0.35,
      std_val_accuracy: 0,
      promoted: true,
      finished_at: at(60),
    });
    await insert('trial_rung', {
      id: randomUUID(),
      trial_id: t4,
      rung: 0,
      epochs: 1,
      mean_val_accuracy: 0.2,
      std_val_accuracy: 0,
      promoted: false,
      finished_at: at(61),
    });
    await insert('checkpoint', {
      id: randomUUID(),
      fold_run_id: f30,
      epoch: 1,
      content: Buffer.from([1, 2, 3, 4]),
      size_bytes: 4,
      created_at: at(62),
    });

    const model = randomUUID();
    await insert('artifact', {
      id: model,
      experiment_id: grid,
      trial_id: t1,
      kind: 'model',
      content: Buffer.from('PK zip bytes'),
      size_bytes: '12',
      sha256: 'f'.repeat(64),
      metadata: { backend: 'wasm', trainedOn: 1000, format: 'zip' },
      created_at: at(70),
    });
    const report = {
      perClass: [{ className: 'a', precision: 0.9, recall: 0.8, f1: 0.85, support: 250 }],
      avg: { precision: 0.8, recall: 0.8, f1: 0.8, support: 500 },
    };
    const evaluation = (extra: Row) =>
      insert('evaluation', {
        id: randomUUID(),
        experiment_id: grid,
        trial_id: t1,
        artifact_id: null,
        split: 'validation',
        accuracy: 0.8,
        loss: 0.5,
        confusion_matrix: [
          [240, 10],
          [90, 160],
        ],
        per_class: report.perClass,
        macro_avg: report.avg,
        weighted_avg: report.avg,
        top_confusions: [{ actual: 'b', predicted: 'a', count: 90 }],
        sample_predictions: [],
        created_at: at(71),
        ...extra,
      });
    await evaluation({});
    await evaluation({
      split: 'test',
      artifact_id: model,
      loss: NaN,
      sample_predictions: [{ index: 3, label: 1, predicted: 0 }],
      created_at: at(72),
    });
  }

  it('keeps every row of every table', async () => {
    const count = async (table: string) => Number((await rows(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
    for (const table of [...UNCHANGED, 'experiment', 'artifact'])
      expect([table, await count(table)]).toEqual([table, before[table]!.length]);
    expect(await count('run')).toBe(before.trial!.length);
    // one point per epoch and key with a value: the nulls (no validation) were never values
    const values = before.epoch_metric!.flatMap((row) => Object.keys(EPOCH_KEYS).filter((column) => row[column] !== null));
    expect(await count('metric')).toBe(values.length);
    expect(await count('metric')).toBe(before.epoch_metric!.length * 5 - 2);
    const tables = (await rows(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)).map((row) => row.tablename);
    expect(tables).not.toContain('trial');
    expect(tables).not.toContain('epoch_metric');
  });

  it('leaves the tables it does not reshape exactly as they were', async () => {
    for (const table of UNCHANGED) expect([table, await all(table)]).toEqual([table, before[table]]);
  });

  it('keeps every column of an experiment, which becomes a search with no tags or notes', async () => {
    for (const [old, now] of zip(before.experiment!, await all('experiment'))) {
      expect(now).toEqual({ ...old, kind: 'search', tags: {}, notes: '' });
    }
  });

  it("moves a trial's hyperparameters into its params document, under the names of THyperparameters, and keeps the rest", async () => {
    const architectures = new Map(before.architecture!.map((a) => [a.id, a.key]));
    for (const [old, now] of zip(before.trial!, await all('run'))) {
      const { batch_size, epochs, activation, optimizer, learning_rate, momentum, ...rest } = old;
      expect(now.params).toEqual({
        architecture: architectures.get(old.architecture_id),
        batchSize: batch_size,
        epochs,
        activation,
        optimizer,
        learningRate: learning_rate,
        momentum,
      });
      // exactly: a float's shortest decimal goes into jsonb and comes back as the same double
      expect(Object.is((now.params as { learningRate: number }).learningRate, learning_rate)).toBe(true);
      expect(now).toEqual({ ...rest, params: now.params, name: null, tags: {}, notes: '', last_seen_at: null });
      for (const column of HYPERPARAMETER_COLUMNS) expect(now).not.toHaveProperty(column);
    }
  });

  it('keeps every artifact, a model without a name, content type or storage key', async () => {
    for (const [old, now] of zip(before.artifact!, await all('artifact'))) {
      expect(now).toEqual({ ...old, name: null, content_type: null, storage_key: null });
    }
  });

  it('turns every epoch value into the metric point of its run, fold, key and epoch, at the time it was written', async () => {
    const folds = new Map(before.fold_run!.map((f) => [f.id, f]));
    const expected = before.epoch_metric!.flatMap((row) => {
      const fold = folds.get(row.fold_run_id)!;
      return Object.entries(EPOCH_KEYS)
        .filter(([column]) => row[column] !== null)
        .map(([column, key]) => ({
          run_id: fold.trial_id,
          fold: fold.fold,
          key,
          step: row.epoch,
          value: row[column],
          wall_time: row.created_at,
        }));
    });
    const points = await rows(`SELECT run_id, fold, key, step, value, wall_time FROM metric`);
    const byId = (p: Row) => `${String(p.run_id)}|${String(p.fold)}|${String(p.key)}|${String(p.step)}`;
    const sort = (list: Row[]) => [...list].sort((a, b) => byId(a).localeCompare(byId(b)));
    expect(sort(points)).toEqual(sort(expected));
    // the diverged values are numbers still, not nulls
    const diverged = points.filter((p) => p.key === 'loss' && !Number.isFinite(p.value as number)).map((p) => p.value);
    expect(diverged.sort()).toEqual([Infinity, NaN, NaN].sort());
  });

  it('summarizes each run and key over the fold means at each epoch, as logMetricPoints does', async () => {
    const summaries = await rows(`SELECT run_id, key, last, last_step, min, max, count FROM metric_summary ORDER BY run_id, key`);
    // expected, from the old rows: mean over folds per epoch; last = the latest epoch's; min and max skip NaN
    const folds = new Map(before.fold_run!.map((f) => [f.id, f]));
    const series = new Map<string, Map<number, number[]>>();
    for (const row of before.epoch_metric!) {
      for (const [column, key] of Object.entries(EPOCH_KEYS)) {
        if (row[column] === null) continue;
        const id = `${String(folds.get(row.fold_run_id)!.trial_id)}|${key}`;
        const steps = series.get(id) ?? new Map<number, number[]>();
        series.set(id, steps);
        steps.set(row.epoch as number, [...(steps.get(row.epoch as number) ?? []), row[column] as number]);
      }
    }
    const expected = [...series.entries()].map(([id, steps]) => {
      const [run_id, key] = id.split('|');
      const means = [...steps.entries()]
        .sort(([a], [b]) => a - b)
        .map(([step, values]) => ({ step, value: values.reduce((s, v) => s + v, 0) / values.length }));
      const numbers = means.map((m) => m.value).filter((v) => !Number.isNaN(v));
      return {
        run_id,
        key,
        last: means.at(-1)!.value,
        last_step: means.at(-1)!.step,
        min: numbers.length ? Math.min(...numbers) : NaN,
        max: numbers.length ? Math.max(...numbers) : NaN,
        count: means.length,
      };
    });
    const sort = (list: Row[]) =>
      [...list].sort((a, b) => `${String(a.run_id)}${String(a.key)}`.localeCompare(`${String(b.run_id)}${String(b.key)}`));
    expect(sort(summaries).map(rounded)).toEqual(sort(expected).map(rounded));
    // the diverged trial: a NaN last loss, an infinite max, the finite values as its min
    const t2 = before.trial!.find((t) => t.number === 2 && t.experiment_id === before.experiment!.find((e) => e.name === 'grid')!.id)!.id;
    expect(summaries.find((s) => s.run_id === t2 && s.key === 'loss')).toMatchObject({ last: NaN, last_step: 3, max: Infinity, count: 3 });

    // and logMetricPoints' own rule (recomputeSummaries) finds nothing to change
    for (const runId of new Set(summaries.map((s) => s.run_id as string))) {
      const keys = summaries.filter((s) => s.run_id === runId).map((s) => s.key as string);
      await prisma.$transaction((tx) => recomputeSummaries(tx, runId, keys));
    }
    expect(await rows(`SELECT run_id, key, last, last_step, min, max, count FROM metric_summary ORDER BY run_id, key`)).toEqual(summaries);
  });

  it('leaves a database the application reads: trials as runs with their folds, rungs and metric series', async () => {
    // the later migrations apply on top of it, and the application reads the newest schema
    expect((await migrate(database.url)).length).toBeGreaterThan(0);
    const runs = await prisma.run.findMany({
      include: { foldRuns: true, rungs: true, metrics: true, metricSummaries: true },
      orderBy: [{ experimentId: 'asc' }, { number: 'asc' }],
    });
    expect(runs).toHaveLength(4);
    expect(runs.map((r) => r.foldRuns.length).sort()).toEqual([1, 1, 2, 2]);
    expect(runs.flatMap((r) => r.rungs).length).toBe(2);
    expect(runs.reduce((sum, r) => sum + r.metrics.length, 0)).toBe(before.epoch_metric!.length * 5 - 2);
  });
});

function zip(a: Row[], b: Row[]): [Row, Row][] {
  expect(b.map((row) => row.id)).toEqual(a.map((row) => row.id));
  return a.map((row, i) => [row, b[i]!]);
}

/** Averages computed in SQL and in JS may differ in the last bit. */
function rounded(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row))
    out[key] = typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e12) / 1e12 : value;
  return out;
}
