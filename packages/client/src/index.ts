/**
 * @atelier/client: the one typed HTTP client of Atelier's API. See README.md for how its
 * types are generated from the API's OpenAPI document and how CI keeps them in step.
 */
export { ApiError, isApiError, type ApiErrorBody, type ApiErrorKind } from './api-error';
export {
  createAtelierClient,
  createDownloadUrls,
  listSearch,
  type ArtifactFile,
  type AtelierClient,
  type AtelierClientOptions,
  type DownloadUrls,
  type ImportResult,
  type RunMetricsOptions,
  type RunModelUpload,
  type SamplesQuery,
  type TRunListQueryInput,
} from './atelier-client';
export type { components, operations, paths } from './schema';
