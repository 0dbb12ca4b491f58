import {
  createAtelierClient,
  createDownloadUrls,
  listSearch as clientListSearch,
  type AtelierClient,
  type TRunListQueryInput,
} from '@atelier/client';
import type { TExperimentListQueryInput, TExperimentPlan, TTrialTableQueryInput } from '@atelier/domain';
import { browserFetch } from './auth-client';

/**
 * The web's side of @atelier/client, the one typed client of the API (server components and the
 * browser share it): it turns wire data into domain types in one place, so a contract drift
 * fails loudly there instead of deep inside a component.
 */

export { ApiError, isApiError } from '@atelier/client';
export type { RunMetricsOptions, TRunListQueryInput } from '@atelier/client';
/** Answer of POST /experiments/plan. */
export type { TExperimentPlan };

/** The calls the experiments, trials, runs, models and architectures pages make. */
export type ApiClient = Pick<
  AtelierClient,
  | 'listDatasets'
  | 'listArchitectures'
  | 'listExperiments'
  | 'getExperiment'
  | 'updateExperiment'
  | 'getExperimentOverview'
  | 'getExperimentMetrics'
  | 'planExperiment'
  | 'createExperiment'
  | 'cancelExperiment'
  | 'getTrial'
  | 'getFoldMetrics'
  | 'pauseExperiment'
  | 'resumeExperiment'
  | 'listTrials'
  | 'getLeaderboard'
  | 'compareTrials'
  | 'getTrialEvaluations'
  | 'listTrialModels'
  | 'refitTrial'
  | 'refitExperiment'
  | 'predict'
  | 'summarizeArchitecture'
  | 'createArchitecture'
  | 'listRuns'
  | 'getRun'
  | 'getRunMetrics'
  | 'updateRun'
  | 'listRunArtifacts'
  | 'getRunEvaluations'
  | 'archive'
  | 'unarchive'
  | 'moveToTrash'
  | 'listTrash'
  | 'getUsage'
  | 'restoreFromTrash'
  | 'purgeFromTrash'
  | 'listRegisteredModels'
  | 'createRegisteredModel'
  | 'getRegisteredModel'
  | 'registerModelVersion'
  | 'setModelAlias'
  | 'predictByReference'
>;

/** Query string of a list route (experiments, trials table, CSV export): lists joined with commas, empty values left out. */
export function listSearch(query: TTrialTableQueryInput | TExperimentListQueryInput = {}): string {
  return clientListSearch(query);
}

/** Query string of GET /runs: empty values left out. */
export function runListSearch(query: TRunListQueryInput = {}): string {
  return clientListSearch(query);
}

/** Same-origin links the browser follows itself (downloads), through the proxy. */
export const downloadUrls = createDownloadUrls('/api');

/**
 * @param baseUrl API root: the API itself on the server, `/api` (the proxy) in the browser.
 * @param fetchImpl tests: answers each Request instead of the network.
 */
export function createApiClient(baseUrl: string, fetchImpl?: (request: Request) => Promise<Response>): AtelierClient {
  return createAtelierClient({ baseUrl, fetch: fetchImpl });
}

/**
 * Client for browser code: same-origin, through the Next.js proxy route, with the session cookie;
 * writes carry the CSRF header and a 401 leads to the sign-in page (lib/auth-client.ts).
 */
export const browserApi: AtelierClient = createApiClient('/api', browserFetch);
