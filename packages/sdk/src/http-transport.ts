import type { TCreateRunRequest, TLogRequest, TLogResponse, TRunArtifact, TRunArtifactList, TRunDetail, TUpdateRunRequest } from '@atelier/domain';
import { AtelierError, failureKindOf } from './errors.js';
import type { ModelUpload, Transport, UploadFile } from './transport.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  /** The API's base URL (http://localhost:3001, or a web app's /api). */
  apiUrl: string;
  token?: string;
  fetch?: FetchLike;
  /** A request that has not answered after this long counts as a network error (and is retried). */
  timeoutMs?: number;
}

/** What the API answers on an error: `{ statusCode, message, issues? }`. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; issues?: { path?: unknown; message?: unknown }[] };
    const issues = Array.isArray(body.issues) ? body.issues.map((issue) => `${String(issue.path)}: ${String(issue.message)}`).join('; ') : '';
    if (typeof body.message === 'string') return issues && !body.message.includes(issues) ? `${body.message} (${issues})` : body.message;
  } catch {
    // not JSON: a proxy's error page
  }
  return `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

/** The SDK's calls over fetch, each with a timeout, errors sorted into network / unavailable / refused. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const base = options.apiUrl.replace(/\/+$/, '');
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new AtelierError(`cannot reach Atelier at ${base} (${cause})`, 'network');
    }
    if (!response.ok) throw new AtelierError(await errorMessage(response), failureKindOf(response.status), response.status);
    return (await response.json()) as T;
  }

  return {
    createRun: (body: TCreateRunRequest) => request<TRunDetail>('POST', '/runs', body),
    log: (runId: string, body: TLogRequest) => request<TLogResponse>('POST', `/runs/${encodeURIComponent(runId)}/log`, body),
    updateRun: (runId: string, body: TUpdateRunRequest) => request<TRunDetail>('PATCH', `/runs/${encodeURIComponent(runId)}`, body),
    uploadModel(runId: string, upload: ModelUpload) {
      const form = new FormData();
      form.append('model.json', upload.modelJson, 'model.json');
      form.append('model.weights.bin', upload.weights, 'model.weights.bin');
      const query = new URLSearchParams();
      if (upload.name) query.set('name', upload.name);
      if (upload.dataset) query.set('dataset', upload.dataset);
      if (upload.overwrite) query.set('overwrite', 'true');
      const search = query.size > 0 ? `?${query}` : '';
      return request<TRunArtifact>('POST', `/runs/${encodeURIComponent(runId)}/model${search}`, form);
    },
    uploadArtifacts(runId: string, files: readonly UploadFile[], uploadOptions: { overwrite?: boolean } = {}) {
      const form = new FormData();
      for (const file of files) {
        // the path field names the file part that follows it
        form.append('path', file.name);
        form.append('file', file.data, file.name.split('/').pop());
      }
      const search = uploadOptions.overwrite ? '?overwrite=true' : '';
      return request<TRunArtifactList>('POST', `/runs/${encodeURIComponent(runId)}/artifacts${search}`, form);
    },
  };
}

/**
 * Where the API answers, given the URL a user has: the API itself (http://host:3001) or the web
 * app, which serves the API under /api (http://host:3000). Returns the API's base and, when it
 * is the web app's, the web app's URL (for links to a run's page).
 */
export async function locateApi(url: string, fetchImpl: FetchLike = (input, init) => fetch(input, init)): Promise<{ apiUrl: string; webUrl: string | undefined }> {
  const base = url.replace(/\/+$/, '');
  const candidates = base.endsWith('/api') ? [{ apiUrl: base, webUrl: base.slice(0, -4) }] : [{ apiUrl: base, webUrl: undefined }, { apiUrl: `${base}/api`, webUrl: base }];
  let lastProblem = '';
  for (const candidate of candidates) {
    try {
      const response = await fetchImpl(`${candidate.apiUrl}/health/live`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
      const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
      if (response.ok && body?.status === 'ok') return candidate;
      lastProblem = `${candidate.apiUrl}/health/live answered HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    }
  }
  throw new AtelierError(`no Atelier API at ${base} (${lastProblem}); check ATELIER_URL or the url given to init()`, 'network');
}
