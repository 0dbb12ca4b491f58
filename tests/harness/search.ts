import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import {
  isTerminalExperiment,
  type TCreateExperimentRequest,
  type TExperimentDetail,
  type TProgressEvent,
  ZExperimentDetail,
  ZProgressEvent,
} from '@atelier/domain';
import { withToken } from './auth';
import { type Stack, waitFor } from './stack';

// Helpers the search system tests (and the e2e specs) share: HTTP calls to the API (as the stack's
// admin, with its token), waiting for an experiment, and the database read back directly (what the
// API does not serve: epoch row ids, trial_rung).

export async function api(stack: Stack, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(
    `${stack.apiUrl}${route}`,
    withToken({
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as unknown };
}

export async function getExperiment(stack: Stack, id: string): Promise<TExperimentDetail> {
  const { status, json } = await api(stack, 'GET', `/experiments/${id}`);
  if (status !== 200) throw new Error(`GET /experiments/${id} answered ${status}: ${JSON.stringify(json)}`);
  return ZExperimentDetail.parse(json);
}

export async function createExperiment(stack: Stack, request: TCreateExperimentRequest): Promise<TExperimentDetail> {
  const { status, json } = await api(stack, 'POST', '/experiments', request);
  if (status !== 201) throw new Error(`POST /experiments answered ${status}: ${JSON.stringify(json)}`);
  return ZExperimentDetail.parse(json);
}

/** The last lines of every process's output, for failure messages. */
export const tail =
  (stack: Stack, lines = 40) =>
  () =>
    stack.logs().split('\n').slice(-lines).join('\n');

/** Polls until the experiment is terminal and, when `refit` is set, its refit too. */
export async function waitForExperiment(
  stack: Stack,
  id: string,
  options: { timeoutMs: number; refit?: boolean },
): Promise<TExperimentDetail> {
  return waitFor(
    async () => {
      const experiment = await getExperiment(stack, id);
      if (!isTerminalExperiment(experiment.status)) return undefined;
      if (options.refit && experiment.status === 'completed') {
        const refit = experiment.refit?.status;
        if (refit !== 'completed' && refit !== 'failed') return undefined;
      }
      return experiment;
    },
    { timeoutMs: options.timeoutMs, what: `experiment ${id} to finish${options.refit ? ' and refit' : ''}`, describe: tail(stack) },
  );
}

/** The JSON of an API route (as the test admin, unless `init` carries credentials); an answer other than 2xx throws with its status and body. */
export async function apiJson(apiUrl: string, route: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${apiUrl}${route}`, withToken(init));
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${route} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * Creates a search and waits until it and its refit have completed, for the e2e specs that need
 * a trained search to look at. A search that fails or is cancelled ends the wait at once.
 */
export async function trainedSearch(
  apiUrl: string,
  request: Record<string, unknown>,
  options: { timeoutMs: number; stack: Stack | null },
): Promise<TExperimentDetail> {
  const created = ZExperimentDetail.parse(
    await apiJson(apiUrl, '/experiments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }),
  );
  return waitFor(
    async () => {
      const current = ZExperimentDetail.parse(await apiJson(apiUrl, `/experiments/${created.id}`));
      if (current.status === 'failed' || current.status === 'cancelled')
        throw new Error(`the search ended ${current.status}: ${current.error}`);
      return current.status === 'completed' && current.refit?.status === 'completed' ? current : undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      what: 'the search and its refit to finish',
      describe: () => (options.stack ? tail(options.stack)() : ''),
    },
  );
}

export function openDatabase(stack: Stack): PrismaClient {
  return createPrismaClient(stack.databaseUrl, { maxConnections: 2 });
}

/** One epoch of one fold as the metric series holds it: its loss point, and its validation accuracy. */
export interface EpochRow {
  foldRunId: string;
  epoch: number;
  /** When the worker wrote the epoch: a retrained epoch is written again, at a later time. */
  createdAt: Date;
  valAccuracy: number | null;
}

/** Every epoch of an experiment's folds (a step with a loss point), grouped by fold run id, in epoch order. */
export async function epochRowsByFold(prisma: PrismaClient, experimentId: string): Promise<Map<string, EpochRow[]>> {
  const rows = await prisma.$queryRaw<EpochRow[]>`
    SELECT f.id::text AS "foldRunId", m.step AS epoch, m.wall_time AS "createdAt", va.value AS "valAccuracy"
      FROM fold_run f
      JOIN run t ON t.id = f.trial_id
      JOIN metric m ON m.run_id = f.trial_id AND m.fold = f.fold AND m.key = 'loss'
      LEFT JOIN metric va ON va.run_id = m.run_id AND va.fold = m.fold AND va.step = m.step AND va.key = 'val_accuracy'
     WHERE t.experiment_id = ${experimentId}::uuid
     ORDER BY f.id, m.step`;
  const byFold = new Map<string, EpochRow[]>();
  for (const row of rows) byFold.set(row.foldRunId, [...(byFold.get(row.foldRunId) ?? []), row]);
  return byFold;
}

/** 1..n */
export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Mean and population standard deviation. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects server-sent events until `until` says stop or the stream ends. */
export async function collectEvents(stack: Stack, id: string, until: (events: TProgressEvent[]) => boolean, signal: AbortSignal) {
  const events: TProgressEvent[] = [];
  const response = await fetch(`${stack.apiUrl}/experiments/${id}/events`, withToken({ signal }));
  if (!response.headers.get('content-type')?.includes('text/event-stream'))
    throw new Error(`GET /experiments/${id}/events answered ${response.status} ${response.headers.get('content-type') ?? ''}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = frame.split('\n');
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        // the stream opens with a snapshot of the state; the progress events follow
        if (lines.includes('event: snapshot')) continue;
        if (data) events.push(ZProgressEvent.parse(JSON.parse(data)));
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return events;
}
