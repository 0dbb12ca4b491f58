import { adminFetch } from '../harness/auth';
import {
  isTerminalExperiment,
  type TCreateExperimentRequest,
  type TExperimentDetail,
  type TExperimentMetrics,
  type TProgressEvent,
  ZExperimentDetail,
  ZExperimentMetrics,
} from '@atelier/domain';
import { collectEvents } from '../harness/search';
import { type Stack, startStack, waitFor } from '../harness/stack';

// The built API and worker as separate processes: a search launched over HTTP is trained by
// the worker, and what the API then serves must agree with itself and with the plan.

async function api(stack: Stack, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await adminFetch(`${stack.apiUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

async function getExperiment(stack: Stack, id: string): Promise<TExperimentDetail> {
  const { status, json } = await api(stack, 'GET', `/experiments/${id}`);
  expect(status).toBe(200);
  return ZExperimentDetail.parse(json);
}

function request(overrides: Partial<TCreateExperimentRequest> = {}): TCreateExperimentRequest {
  return {
    name: 'system test search',
    dataset: 'fashion-mnist',
    space: {
      architecture: ['cnn-a'],
      batchSize: [64],
      epochs: [2],
      activation: ['relu'],
      optimizer: ['adam', 'sgd'],
      learningRate: [0.001],
      momentum: [0.9],
    },
    validation: { kind: 'kfold', folds: 2 },
    trainingSlice: 300,
    seed: 7,
    priority: 1,
    ...overrides,
  };
}

describe('a search across the API and a worker process', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ worker: true, workerConcurrency: 1 });
  });
  afterAll(async () => {
    await (stack as Stack | undefined)?.stop();
  });

  it('trains every fold, stores one epoch row per epoch, and aggregates the folds', async () => {
    const created = await api(stack, 'POST', '/experiments', request());
    expect(created.status).toBe(201);
    const id = (created.json as TExperimentDetail).id;
    expect((created.json as TExperimentDetail).trials).toHaveLength(2);

    const abort = new AbortController();
    const eventsPromise = collectEvents(
      stack,
      id,
      (events) => events.some((e) => e.type === 'experiment' && isTerminalExperiment(e.status)),
      abort.signal,
    );

    const done = await waitFor(
      async () => {
        const experiment = await getExperiment(stack, id);
        return isTerminalExperiment(experiment.status) ? experiment : undefined;
      },
      { timeoutMs: 180_000, what: 'the search to finish', describe: () => stack.logs().split('\n').slice(-40).join('\n') },
    );
    const events = await Promise.race([eventsPromise, new Promise<TProgressEvent[]>((r) => setTimeout(() => r([]), 5_000))]);
    abort.abort();

    expect(done.status).toBe('completed');
    const metrics: TExperimentMetrics = ZExperimentMetrics.parse((await api(stack, 'GET', `/experiments/${id}/metrics`)).json);
    for (const trial of done.trials) {
      expect(trial.status).toBe('completed');
      expect(trial.progress).toBe(1);
      expect(trial.folds).toHaveLength(2);
      const curves = metrics.trials.find((t) => t.trialId === trial.id)!;
      for (const fold of trial.folds) {
        const rows = curves.folds.find((f) => f.fold === fold.fold)!.metrics;
        expect(rows.map((r) => r.epoch)).toEqual([1, 2]);
        for (const row of rows) {
          expect(Number.isFinite(row.loss)).toBe(true);
          expect(row.accuracy).toBeGreaterThanOrEqual(0);
          expect(row.accuracy).toBeLessThanOrEqual(1);
          expect(row.valAccuracy).not.toBeNull();
        }
        // the fold's result is its final epoch
        expect(fold.valAccuracy).toBeCloseTo(rows[1]!.valAccuracy!, 10);
        expect(fold.trainSize! + fold.valSize!).toBe(300);
      }
      const accuracies = trial.folds.map((f) => f.valAccuracy!);
      const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
      const std = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / accuracies.length);
      expect(trial.meanValAccuracy).toBeCloseTo(mean, 10);
      expect(trial.stdValAccuracy).toBeCloseTo(std, 10);
    }
    const best = [...done.trials].sort((a, b) => b.meanValAccuracy! - a.meanValAccuracy!)[0]!;
    expect(done.bestTrial?.id).toBe(best.id);

    // live progress reached the HTTP stream: every epoch of every fold, then the end (the refit
    // of the best trial starts as the search completes, so its events may come before or after)
    if (events.length > 0) {
      expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2 * 2 * 2);
      const searchEvents = events.filter((e) => e.type !== 'refit');
      expect(searchEvents.at(-1)).toMatchObject({ type: 'experiment', status: 'completed' });
    } else {
      throw new Error('no progress events arrived over /events');
    }
  });

  it('cancel stops the remaining work and leaves no fold running', async () => {
    const created = await api(
      stack,
      'POST',
      '/experiments',
      request({
        name: 'to be cancelled',
        space: { ...request().space, batchSize: [16, 32, 64], epochs: [3] },
        trainingSlice: 600,
      }),
    );
    expect(created.status).toBe(201);
    const id = (created.json as TExperimentDetail).id;

    await waitFor(
      async () => ((await getExperiment(stack, id)).trials.some((t) => t.folds.some((f) => f.epochsCompleted >= 1)) ? true : undefined),
      { timeoutMs: 120_000, what: 'the first epoch', describe: () => stack.logs().split('\n').slice(-30).join('\n') },
    );
    const cancelled = await api(stack, 'POST', `/experiments/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((cancelled.json as TExperimentDetail).status).toBe('cancelled');

    const settled = await waitFor(
      async () => {
        const experiment = await getExperiment(stack, id);
        return experiment.trials.every((t) => t.folds.every((f) => f.status !== 'running' && f.status !== 'queued'))
          ? experiment
          : undefined;
      },
      { timeoutMs: 60_000, what: 'the running fold to stop' },
    );
    const folds = settled.trials.flatMap((t) => t.folds);
    expect(folds.filter((f) => f.status === 'cancelled').length).toBeGreaterThanOrEqual(folds.length - 2);
    const epochsAfterCancel = folds.reduce((n, f) => n + f.epochsCompleted, 0);

    // nothing trains after the cancel has settled
    await new Promise((r) => setTimeout(r, 3_000));
    const later = await getExperiment(stack, id);
    expect(later.status).toBe('cancelled');
    expect(later.trials.flatMap((t) => t.folds).reduce((n, f) => n + f.epochsCompleted, 0)).toBe(epochsAfterCancel);

    // a second cancel is refused with a message, not repeated
    const again = await api(stack, 'POST', `/experiments/${id}/cancel`);
    expect(again.status).toBe(409);
    expect((again.json as { message: string }).message).toMatch(/cancel/i);
  });
});
