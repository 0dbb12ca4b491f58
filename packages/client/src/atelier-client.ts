import {
  ZAnyExperimentDetail,
  ZLifecycleState,
  ZPurgeResult,
  ZProjectUsage,
  ZTrashList,
  type TLifecycleState,
  type TPurgeResult,
  type TTrashKind,
  type TProjectUsage,
  type TTrashList,
  ZArchitectureLayout,
  ZArchitectureSummary,
  ZComparison,
  ZDatasetCorrelation,
  ZDatasetDetail,
  ZDatasetImportNeedsConfirmation,
  ZDatasetMeanImages,
  ZDatasetSamples,
  ZDatasetSummary,
  ZExperimentDetail,
  ZExperimentList,
  ZExperimentMetrics,
  ZExperimentOverview,
  ZExperimentPlan,
  ZFoldMetrics,
  ZLeaderboard,
  ZLogResponse,
  ZModelArtifactList,
  ZModelAlias,
  ZModelAliasHistory,
  ZModelVersion,
  ZPrediction,
  ZRefitQueued,
  ZRegisteredModelDetail,
  ZRegisteredModelList,
  ZRegisteredModelSummary,
  ZRegisteredPrediction,
  ZRunArtifact,
  ZRunArtifactList,
  ZEvaluation,
  ZRunDetail,
  ZRunEvaluations,
  ZRunList,
  ZRunMetrics,
  ZTrial,
  ZTrialEvaluations,
  ZTrialTable,
  type TAnyExperimentDetail,
  type TArchitectureLayout,
  type TArchitectureSummary,
  type TArchitectureSummaryRequest,
  type TComparison,
  type TCreateArchitectureRequest,
  type TCreateExperimentRequest,
  type TCreateRunRequest,
  type TDatasetCorrelation,
  type TDatasetDetail,
  type TDatasetMeanImages,
  type TDatasetSamples,
  type TDatasetSplit,
  type TDatasetSummary,
  type TDatasetWarning,
  type TExperimentDetail,
  type TExperimentList,
  type TExperimentListQueryInput,
  type TExperimentMetrics,
  type TExperimentOverview,
  type TExperimentPlan,
  type TProjectQuery,
  type TFoldMetrics,
  type TLeaderboard,
  type TEvaluation,
  type TLogEvaluationRequest,
  type TLogRequest,
  type TRunEvaluations,
  type TLogResponse,
  type TModelArtifactList,
  type TCreateModelVersionRequest,
  type TCreateRegisteredModelRequest,
  type TModelAlias,
  type TModelAliasHistory,
  type TModelReference,
  type TModelVersion,
  type TPrediction,
  type TRefitQueued,
  type TRegisteredModelDetail,
  type TRegisteredModelList,
  type TRegisteredModelSummary,
  type TRegisteredPrediction,
  type TSetModelAliasRequest,
  type TRunArtifact,
  type TRunDetail,
  type TRunList,
  type TRunMetrics,
  type TTrial,
  type TTrialEvaluations,
  type TTrialTable,
  type TTrialTableQueryInput,
  type TUpdateExperimentRequest,
  type TUpdateRunRequest,
  type ZRunListQuery,
} from '@atelier/domain';
import createClient, { type Client } from 'openapi-fetch';
import type { z } from 'zod';
import { ApiError, errorFromResponse, invalidResponse, networkError } from './api-error';
import type { paths } from './schema';

/** GET /runs: which runs, in what order, from where (the cursor of the previous page). */
export type TRunListQueryInput = z.input<typeof ZRunListQuery>;

/** GET /runs/:id/metrics: some keys only, and at most `points` points per series (the API keeps the shape, min and max). */
export interface RunMetricsOptions {
  keys?: readonly string[];
  points?: number;
}

/** GET /datasets/:key/samples */
export interface SamplesQuery {
  split?: TDatasetSplit;
  count?: number;
  seed?: number;
  label?: number;
}

/** POST /datasets/import: stored, or held back until the warnings are acknowledged. */
export type ImportResult =
  { kind: 'imported'; dataset: TDatasetSummary } | { kind: 'needs-confirmation'; warnings: TDatasetWarning[]; message: string };

export interface RunModelUpload {
  /** model.json: the topology and a weightsManifest whose one group points at ./model.weights.bin. */
  modelJson: Blob;
  /** Every weight, concatenated in manifest order. */
  weights: Blob;
  /** The artifact's name within the run (default "model"). */
  name?: string;
  /** The dataset the model classifies (default: the run's `dataset` parameter). */
  dataset?: string;
  overwrite?: boolean;
}

export interface AtelierClientOptions {
  /** API root: the API itself on a server or in the SDK, `/api` (the web's proxy) in the browser. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Tests and runtimes without a global fetch. openapi-fetch calls it with one Request. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Every call the web, the SDK and the CLI make. Paths, parameters and bodies are checked at
 * compile time against the API's OpenAPI document (schema.ts); every answer is parsed with
 * the domain's zod schemas, so a contract drift fails here, loudly, as an ApiError.
 */
export interface AtelierClient {
  // experiments
  /** A page of experiments, sorted and filtered by the API. */
  listExperiments(query?: TExperimentListQueryInput): Promise<TExperimentList>;
  /** A search or a tracked experiment in full (`kind` tells them apart). */
  getExperiment(id: string): Promise<TAnyExperimentDetail>;
  /** Name, description, notes, or tags (merged: null removes one) of an experiment of either kind. */
  updateExperiment(id: string, patch: TUpdateExperimentRequest): Promise<TAnyExperimentDetail>;
  /** What the experiment page shows, bounded whatever the number of trials. */
  getExperimentOverview(id: string): Promise<TExperimentOverview>;
  /** Epoch curves of the given trial numbers (at most 200), or of every trial when none are given. */
  getExperimentMetrics(id: string, trialNumbers?: readonly number[]): Promise<TExperimentMetrics>;
  planExperiment(request: TCreateExperimentRequest): Promise<TExperimentPlan>;
  createExperiment(request: TCreateExperimentRequest): Promise<TExperimentDetail>;
  /** null when the API answers without a body (nothing left to cancel). */
  cancelExperiment(id: string): Promise<TExperimentDetail | null>;
  pauseExperiment(id: string): Promise<TExperimentDetail>;
  resumeExperiment(id: string): Promise<TExperimentDetail>;
  /** Refits the best trial so far of a search that no longer trains (paused, cancelled, failed). */
  refitExperiment(experimentId: string): Promise<TRefitQueued>;
  /** The best `limit` scored trials (the API's default: 100) and the importance over all of them; `rung`: ASHA only. */
  getLeaderboard(experimentId: string, options?: { limit?: number; rung?: number | null }): Promise<TLeaderboard>;
  // trials
  listTrials(experimentId: string, query?: TTrialTableQueryInput): Promise<TTrialTable>;
  getTrial(id: string): Promise<TTrial>;
  getFoldMetrics(trialId: string, fold: number): Promise<TFoldMetrics>;
  compareTrials(trialIds: readonly string[]): Promise<TComparison>;
  refitTrial(trialId: string): Promise<TRefitQueued>;
  // models and evaluations
  getTrialEvaluations(trialId: string): Promise<TTrialEvaluations>;
  listTrialModels(trialId: string): Promise<TModelArtifactList>;
  /** A PNG file (multipart) or 784 grayscale pixels 0..255 (JSON). */
  predict(modelId: string, input: { png: Blob } | { pixels: number[] }): Promise<TPrediction>;
  // model registry
  /** `project`: one project's models; none, every project's the caller can read. */
  listRegisteredModels(query?: TProjectQuery): Promise<TRegisteredModelList>;
  createRegisteredModel(request: TCreateRegisteredModelRequest): Promise<TRegisteredModelSummary>;
  // A name is unique within a project: every call by name takes `{ project }` (a slug, as a summary's
  // `project.slug`); without it the API looks in the token's project, else in 'default'.
  /** A registered model with its versions (newest first) and aliases. */
  getRegisteredModel(name: string, scope?: TProjectQuery): Promise<TRegisteredModelDetail>;
  /** Registers a stored model ({ modelId }) or a run's one model ({ runId }) as the next version. */
  registerModelVersion(name: string, request: TCreateModelVersionRequest, scope?: TProjectQuery): Promise<TModelVersion>;
  /** Points an alias at a version (creating or moving it). */
  setModelAlias(name: string, alias: string, request: TSetModelAliasRequest, scope?: TProjectQuery): Promise<TModelAlias>;
  deleteModelAlias(name: string, alias: string, scope?: TProjectQuery): Promise<void>;
  getModelAliasHistory(name: string, alias: string, scope?: TProjectQuery): Promise<TModelAliasHistory>;
  /** Classifies an image with `name@alias` or `name/version`. */
  predictByReference(
    reference: TModelReference,
    input: { png: Blob } | { pixels: number[] },
    scope?: TProjectQuery,
  ): Promise<TRegisteredPrediction>;
  // architectures
  /** The builtins and the custom architectures of `project` (none: of every project the caller can read). */
  listArchitectures(query?: TProjectQuery): Promise<TArchitectureSummary[]>;
  summarizeArchitecture(request: TArchitectureSummaryRequest): Promise<TArchitectureLayout>;
  createArchitecture(request: TCreateArchitectureRequest): Promise<TArchitectureSummary>;
  // runs
  /** A page of runs, filtered and sorted by the API (the filter language of GET /runs); `nextCursor` continues it. */
  listRuns(query?: TRunListQueryInput): Promise<TRunList>;
  /** A tracked run in an experiment (created as a tracked experiment if the name is new). */
  createRun(request: TCreateRunRequest): Promise<TRunDetail>;
  getRun(id: string): Promise<TRunDetail>;
  /** A batch of metric points, parameters and tags; a retried batch replaces itself. */
  logRun(id: string, batch: TLogRequest): Promise<TLogResponse>;
  /** Name, notes, tags, or the end of a run (PATCH /runs/:id). */
  updateRun(id: string, patch: TUpdateRunRequest): Promise<TRunDetail>;
  getRunMetrics(id: string, options?: RunMetricsOptions): Promise<TRunMetrics>;
  listRunArtifacts(id: string): Promise<TRunArtifact[]>;
  /** A confusion matrix logged from code: the run's evaluation of its split, scored by the API (POST /runs/:id/evaluations). */
  logRunEvaluation(id: string, request: TLogEvaluationRequest): Promise<TEvaluation>;
  /** A run's evaluations: a search trial's, or those logged from code. */
  getRunEvaluations(id: string): Promise<TRunEvaluations>;
  /**
   * Stores files under a run, all or nothing, named by relative path ("plots/roc.png"). A name the
   * run has already is a 409 unless `overwrite`.
   */
  logArtifacts(id: string, files: readonly ArtifactFile[], options?: { overwrite?: boolean }): Promise<TRunArtifact[]>;
  /** A TF.js layers model as tf.io.http sends it (POST /runs/:id/model), stored as a model artifact of the run. */
  uploadRunModel(id: string, upload: RunModelUpload): Promise<TRunArtifact>;
  // lifecycle: archive (out of the default lists), delete to the trash, restore, purge for good
  archive(kind: TTrashKind, id: string): Promise<TLifecycleState>;
  unarchive(kind: TTrashKind, id: string): Promise<TLifecycleState>;
  /** DELETE /experiments/:id or /runs/:id: to the trash (a running search is cancelled first). */
  moveToTrash(kind: TTrashKind, id: string): Promise<TLifecycleState>;
  /** `project`: one project's trash; none, every project's the caller can read. */
  listTrash(query?: TProjectQuery): Promise<TTrashList>;
  /** What the project stores, and what purging the trash would free (none: the token's project, else 'default'). */
  getUsage(query?: TProjectQuery): Promise<TProjectUsage>;
  restoreFromTrash(kind: TTrashKind, id: string): Promise<TLifecycleState>;
  /** Rows and files removed; cannot be undone (a restore then answers 410). */
  purgeFromTrash(kind: TTrashKind, id: string): Promise<TPurgeResult>;
  // datasets
  /** The builtins and the datasets of `project` (none: of every project the caller can read). */
  listDatasets(query?: TProjectQuery): Promise<TDatasetSummary[]>;
  getDataset(key: string): Promise<TDatasetDetail>;
  getMeanImages(key: string): Promise<TDatasetMeanImages>;
  getCorrelation(key: string): Promise<TDatasetCorrelation>;
  getSamples(key: string, query: SamplesQuery): Promise<TDatasetSamples>;
  /**
   * multipart/form-data as the import form builds it (see POST /datasets/import). A dataset with
   * data-quality warnings is not stored until the form is sent again with acknowledgeWarnings=true. `project`: the project it is
   * imported in (?project=; none: the token's project, else 'default').
   */
  importDataset(form: FormData, query?: TProjectQuery): Promise<ImportResult>;
  /** Links to files the caller downloads itself (a browser follows them; the CLI streams them). */
  readonly downloadUrls: DownloadUrls;
  /** Fetches a link of `downloadUrls` with this client's token: the answer, its body unread, or an ApiError. */
  download(url: string): Promise<Response>;
  /** The openapi-fetch client underneath, for a route this interface does not cover yet. */
  readonly raw: Client<paths>;
}

/** One file of POST /runs/:id/artifacts: its artifact name within the run, and its bytes. */
export interface ArtifactFile {
  path: string;
  content: Blob;
}

export interface DownloadUrls {
  /** The TF.js export zip (model.json, weights.bin, model card). */
  model(modelId: string): string;
  /** The same model as one .onnx file, its card in metadata_props. */
  onnxModel(modelId: string): string;
  modelCard(modelId: string): string;
  /** The zip of `name@alias` or `name/version` (of `scope.project`; none: the API's default project). */
  registeredModel(reference: TModelReference, scope?: TProjectQuery): string;
  trialsCsv(experimentId: string, query?: TTrialTableQueryInput): string;
  datasetImage(datasetKey: string, split: TDatasetSplit, index: number): string;
  runArtifact(runId: string, artifactId: string): string;
}

/**
 * Query string of a list route (experiments, trials table, runs, CSV export): lists joined with
 * commas (what the API's list parameters read), empty values left out.
 */
export function listSearch(query: object = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    const text = Array.isArray(value) ? value.map((item) => queryText(item)).join(',') : queryText(value);
    if (text !== '') params.set(key, text);
  }
  return params.toString();
}

/** A query value as text; '' for what a query leaves out (undefined, null, objects). */
function queryText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function createDownloadUrls(baseUrl: string): DownloadUrls {
  const root = baseUrl.replace(/\/+$/, '');
  const e = encodeURIComponent;
  return {
    model: (modelId) => `${root}/models/${e(modelId)}/download`,
    onnxModel: (modelId) => `${root}/models/${e(modelId)}/model.onnx`,
    modelCard: (modelId) => `${root}/models/${e(modelId)}/model-card.json`,
    registeredModel: (reference, scope = {}) => {
      const qs = listSearch(scope);
      return `${root}/registered-models/${referencePath(reference)}/download${qs ? `?${qs}` : ''}`;
    },
    trialsCsv: (experimentId, query = {}) => {
      // the export is every matching row: paging does not apply
      const { limit: _limit, offset: _offset, ...filters } = query;
      const qs = listSearch(filters);
      return `${root}/experiments/${e(experimentId)}/trials.csv${qs ? `?${qs}` : ''}`;
    },
    datasetImage: (datasetKey, split, index) => `${root}/datasets/${e(datasetKey)}/images/${split}/${index}.png`,
    runArtifact: (runId, artifactId) => `${root}/runs/${e(runId)}/artifacts/${e(artifactId)}`,
  };
}

/** `name/aliases/alias` or `name/versions/3`: where a reference's routes live. */
function referencePath(reference: TModelReference): string {
  const e = encodeURIComponent;
  return reference.alias !== undefined
    ? `${e(reference.name)}/aliases/${e(reference.alias)}`
    : `${e(reference.name)}/versions/${reference.version}`;
}

/**
 * The wire type of POST /experiments (and /experiments/plan). TCreateExperimentRequest describes
 * the same JSON, but zod types a coerced field (`z.coerce.number()`) as `unknown` on input, which
 * the wire type does not accept; the API parses the body again with the same schema.
 */
type CreateExperimentBody = NonNullable<paths['/experiments']['post']['requestBody']>['content']['application/json'];

/** What openapi-fetch resolves to, for any route. */
interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** An error answer as openapi-fetch reads one: its JSON, or its text when it is not JSON (errorFromResponse quotes it). */
async function errorBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createAtelierClient(options: AtelierClientOptions): AtelierClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const raw = createClient<paths>({
    baseUrl,
    fetch: fetchImpl,
    headers,
    // answers are live data: never from a cache (Next's fetch caches by default on the server)
    cache: 'no-store',
    // `status=running,queued`: the form every list parameter of the API reads
    querySerializer: { array: { style: 'form', explode: false } },
  });

  /** Awaits one call: its outcome, or the ApiError of a call that got no readable answer. */
  async function send(call: () => Promise<FetchResult>, what: string): Promise<FetchResult> {
    try {
      return await call();
    } catch (cause) {
      if (cause instanceof ApiError) throw cause;
      // openapi-fetch parses a 2xx body as JSON: a SyntaxError means the answer was something else
      if (cause instanceof SyntaxError) throw invalidResponse(what, 'that is not JSON');
      throw networkError(baseUrl, cause);
    }
  }

  /** An answer as domain data, or its ApiError. */
  function parse<T>({ response, data, error }: FetchResult, schema: z.ZodType<T>, what: string): T {
    if (!response.ok) throw errorFromResponse(response, error);
    // a 204 has no body: openapi-fetch gives undefined, the schemas that allow it say null
    const parsed = schema.safeParse(data ?? null);
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    throw invalidResponse(what, `this client cannot read${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`);
  }

  const read = async <T>(call: () => Promise<FetchResult>, schema: z.ZodType<T>, what: string): Promise<T> =>
    parse(await send(call, what), schema, what);

  /** multipart/form-data: the routes that take files are not described in the OpenAPI document. */
  async function postForm(path: string, form: FormData): Promise<FetchResult> {
    // no content-type: fetch sets multipart/form-data with its boundary
    const response = await fetchImpl(new Request(`${baseUrl}${path}`, { method: 'POST', body: form, headers, cache: 'no-store' }));
    if (!response.ok) return { error: await errorBody(response), response };
    // a SyntaxError here is an answer that is not JSON: send() reports it
    const text = await response.text();
    return { data: text ? (JSON.parse(text) as unknown) : undefined, response };
  }

  /** JSON to a path built at run time (a reference's route is one of two templates). */
  async function postJson(path: string, body: unknown): Promise<FetchResult> {
    const response = await fetchImpl(
      new Request(`${baseUrl}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { ...headers, 'content-type': 'application/json' },
        cache: 'no-store',
      }),
    );
    if (!response.ok) return { error: await errorBody(response), response };
    return { data: await response.json(), response };
  }

  const e = encodeURIComponent;
  const id = (value: string) => ({ params: { path: { id: value } } });
  // openapi-fetch leaves a key with an empty value in the URL: the API would refuse `q=`
  const compact = (query: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''));

  return {
    listExperiments: (query = {}) =>
      read(() => raw.GET('/experiments', { params: { query: compact(query) } }), ZExperimentList, 'an experiment list'),
    getExperiment: (experimentId) => read(() => raw.GET('/experiments/{id}', id(experimentId)), ZAnyExperimentDetail, 'an experiment'),
    updateExperiment: (experimentId, patch) =>
      read(() => raw.PATCH('/experiments/{id}', { ...id(experimentId), body: patch }), ZAnyExperimentDetail, 'an experiment'),
    getExperimentOverview: (experimentId) =>
      read(() => raw.GET('/experiments/{id}/overview', id(experimentId)), ZExperimentOverview, 'an experiment overview'),
    getExperimentMetrics: (experimentId, trialNumbers) =>
      read(
        () =>
          raw.GET('/experiments/{id}/metrics', {
            params: { path: { id: experimentId }, query: trialNumbers ? { trials: trialNumbers.join(',') } : {} },
          }),
        ZExperimentMetrics,
        'experiment metrics',
      ),
    planExperiment: (body) => read(() => raw.POST('/experiments/plan', { body: body as CreateExperimentBody }), ZExperimentPlan, 'a plan'),
    createExperiment: (body) =>
      read(() => raw.POST('/experiments', { body: body as CreateExperimentBody }), ZExperimentDetail, 'an experiment'),
    cancelExperiment: (experimentId) =>
      read(() => raw.POST('/experiments/{id}/cancel', id(experimentId)), ZExperimentDetail.nullable(), 'an experiment'),
    pauseExperiment: (experimentId) =>
      read(() => raw.POST('/experiments/{id}/pause', id(experimentId)), ZExperimentDetail, 'an experiment'),
    resumeExperiment: (experimentId) =>
      read(() => raw.POST('/experiments/{id}/resume', id(experimentId)), ZExperimentDetail, 'an experiment'),
    refitExperiment: (experimentId) => read(() => raw.POST('/experiments/{id}/refit', id(experimentId)), ZRefitQueued, 'a refit'),
    getLeaderboard: (experimentId, { limit, rung } = {}) =>
      read(
        () =>
          raw.GET('/experiments/{id}/leaderboard', {
            params: { path: { id: experimentId }, query: compact({ limit: limit || undefined, rung }) },
          }),
        ZLeaderboard,
        'a leaderboard',
      ),

    listTrials: (experimentId, query = {}) =>
      read(
        () => raw.GET('/experiments/{id}/trials', { params: { path: { id: experimentId }, query: compact(query) } }),
        ZTrialTable,
        'a trials page',
      ),
    getTrial: (trialId) => read(() => raw.GET('/trials/{id}', id(trialId)), ZTrial, 'a trial'),
    getFoldMetrics: (trialId, fold) =>
      read(() => raw.GET('/trials/{id}/folds/{fold}/metrics', { params: { path: { id: trialId, fold } } }), ZFoldMetrics, 'fold metrics'),
    compareTrials: (trialIds) =>
      read(() => raw.GET('/compare', { params: { query: { trials: trialIds.join(',') } } }), ZComparison, 'a comparison'),
    refitTrial: (trialId) => read(() => raw.POST('/trials/{id}/refit', id(trialId)), ZRefitQueued, 'a refit'),

    getTrialEvaluations: (trialId) => read(() => raw.GET('/trials/{id}/evaluations', id(trialId)), ZTrialEvaluations, 'evaluations'),
    listTrialModels: (trialId) => read(() => raw.GET('/trials/{id}/models', id(trialId)), ZModelArtifactList, 'a model list'),
    predict: (modelId, input) => {
      if ('pixels' in input) {
        return read(
          () => raw.POST('/models/{id}/predict', { ...id(modelId), body: { pixels: input.pixels, scale: '0-255' } }),
          ZPrediction,
          'a prediction',
        );
      }
      const form = new FormData();
      form.append('image', input.png, 'image.png');
      return read(() => postForm(`/models/${e(modelId)}/predict`, form), ZPrediction, 'a prediction');
    },

    listRegisteredModels: (query = {}) =>
      read(() => raw.GET('/registered-models', { params: { query: compact(query) } }), ZRegisteredModelList, 'a registered model list'),
    createRegisteredModel: (body) => read(() => raw.POST('/registered-models', { body }), ZRegisteredModelSummary, 'a registered model'),
    getRegisteredModel: (name, scope = {}) =>
      read(
        () => raw.GET('/registered-models/{name}', { params: { path: { name }, query: compact(scope) } }),
        ZRegisteredModelDetail,
        'a registered model',
      ),
    registerModelVersion: (name, body, scope = {}) =>
      read(
        () => raw.POST('/registered-models/{name}/versions', { params: { path: { name }, query: compact(scope) }, body }),
        ZModelVersion,
        'a model version',
      ),
    setModelAlias: (name, alias, body, scope = {}) =>
      read(
        () => raw.PUT('/registered-models/{name}/aliases/{alias}', { params: { path: { name, alias }, query: compact(scope) }, body }),
        ZModelAlias,
        'a model alias',
      ),
    deleteModelAlias: async (name, alias, scope = {}) => {
      const result = await send(
        () => raw.DELETE('/registered-models/{name}/aliases/{alias}', { params: { path: { name, alias }, query: compact(scope) } }),
        'an alias deletion',
      );
      if (!result.response.ok) throw errorFromResponse(result.response, result.error);
    },
    getModelAliasHistory: (name, alias, scope = {}) =>
      read(
        () => raw.GET('/registered-models/{name}/aliases/{alias}/history', { params: { path: { name, alias }, query: compact(scope) } }),
        ZModelAliasHistory,
        'an alias history',
      ),
    predictByReference: (reference, input, scope = {}) => {
      const qs = listSearch(scope);
      const path = `/registered-models/${referencePath(reference)}/predict${qs ? `?${qs}` : ''}`;
      if ('pixels' in input)
        return read(() => postJson(path, { pixels: input.pixels, scale: '0-255' }), ZRegisteredPrediction, 'a prediction');
      const form = new FormData();
      form.append('image', input.png, 'image.png');
      return read(() => postForm(path, form), ZRegisteredPrediction, 'a prediction');
    },

    listArchitectures: (query = {}) =>
      read(() => raw.GET('/architectures', { params: { query: compact(query) } }), ZArchitectureSummary.array(), 'an architecture list'),
    summarizeArchitecture: (body) =>
      read(() => raw.POST('/architectures/summary', { body }), ZArchitectureLayout, 'an architecture summary'),
    createArchitecture: (body) => read(() => raw.POST('/architectures', { body }), ZArchitectureSummary, 'an architecture'),

    listRuns: (query = {}) => read(() => raw.GET('/runs', { params: { query: compact(query) } }), ZRunList, 'a runs page'),
    createRun: (body) => read(() => raw.POST('/runs', { body }), ZRunDetail, 'a run'),
    getRun: (runId) => read(() => raw.GET('/runs/{id}', id(runId)), ZRunDetail, 'a run'),
    logRun: (runId, body) => read(() => raw.POST('/runs/{id}/log', { ...id(runId), body }), ZLogResponse, 'a log receipt'),
    updateRun: (runId, body) => read(() => raw.PATCH('/runs/{id}', { ...id(runId), body }), ZRunDetail, 'a run'),
    getRunMetrics: (runId, { keys, points } = {}) =>
      read(
        () =>
          raw.GET('/runs/{id}/metrics', {
            params: {
              path: { id: runId },
              query: compact({ keys: keys?.length ? keys.join(',') : undefined, points: points || undefined }),
            },
          }),
        ZRunMetrics,
        'run metrics',
      ),
    logRunEvaluation: (runId, body) => read(() => raw.POST('/runs/{id}/evaluations', { ...id(runId), body }), ZEvaluation, 'an evaluation'),
    getRunEvaluations: (runId) => read(() => raw.GET('/runs/{id}/evaluations', id(runId)), ZRunEvaluations, 'evaluations'),
    listRunArtifacts: async (runId) =>
      (await read(() => raw.GET('/runs/{id}/artifacts', id(runId)), ZRunArtifactList, 'an artifact list')).items,
    logArtifacts: async (runId, files, { overwrite = false } = {}) => {
      const form = new FormData();
      for (const file of files) {
        // the API names each file by the `path` field sent just before it
        form.append('path', file.path);
        form.append('file', file.content, file.path.split('/').pop());
      }
      const path = `/runs/${e(runId)}/artifacts${overwrite ? '?overwrite=true' : ''}`;
      return (await read(() => postForm(path, form), ZRunArtifactList, 'an artifact list')).items;
    },
    uploadRunModel: (runId, upload) => {
      const form = new FormData();
      // the part names tf.io.http gives them
      form.append('model.json', upload.modelJson, 'model.json');
      form.append('model.weights.bin', upload.weights, 'model.weights.bin');
      const query = new URLSearchParams(
        compact({ name: upload.name, dataset: upload.dataset, overwrite: upload.overwrite ? 'true' : undefined }) as Record<string, string>,
      );
      const search = query.size > 0 ? `?${query.toString()}` : '';
      return read(() => postForm(`/runs/${e(runId)}/model${search}`, form), ZRunArtifact, 'a model artifact');
    },

    archive: (kind, itemId) =>
      read(
        () => (kind === 'experiment' ? raw.POST('/experiments/{id}/archive', id(itemId)) : raw.POST('/runs/{id}/archive', id(itemId))),
        ZLifecycleState,
        'a lifecycle state',
      ),
    unarchive: (kind, itemId) =>
      read(
        () => (kind === 'experiment' ? raw.POST('/experiments/{id}/unarchive', id(itemId)) : raw.POST('/runs/{id}/unarchive', id(itemId))),
        ZLifecycleState,
        'a lifecycle state',
      ),
    moveToTrash: (kind, itemId) =>
      read(
        () => (kind === 'experiment' ? raw.DELETE('/experiments/{id}', id(itemId)) : raw.DELETE('/runs/{id}', id(itemId))),
        ZLifecycleState,
        'a lifecycle state',
      ),
    listTrash: (query = {}) => read(() => raw.GET('/trash', { params: { query: compact(query) } }), ZTrashList, 'the trash'),
    getUsage: (query = {}) => read(() => raw.GET('/usage', { params: { query: compact(query) } }), ZProjectUsage, 'the storage usage'),
    restoreFromTrash: (kind, itemId) =>
      read(() => raw.POST('/trash/{kind}/{id}/restore', { params: { path: { kind, id: itemId } } }), ZLifecycleState, 'a lifecycle state'),
    purgeFromTrash: (kind, itemId) =>
      read(() => raw.DELETE('/trash/{kind}/{id}', { params: { path: { kind, id: itemId } } }), ZPurgeResult, 'a purge result'),

    listDatasets: (query = {}) =>
      read(() => raw.GET('/datasets', { params: { query: compact(query) } }), ZDatasetSummary.array(), 'a dataset list'),
    getDataset: (key) => read(() => raw.GET('/datasets/{key}', { params: { path: { key } } }), ZDatasetDetail, 'a dataset'),
    getMeanImages: (key) =>
      read(() => raw.GET('/datasets/{key}/mean-images', { params: { path: { key } } }), ZDatasetMeanImages, 'mean images'),
    getCorrelation: (key) =>
      read(() => raw.GET('/datasets/{key}/correlation', { params: { path: { key } } }), ZDatasetCorrelation, 'a correlation map'),
    getSamples: (key, query) =>
      read(() => raw.GET('/datasets/{key}/samples', { params: { path: { key }, query: compact(query) } }), ZDatasetSamples, 'samples'),
    importDataset: async (form, { project } = {}) => {
      const path = project ? `/datasets/import?project=${e(project)}` : '/datasets/import';
      const result = await send(() => postForm(path, form), 'a dataset');
      if (result.response.status === 422) {
        // the confirm step's answer, not a failure: the warnings to show before anything is stored
        const details = ZDatasetImportNeedsConfirmation.safeParse(result.error);
        if (details.success) return { kind: 'needs-confirmation', warnings: details.data.warnings, message: details.data.message };
      }
      return { kind: 'imported', dataset: parse(result, ZDatasetSummary, 'a dataset') };
    },

    downloadUrls: createDownloadUrls(baseUrl),
    download: async (url) => {
      const { accept: _json, ...auth } = headers;
      let response: Response;
      try {
        response = await fetchImpl(new Request(url, { headers: auth, cache: 'no-store' }));
      } catch (cause) {
        throw networkError(baseUrl, cause);
      }
      if (response.ok) return response;
      throw errorFromResponse(response, await errorBody(response));
    },
    raw,
  };
}

export { ApiError };
