import { execFile } from 'node:child_process';
import { adminFetch } from '../harness/auth';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dropDatabase } from '@atelier/db/create-database';
import { ZExperimentDetail, type TExperimentDetail } from '@atelier/domain';
import { encodeCsv } from '@atelier/ml/data/csv-reader';
import { balancedLabels, makeImageSet } from '@atelier/ml/data/image-set.factory';
import { api, getExperiment, tail } from '../harness/search';
import { freePort, REPO_ROOT, type Stack, startStack, waitFor } from '../harness/stack';

// What an operator relies on, against the built API and worker processes: /metrics on both
// during a tiny search (queue, folds running, epochs, images), JSON logs carrying the request
// id from the API into the worker's jobs, and a backup that survives the loss of the database
// and the data directory.

const run = promisify(execFile);

const CLASSES = 4;
const PER_CLASS = 40; // 160 images; a quarter held out as the test split: 120 to train on
const FOLDS = 2;
const EPOCHS = 3;
const TRIALS = 2;
const REQUEST_ID = 'req-ops-launch';

/** Every sample of a metric whose labels include `labels`, summed; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    if (!(line.startsWith(`${name}{`) || line.startsWith(`${name} `))) continue;
    if (!Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) continue;
    total = (total ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

async function scrape(url: string): Promise<string> {
  const response = await adminFetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** A response without what is measured per request (how long the insight took to compute). */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'computedInMs')
        .map(([key, v]) => [key, stable(v)]),
    );
  return value;
}

const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');

describe('operations: metrics, logs, backup and restore', () => {
  let stack: Stack;
  let workerMetrics: string;
  let experiment: TExperimentDetail;
  const backupDir = mkdtempSync(path.join(tmpdir(), 'atelier-backup-'));

  beforeAll(async () => {
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    stack = await startStack({
      worker: true,
      env: { WORKER_METRICS_PORT: String(port), WORKER_METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    await waitFor(
      async () =>
        (await adminFetch(workerMetrics)
          .then((r) => r.ok)
          .catch(() => false)) || undefined,
      {
        timeoutMs: 30_000,
        what: 'the worker metrics endpoint',
        describe: tail(stack),
      },
    );
  });
  afterAll(async () => {
    await (stack as Stack | undefined)?.stop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('runs every process on the Node binary of the tests', async () => {
    // npm test puts Node 24 first on PATH (scripts/lib/prerequisites.sh); jest and the processes
    // it spawns must all be that one.
    const version = `nodejs_version_info{version="${process.version}"`;
    expect(await scrape(`${stack.apiUrl}/metrics`)).toContain(version);
    expect(await scrape(workerMetrics)).toContain(version);
    console.log(`system tests, API and worker on Node ${process.version} (${process.execPath})`);
  });

  it('shows the queue and the training on /metrics during a tiny search, and tags its logs with the request id', async () => {
    // an imported dataset, so that the search (and later the backup) depends on ATELIER_DATA_DIR
    const set = makeImageSet({
      labels: balancedLabels(CLASSES, PER_CLASS),
      height: 28,
      width: 28,
      // a stripe per class over noise that differs per image (an import warns about duplicates)
      pixel: (i, p, label) => (p % CLASSES === label ? 150 : 0) + ((i * 131 + p * 71) % 97),
    });
    const form = new FormData();
    form.set('key', 'ops-stripes');
    form.set('name', 'Ops stripes');
    form.set('classNames', 'a, b, c, d');
    form.set('testFraction', '0.25');
    form.set('trainCsv', new Blob([encodeCsv(set)]), 'stripes.csv');
    const imported = await adminFetch(`${stack.apiUrl}/datasets/import`, { method: 'POST', body: form });
    expect(imported.status).toBe(201);

    const created = await adminFetch(`${stack.apiUrl}/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': REQUEST_ID },
      body: JSON.stringify({
        name: 'operations',
        dataset: 'ops-stripes',
        strategy: { kind: 'grid' },
        space: {
          architecture: ['mlp'],
          batchSize: [16, 32],
          epochs: [EPOCHS],
          activation: ['relu'],
          optimizer: ['adam'],
          learningRate: [0.01],
          momentum: [0.9],
        },
        validation: { kind: 'kfold', folds: FOLDS },
        seed: 5,
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(REQUEST_ID);
    const { id } = ZExperimentDetail.parse(await created.json());

    // one live stream open, as a browser tab would hold
    const events = new AbortController();
    const stream = await adminFetch(`${stack.apiUrl}/experiments/${id}/events`, { signal: events.signal });
    expect(stream.status).toBe(200);

    const seen = { pending: 0, active: 0, running: 0, epochs: 0, sse: 0 };
    let done: TExperimentDetail | undefined;
    try {
      done = await waitFor(
        async () => {
          const [apiText, workerText] = await Promise.all([scrape(`${stack.apiUrl}/metrics`), scrape(workerMetrics)]);
          seen.pending = Math.max(
            seen.pending,
            (sample(apiText, 'atelier_queue_jobs', { state: 'wait' }) ?? 0) +
              (sample(apiText, 'atelier_queue_jobs', { state: 'prioritized' }) ?? 0),
          );
          seen.active = Math.max(seen.active, sample(apiText, 'atelier_queue_jobs', { state: 'active' }) ?? 0);
          seen.sse = Math.max(seen.sse, sample(apiText, 'atelier_sse_clients') ?? 0);
          seen.running = Math.max(seen.running, sample(workerText, 'atelier_worker_jobs_running') ?? 0);
          seen.epochs = Math.max(seen.epochs, sample(workerText, 'atelier_training_epochs_total') ?? 0);
          const current = await getExperiment(stack, id);
          return current.status === 'completed' && current.refit?.status === 'completed' ? current : undefined;
        },
        { timeoutMs: 180_000, what: 'the search and its refit', describe: tail(stack) },
      );
    } finally {
      events.abort();
    }
    experiment = done;
    expect(seen.pending).toBeGreaterThan(0);
    expect(seen.active).toBeGreaterThan(0);
    expect(seen.running).toBeGreaterThan(0);
    expect(seen.epochs).toBeGreaterThan(0);
    expect(seen.sse).toBe(1);

    // the totals once everything is done: every epoch of every fold, then the refit's
    const workerText = await scrape(workerMetrics);
    const folds = TRIALS * FOLDS;
    expect(sample(workerText, 'atelier_training_epochs_total', { job: 'train-fold' })).toBe(folds * EPOCHS);
    expect(sample(workerText, 'atelier_training_epochs_total', { job: 'refit' })).toBe(EPOCHS);
    // 120 training images: a fold trains on half of them, the refit on all
    expect(sample(workerText, 'atelier_training_images_total', { job: 'train-fold' })).toBe(folds * EPOCHS * 60);
    expect(sample(workerText, 'atelier_training_images_total', { job: 'refit' })).toBe(EPOCHS * 120);
    expect(sample(workerText, 'atelier_training_epoch_duration_seconds_count', { job: 'train-fold' })).toBe(folds * EPOCHS);
    expect(sample(workerText, 'atelier_training_epoch_duration_seconds_sum', { job: 'train-fold' })).toBeGreaterThan(0);
    expect(sample(workerText, 'atelier_worker_jobs_completed_total', { job: 'train-fold' })).toBe(folds);
    expect(sample(workerText, 'atelier_worker_jobs_running')).toBe(0);
    expect(sample(workerText, 'atelier_training_failures_total') ?? 0).toBe(0);
    const apiText = await scrape(`${stack.apiUrl}/metrics`);
    expect(
      sample(apiText, 'atelier_http_request_duration_seconds_count', { method: 'POST', route: '/experiments', status_code: '201' }),
    ).toBe(1);
    expect(sample(apiText, 'atelier_queue_jobs', { state: 'completed' })).toBe(folds + 1);
    expect(sample(apiText, 'atelier_sse_clients')).toBe(0);

    // JSON lines; the worker's lines for this search's jobs carry the request that launched it,
    // the refit too (the worker queued it while running the last fold of that request)
    const lines = stack
      .logs()
      .split('\n')
      .map((line) => line.replace(/^\[[\w-]+\] /, ''))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      lines.filter((line) => line.service === 'atelier-worker' && line.msg === 'fold started' && line.requestId === REQUEST_ID),
    ).toHaveLength(folds);
    expect(lines.some((line) => line.service === 'atelier-worker' && line.msg === 'refit started' && line.requestId === REQUEST_ID)).toBe(
      true,
    );
    expect(
      lines.some(
        (line) =>
          line.service === 'atelier-api' &&
          line.requestId === REQUEST_ID &&
          (line.response as { statusCode?: number } | undefined)?.statusCode === 201,
      ),
    ).toBe(true);
  });

  it('backs up, loses the database and the data directory, restores, and serves every experiment, curve and model again', async () => {
    expect(experiment).toBeDefined();
    const model = experiment.refit!.model!;
    const before = {
      list: (await api(stack, 'GET', '/experiments')).json,
      detail: (await api(stack, 'GET', `/experiments/${experiment.id}`)).json,
      curves: (await api(stack, 'GET', `/experiments/${experiment.id}/metrics`)).json,
      dataset: stable((await api(stack, 'GET', '/datasets/ops-stripes')).json),
      model: sha256(await (await adminFetch(`${stack.apiUrl}/models/${model.id}/download`)).arrayBuffer()),
      image: sha256(await (await adminFetch(`${stack.apiUrl}/datasets/ops-stripes/images/train/7.png`)).arrayBuffer()),
    };
    expect((before.curves as { trials: unknown[] }).trials).toHaveLength(TRIALS);

    const env = { ...process.env, DATABASE_URL: stack.databaseUrl, ATELIER_DATA_DIR: stack.dataDir };
    const admin = path.join(REPO_ROOT, 'scripts/atelier-admin');
    const file = path.join(backupDir, 'atelier.tar');
    await run('bash', [admin, 'backup', file], { env });
    const verified = await run('bash', [admin, 'verify', file], { env });
    // every epoch of every fold is 7 metric points: loss, accuracy, val_loss, val_accuracy, epoch_seconds, learning_rate, images_per_second
    expect((JSON.parse(verified.stdout) as { rows: unknown }).rows).toMatchObject({
      experiments: 1,
      runs: TRIALS,
      foldRuns: TRIALS * FOLDS,
      metricPoints: TRIALS * FOLDS * EPOCHS * 7,
      datasets: expect.any(Number) as unknown,
    });

    // the disaster: processes gone, database dropped, data directory emptied
    await stack.stopProcesses();
    await dropDatabase(stack.databaseUrl);
    rmSync(stack.dataDir, { recursive: true, force: true });
    expect(existsSync(stack.dataDir)).toBe(false);

    await run('bash', [admin, 'restore', file], { env });
    expect(readdirSync(path.join(stack.dataDir, 'datasets'))).toContain('ops-stripes');
    // a second restore over live data is refused without --force
    await expect(run('bash', [admin, 'restore', file], { env })).rejects.toMatchObject({
      stderr: expect.stringContaining('--force') as unknown,
    });

    await stack.startApi();
    const after = {
      list: (await api(stack, 'GET', '/experiments')).json,
      detail: (await api(stack, 'GET', `/experiments/${experiment.id}`)).json,
      curves: (await api(stack, 'GET', `/experiments/${experiment.id}/metrics`)).json,
      dataset: stable((await api(stack, 'GET', '/datasets/ops-stripes')).json),
      model: sha256(await (await adminFetch(`${stack.apiUrl}/models/${model.id}/download`)).arrayBuffer()),
      image: sha256(await (await adminFetch(`${stack.apiUrl}/datasets/ops-stripes/images/train/7.png`)).arrayBuffer()),
    };
    expect(after).toEqual(before);
  });
});
