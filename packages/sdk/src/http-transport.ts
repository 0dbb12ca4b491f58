import { ApiError, createAtelierClient } from '@atelier/client';
import { AtelierError, failureKindOf } from './errors.js';
import type { Transport } from './transport.js';

/** A fetch that takes a Request: the global fetch, or a test's or proxy's stand-in. */
export type FetchLike = (input: Request) => Promise<Response>;

export interface HttpTransportOptions {
  /** The API's base URL (http://localhost:3001, or a web app's /api). */
  apiUrl: string;
  token?: string;
  fetch?: FetchLike;
  /** A request that has not answered after this long counts as a network error (and is retried). */
  timeoutMs?: number;
}

/** An API error as one line: its message, and the fields it names when the message does not. */
export function apiErrorText(error: ApiError): string {
  const issues = error.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return issues && !error.message.includes(issues) ? `${error.message} (${issues})` : error.message;
}

/** The client's error, sorted the way the SDK retries: network, unavailable (5xx, 429, 408) or refused. */
export function toAtelierError(error: unknown): AtelierError {
  if (error instanceof AtelierError) return error;
  if (error instanceof ApiError) {
    return new AtelierError(
      apiErrorText(error),
      error.kind === 'network' ? 'network' : failureKindOf(error.status),
      error.kind === 'network' ? undefined : error.status,
    );
  }
  return new AtelierError(error instanceof Error ? error.message : String(error), 'network');
}

/** The SDK's calls through @atelier/client (the API's one typed client), each with a timeout. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const fetchImpl: FetchLike = options.fetch ?? ((request) => fetch(request));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const client = createAtelierClient({
    baseUrl: options.apiUrl,
    token: options.token,
    fetch: (request) => fetchImpl(new Request(request, { signal: AbortSignal.timeout(timeoutMs) })),
  });
  async function call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toAtelierError(error);
    }
  }
  return {
    createRun: (body) => call(() => client.createRun(body)),
    log: async (runId, body) => {
      await call(() => client.logRun(runId, body));
    },
    updateRun: async (runId, body) => {
      await call(() => client.updateRun(runId, body));
    },
    uploadModel: (runId, upload) => call(() => client.uploadRunModel(runId, upload)),
    uploadArtifacts: async (runId, files, options) => {
      await call(() => client.logArtifacts(runId, files, options));
    },
    logEvaluation: (runId, body) => call(() => client.logRunEvaluation(runId, body)),
  };
}

/**
 * Where the API answers, given the URL a user has: the API itself (http://host:3001) or the web
 * app, which serves the API under /api (http://host:3000). Returns the API's base and, when it
 * is the web app's, the web app's URL (for links to a run's page).
 */
export async function locateApi(
  url: string,
  fetchImpl: FetchLike = (request) => fetch(request),
): Promise<{ apiUrl: string; webUrl: string | undefined }> {
  const base = url.replace(/\/+$/, '');
  const candidates = base.endsWith('/api')
    ? [{ apiUrl: base, webUrl: base.slice(0, -4) }]
    : [
        { apiUrl: base, webUrl: undefined },
        { apiUrl: `${base}/api`, webUrl: base },
      ];
  let lastProblem = '';
  for (const candidate of candidates) {
    try {
      const response = await fetchImpl(
        new Request(`${candidate.apiUrl}/health/live`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) }),
      );
      const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
      if (response.ok && body?.status === 'ok') return candidate;
      lastProblem = `${candidate.apiUrl}/health/live answered HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    }
  }
  throw new AtelierError(`no Atelier API at ${base} (${lastProblem})`, 'network');
}
