import { normalizeParams, type TTags } from '@atelier/domain';
import { retryDelayMs } from './backoff.js';
import { AtelierError } from './errors.js';
import { type FetchLike, httpTransport, locateApi } from './http-transport.js';
import { Run } from './run.js';
import type { Transport } from './transport.js';

/** Where the API is when nothing says otherwise: `npm start` on this machine. */
export const DEFAULT_URL = 'http://localhost:3001';

/** Options of `atelier.init()`. Only `experiment` is required. */
export interface InitOptions {
  /** The experiment the run belongs to, by name; created (as a tracked experiment) on its first run. */
  experiment: string;
  /** The project's slug; default: ATELIER_PROJECT, else the token's project, else 'default'. */
  project?: string;
  /** The run's name; default: its number. */
  name?: string;
  /** Hyperparameters and settings: numbers, strings, booleans; nested objects become dotted keys. */
  config?: Readonly<Record<string, unknown>>;
  /** Tags (key → text), editable later on the run's page. */
  tags?: Readonly<TTags>;
  /** Markdown shown on the run's page. */
  notes?: string;
  /** The API or the web app (which serves the API under /api). Default: ATELIER_URL, the CLI's login, then http://localhost:3001. */
  url?: string;
  /** A token for the API. Default: ATELIER_TOKEN, then the CLI's login. */
  token?: string;
  /** How long finish() waits for points queued while the API is away (default 2 minutes). */
  finishTimeoutMs?: number;
  /** How long init() keeps trying to reach the API before it gives up (default 30 s). */
  initTimeoutMs?: number;
  /** Where the SDK's warnings go (default console.warn). */
  warn?: (message: string) => void;
  /** The fetch to send requests with (default: the global fetch); tests and proxies pass their own. */
  fetch?: FetchLike;
  /** Sends a batch at least this often (default 1 s). */
  flushIntervalMs?: number;
  /** Points per request, and the count that sends a batch at once (default 500). */
  batchPoints?: number;
  /**
   * Node only: 'offline' (or ATELIER_MODE=offline) writes the run to a local folder as JSON lines
   * instead of sending it; `atelier sync <folder>` uploads it later.
   */
  mode?: 'online' | 'offline';
  /** Where offline runs are written (default ATELIER_OFFLINE_DIR, else ./atelier-offline). */
  offlineDir?: string;
}

/** What the environment says (ATELIER_URL, ATELIER_TOKEN, ATELIER_PROJECT, the saved login): the Node entry fills it. */
export interface Defaults {
  url?: string;
  token?: string;
  project?: string;
}

const warnToConsole = (message: string) => console.warn(message);

/** Retries a network or 5xx failure with back-off until `timeoutMs`; a refusal throws at once. */
async function patiently<T>(timeoutMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const wait = retryDelayMs(tries);
      if (!(error instanceof AtelierError) || !error.retryable || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Where a run's calls go, and the address of a run's page there. */
export type Connect = (options: InitOptions, defaults: Defaults) => Promise<{ transport: Transport; pageOf: (runId: string) => string }>;

/** The API, found at the URL (or the web app's /api), retried until initTimeoutMs. */
export const connectOnline: Connect = async (options, defaults) => {
  const url = options.url ?? defaults.url ?? DEFAULT_URL;
  const { apiUrl, webUrl } = await patiently(options.initTimeoutMs ?? 30_000, () => locateApi(url, options.fetch)).catch(
    (error: unknown) => {
      throw error instanceof AtelierError
        ? new AtelierError(`${error.message}; check ATELIER_URL or the url given to init()`, error.kind)
        : error;
    },
  );
  return {
    transport: httpTransport({ apiUrl, token: options.token ?? defaults.token, fetch: options.fetch }),
    pageOf: (runId) => `${webUrl ?? apiUrl}/runs/${runId}`,
  };
};

/**
 * Starts a run: finds the API, creates the run (queued until it first logs) and returns it.
 * Unlike the run's methods, init() does throw — before training starts — when the API cannot be
 * reached within initTimeoutMs or refuses the run (an invalid experiment name), with a message
 * saying which.
 */
export async function initRun(
  options: InitOptions,
  defaults: Defaults = {},
  connect: Connect = connectOnline,
): Promise<{ run: Run; transport: Transport }> {
  const warn = options.warn ?? warnToConsole;
  const timeoutMs = options.initTimeoutMs ?? 30_000;
  const { transport, pageOf } = await connect(options, defaults);
  const project = options.project ?? defaults.project;
  const { params, issues } = normalizeParams({ ...(options.config ?? {}) });
  for (const issue of issues) warn(`atelier: parameter ${issue.path.replace(/^params\./, '')} ${issue.message}; it is not logged`);
  const detail = await patiently(timeoutMs, () =>
    transport.createRun({
      ...(project !== undefined ? { project } : {}),
      experiment: options.experiment,
      name: options.name,
      params,
      tags: options.tags ? { ...options.tags } : undefined,
      notes: options.notes,
    }),
  );
  const run = new Run(detail, {
    transport,
    url: pageOf(detail.id),
    warn,
    finishTimeoutMs: options.finishTimeoutMs ?? 120_000,
    flushIntervalMs: options.flushIntervalMs,
    batchPoints: options.batchPoints,
  });
  return { run, transport };
}
