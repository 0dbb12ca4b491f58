import {
  ZApiError,
  ZArchitectureLayout,
  ZArchitectureSummary,
  ZComparison,
  ZLeaderboard,
  ZModelArtifactList,
  ZPrediction,
  ZRefitQueued,
  ZTrialEvaluations,
  ZTrialTable,
  type TArchitectureLayout,
  type TArchitectureSummaryRequest,
  type TComparison,
  type TCreateArchitectureRequest,
  type TLeaderboard,
  type TModelArtifactList,
  type TPrediction,
  type TRefitQueued,
  type TTrialEvaluations,
  type TTrialTable,
  type TTrialTableQueryInput,
  ZAnyExperimentDetail,
  ZDatasetSummary,
  ZExperimentDetail,
  ZExperimentList,
  ZExperimentMetrics,
  ZExperimentOverview,
  ZExperimentPlan,
  ZFoldMetrics,
  ZTrial,
  type TAnyExperimentDetail,
  type TApiError,
  type TArchitectureSummary,
  type TCreateExperimentRequest,
  type TDatasetSummary,
  type TExperimentDetail,
  type TExperimentList,
  type TExperimentListQueryInput,
  type TExperimentMetrics,
  type TExperimentOverview,
  type TExperimentPlan,
  type TFoldMetrics,
  type TTrial,
  ZRunArtifact,
  ZRunDetail,
  ZRunList,
  ZRunListQuery,
  ZRunMetrics,
  type TRunArtifact,
  type TRunDetail,
  type TRunList,
  type TRunMetrics,
  type TUpdateExperimentRequest,
  type TUpdateRunRequest,
} from '@atelier/domain';
import { z } from 'zod';

/**
 * The one place where wire data becomes domain types: every response is parsed with the
 * shared schemas, so a contract drift fails loudly here instead of deep inside a component.
 */

/** Answer of POST /experiments/plan. Local until the API publishes it in @atelier/domain. */
export type { TExperimentPlan };

/** GET /runs: which runs, in what order, from where (the cursor of the previous page). */
export type TRunListQueryInput = z.input<typeof ZRunListQuery>;

/** GET /runs/:id/metrics: some keys only, and at most `points` points per series (the API keeps the shape, min and max). */
export interface RunMetricsOptions {
  keys?: readonly string[];
  points?: number;
}

const ZRunArtifactItems = z.object({ items: z.array(ZRunArtifact) });

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: TApiError['issues'];
  /** A runs filter or sort that does not parse: the 0-based offset of the problem in it. */
  readonly position: number | null;

  constructor(status: number, body: Pick<TApiError, 'error' | 'message' | 'issues'> & { position?: number | null }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error;
    this.issues = body.issues;
    this.position = body.position ?? null;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export interface ApiClient {
  listDatasets(): Promise<TDatasetSummary[]>;
  listArchitectures(): Promise<TArchitectureSummary[]>;
  /** A page of experiments, sorted and filtered by the API. */
  listExperiments(query?: TExperimentListQueryInput): Promise<TExperimentList>;
  /** A search or a tracked experiment in full (`kind` tells them apart). */
  getExperiment(id: string): Promise<TAnyExperimentDetail>;
  /** Name, description, notes, or tags (merged: null removes one) of an experiment of either kind (PATCH /experiments/:id). */
  updateExperiment(id: string, patch: TUpdateExperimentRequest): Promise<TAnyExperimentDetail>;
  /** What the experiment page shows, bounded whatever the number of trials. */
  getExperimentOverview(id: string): Promise<TExperimentOverview>;
  /** Epoch curves of the given trial numbers (at most 200), or of every trial when none are given. */
  getExperimentMetrics(id: string, trialNumbers?: readonly number[]): Promise<TExperimentMetrics>;
  planExperiment(request: TCreateExperimentRequest): Promise<TExperimentPlan>;
  createExperiment(request: TCreateExperimentRequest): Promise<TExperimentDetail>;
  cancelExperiment(id: string): Promise<TExperimentDetail | null>;
  getTrial(id: string): Promise<TTrial>;
  getFoldMetrics(trialId: string, fold: number): Promise<TFoldMetrics>;
  pauseExperiment(id: string): Promise<TExperimentDetail>;
  resumeExperiment(id: string): Promise<TExperimentDetail>;
  listTrials(experimentId: string, query?: TTrialTableQueryInput): Promise<TTrialTable>;
  /** The best `limit` scored trials (the API's default: 100) and the importance over all of them. */
  /** `rung`: ASHA only, the rung whose scores the view (importance, parallel coordinates) uses. */
  getLeaderboard(experimentId: string, options?: { limit?: number; rung?: number | null }): Promise<TLeaderboard>;
  compareTrials(trialIds: readonly string[]): Promise<TComparison>;
  getTrialEvaluations(trialId: string): Promise<TTrialEvaluations>;
  listTrialModels(trialId: string): Promise<TModelArtifactList>;
  refitTrial(trialId: string): Promise<TRefitQueued>;
  /** Refits the best trial so far of a search that no longer trains (paused, cancelled, failed). */
  refitExperiment(experimentId: string): Promise<TRefitQueued>;
  /** A PNG file (multipart) or 784 grayscale pixels 0..255 (JSON). */
  predict(modelId: string, input: { png: Blob } | { pixels: number[] }): Promise<TPrediction>;
  summarizeArchitecture(request: TArchitectureSummaryRequest): Promise<TArchitectureLayout>;
  createArchitecture(request: TCreateArchitectureRequest): Promise<TArchitectureSummary>;
  /** A page of runs, filtered and sorted by the API (the filter language of GET /runs); `nextCursor` continues it. */
  listRuns(query?: TRunListQueryInput): Promise<TRunList>;
  getRun(id: string): Promise<TRunDetail>;
  getRunMetrics(id: string, options?: RunMetricsOptions): Promise<TRunMetrics>;
  /** Name, notes, tags, or the end of a run (PATCH /runs/:id). */
  updateRun(id: string, patch: TUpdateRunRequest): Promise<TRunDetail>;
  listRunArtifacts(id: string): Promise<TRunArtifact[]>;
}

/** Query string of a list route (experiments, trials table, CSV export): lists joined with commas, empty values left out. */
export function listSearch(query: TTrialTableQueryInput | TExperimentListQueryInput = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text !== '') params.set(key, text);
  }
  return params.toString();
}

/** Same-origin links the browser follows itself (downloads), through the proxy. */
export const downloadUrls = {
  model: (modelId: string) => `/api/models/${encodeURIComponent(modelId)}/download`,
  trialsCsv: (experimentId: string, query: TTrialTableQueryInput = {}) => {
    const { limit: _limit, offset: _offset, ...filters } = query;
    const qs = listSearch(filters);
    return `/api/experiments/${encodeURIComponent(experimentId)}/trials.csv${qs ? `?${qs}` : ''}`;
  },
  datasetImage: (datasetKey: string, split: 'train' | 'test', index: number) =>
    `/api/datasets/${encodeURIComponent(datasetKey)}/images/${split}/${index}.png`,
  runArtifact: (runId: string, artifactId: string) => `/api/runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(artifactId)}`,
};

/** Query string of GET /runs: empty values left out. */
export function runListSearch(query: TRunListQueryInput = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: fall through to a generic message
  }
  const parsed = ZApiError.safeParse(json);
  if (parsed.success) {
    // the runs list's 400 says where its filter went wrong, beside the usual fields
    const position = (json as { position?: unknown }).position;
    return new ApiError(response.status, { ...parsed.data, position: Number.isInteger(position) ? (position as number) : null });
  }
  return new ApiError(response.status, {
    error: `http_${response.status}`,
    message: `The API answered ${response.status} ${response.statusText}`.trim() + (text && text.length < 300 ? `: ${text}` : ''),
  });
}

function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
  throw new ApiError(502, { error: 'invalid_response', message: `The API sent ${what} this app cannot read${where}` });
}

/**
 * @param baseUrl API root: the API itself on the server, `/api` (the proxy) in the browser.
 */
export function createApiClient(baseUrl: string, fetchImpl: FetchLike = (input, init) => fetch(input, init)): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function request<T>(path: string, schema: z.ZodType<T>, what: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${root}${path}`, {
        cache: 'no-store',
        ...init,
        headers: {
          accept: 'application/json',
          // FormData sets its own multipart content type with the boundary
          ...(init?.body && !(init.body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
          ...init?.headers,
        },
      });
    } catch (cause) {
      // undici hides the reason (ECONNREFUSED, DNS…) one level down
      const reason = (cause as Error & { cause?: Error }).cause?.message || (cause as Error).message || 'network error';
      throw new ApiError(503, { error: 'api_unreachable', message: `Cannot reach the Atelier API at ${root} (${reason})` });
    }
    if (!response.ok) throw await errorFrom(response);
    if (response.status === 204) return parseOrThrow(schema, null, what);
    const data: unknown = await response.json().catch(() => {
      throw new ApiError(502, { error: 'invalid_response', message: `The API sent ${what} that is not JSON` });
    });
    return parseOrThrow(schema, data, what);
  }

  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
  const run = (id: string) => `/runs/${encodeURIComponent(id)}`;

  return {
    listDatasets: () => request('/datasets', z.array(ZDatasetSummary), 'a dataset list'),
    listArchitectures: () => request('/architectures', z.array(ZArchitectureSummary), 'an architecture list'),
    listExperiments: (query = {}) => {
      const qs = listSearch(query);
      return request(`/experiments${qs ? `?${qs}` : ''}`, ZExperimentList, 'an experiment list');
    },
    getExperiment: (id) => request(`/experiments/${encodeURIComponent(id)}`, ZAnyExperimentDetail, 'an experiment'),
    updateExperiment: (id, patch) =>
      request(`/experiments/${encodeURIComponent(id)}`, ZAnyExperimentDetail, 'an experiment', { method: 'PATCH', body: JSON.stringify(patch) }),
    getExperimentOverview: (id) => request(`/experiments/${encodeURIComponent(id)}/overview`, ZExperimentOverview, 'an experiment overview'),
    getExperimentMetrics: (id, trialNumbers) => {
      const qs = trialNumbers ? `?trials=${trialNumbers.join(',')}` : '';
      return request(`/experiments/${encodeURIComponent(id)}/metrics${qs}`, ZExperimentMetrics, 'experiment metrics');
    },
    planExperiment: (body) => request('/experiments/plan', ZExperimentPlan, 'a plan', post(body)),
    createExperiment: (body) => request('/experiments', ZExperimentDetail, 'an experiment', post(body)),
    cancelExperiment: (id) =>
      request(`/experiments/${encodeURIComponent(id)}/cancel`, ZExperimentDetail.nullable().catch(null), 'an experiment', post({})),
    getTrial: (id) => request(`/trials/${encodeURIComponent(id)}`, ZTrial, 'a trial'),
    getFoldMetrics: (trialId, fold) =>
      request(`/trials/${encodeURIComponent(trialId)}/folds/${fold}/metrics`, ZFoldMetrics, 'fold metrics'),
    pauseExperiment: (id) => request(`/experiments/${encodeURIComponent(id)}/pause`, ZExperimentDetail, 'an experiment', post({})),
    resumeExperiment: (id) => request(`/experiments/${encodeURIComponent(id)}/resume`, ZExperimentDetail, 'an experiment', post({})),
    listTrials: (experimentId, query = {}) => {
      const qs = listSearch(query);
      return request(`/experiments/${encodeURIComponent(experimentId)}/trials${qs ? `?${qs}` : ''}`, ZTrialTable, 'a trials page');
    },
    getLeaderboard: (experimentId, options = {}) => {
      const qs = new URLSearchParams();
      if (options.limit) qs.set('limit', String(options.limit));
      if (options.rung !== undefined && options.rung !== null) qs.set('rung', String(options.rung));
      const search = qs.toString();
      return request(`/experiments/${encodeURIComponent(experimentId)}/leaderboard${search ? `?${search}` : ''}`, ZLeaderboard, 'a leaderboard');
    },
    compareTrials: (trialIds) =>
      request(`/compare?trials=${trialIds.map(encodeURIComponent).join(',')}`, ZComparison, 'a comparison'),
    getTrialEvaluations: (trialId) => request(`/trials/${encodeURIComponent(trialId)}/evaluations`, ZTrialEvaluations, 'evaluations'),
    listTrialModels: (trialId) => request(`/trials/${encodeURIComponent(trialId)}/models`, ZModelArtifactList, 'a model list'),
    refitTrial: (trialId) => request(`/trials/${encodeURIComponent(trialId)}/refit`, ZRefitQueued, 'a refit', post({})),
    refitExperiment: (experimentId) => request(`/experiments/${encodeURIComponent(experimentId)}/refit`, ZRefitQueued, 'a refit', post({})),
    predict: (modelId, input) => {
      const path = `/models/${encodeURIComponent(modelId)}/predict`;
      if ('pixels' in input) return request(path, ZPrediction, 'a prediction', post({ pixels: input.pixels, scale: '0-255' }));
      const form = new FormData();
      form.append('image', input.png, 'image.png');
      return request(path, ZPrediction, 'a prediction', { method: 'POST', body: form });
    },
    summarizeArchitecture: (body) => request('/architectures/summary', ZArchitectureLayout, 'an architecture summary', post(body)),
    createArchitecture: (body) => request('/architectures', ZArchitectureSummary, 'an architecture', post(body)),
    listRuns: (query = {}) => {
      const qs = runListSearch(query);
      return request(`/runs${qs ? `?${qs}` : ''}`, ZRunList, 'a runs page');
    },
    getRun: (id) => request(run(id), ZRunDetail, 'a run'),
    getRunMetrics: (id, options = {}) => {
      const qs = new URLSearchParams();
      if (options.keys?.length) qs.set('keys', options.keys.join(','));
      if (options.points) qs.set('points', String(options.points));
      const search = qs.toString();
      return request(`${run(id)}/metrics${search ? `?${search}` : ''}`, ZRunMetrics, 'run metrics');
    },
    updateRun: (id, patch) => request(run(id), ZRunDetail, 'a run', { method: 'PATCH', body: JSON.stringify(patch) }),
    listRunArtifacts: async (id) => (await request(`${run(id)}/artifacts`, ZRunArtifactItems, 'an artifact list')).items,
  };
}

/** Client for browser code: same-origin, through the Next.js proxy route. */
export const browserApi: ApiClient = createApiClient('/api');

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
