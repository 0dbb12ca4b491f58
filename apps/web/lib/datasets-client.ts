import {
  ZApiError,
  ZDatasetCorrelation,
  ZDatasetDetail,
  ZDatasetImportNeedsConfirmation,
  ZDatasetMeanImages,
  ZDatasetSamples,
  ZDatasetSummary,
  type TDatasetCorrelation,
  type TDatasetDetail,
  type TDatasetMeanImages,
  type TDatasetSamples,
  type TDatasetSplit,
  type TDatasetSummary,
  type TDatasetWarning,
} from '@atelier/domain';
import type { z } from 'zod';
import { ApiError } from './api-client';

/**
 * The dataset explorer's calls: like api-client.ts, every answer is parsed with the shared
 * schemas here, so components only ever see domain types.
 */
export interface DatasetsClient {
  getDataset(key: string): Promise<TDatasetDetail>;
  getMeanImages(key: string): Promise<TDatasetMeanImages>;
  getCorrelation(key: string): Promise<TDatasetCorrelation>;
  getSamples(key: string, query: SamplesQuery): Promise<TDatasetSamples>;
  /**
   * multipart/form-data as the import form builds it (see POST /datasets/import). A dataset with
   * data-quality warnings is not stored until the form is sent again with acknowledgeWarnings=true.
   */
  importDataset(form: FormData): Promise<ImportResult>;
}

export type ImportResult = { kind: 'imported'; dataset: TDatasetSummary } | { kind: 'needs-confirmation'; warnings: TDatasetWarning[]; message: string };

export interface SamplesQuery {
  split?: TDatasetSplit;
  count?: number;
  seed?: number;
  label?: number;
}

/** Images in the explorer's sample grid: four rows of six on a laptop screen. */
export const SAMPLE_GRID_SIZE = 24;

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Where the browser gets one image: the same-origin proxy in front of the API's PNG route. */
export function datasetImageUrl(key: string, split: TDatasetSplit, index: number): string {
  return `/api/datasets/${encodeURIComponent(key)}/images/${split}/${index}.png`;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = ZApiError.safeParse(json);
  if (parsed.success) return new ApiError(response.status, parsed.data);
  // a proxy or a body-size limit in front of the API answers in its own words
  const message =
    response.status === 413
      ? 'The upload is too large for the server.'
      : `The API answered ${response.status} ${response.statusText}`.trim() + (text && text.length < 300 ? `: ${text}` : '');
  return new ApiError(response.status, { error: `http_${response.status}`, message });
}

export function createDatasetsClient(baseUrl: string, fetchImpl: FetchLike = (input, init) => fetch(input, init)): DatasetsClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function send(path: string, init?: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(`${root}${path}`, { cache: 'no-store', ...init, headers: { accept: 'application/json', ...init?.headers } });
    } catch (cause) {
      const reason = (cause as Error & { cause?: Error }).cause?.message || (cause as Error).message || 'network error';
      throw new ApiError(503, { error: 'api_unreachable', message: `Cannot reach the Atelier API at ${root} (${reason})` });
    }
  }

  async function read<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    if (!response.ok) throw await toApiError(response);
    const data: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const first = parsed.error.issues[0];
    throw new ApiError(502, {
      error: 'invalid_response',
      message: `The API sent ${what} this app cannot read${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`,
    });
  }

  const call = async <T>(path: string, schema: z.ZodType<T>, what: string, init?: RequestInit): Promise<T> => read(await send(path, init), schema, what);

  const key = (k: string) => `/datasets/${encodeURIComponent(k)}`;
  return {
    getDataset: (k) => call(key(k), ZDatasetDetail, 'a dataset'),
    getMeanImages: (k) => call(`${key(k)}/mean-images`, ZDatasetMeanImages, 'mean images'),
    getCorrelation: (k) => call(`${key(k)}/correlation`, ZDatasetCorrelation, 'a correlation map'),
    getSamples: (k, query) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
      return call(`${key(k)}/samples?${params}`, ZDatasetSamples, 'samples');
    },
    // no content-type header: the browser sets multipart/form-data with its boundary
    importDataset: async (form) => {
      const response = await send('/datasets/import', { method: 'POST', body: form });
      if (response.status === 422) {
        // the confirm step's answer, not a failure: the warnings to show before anything is stored
        const details = ZDatasetImportNeedsConfirmation.safeParse(await response.clone().json().catch(() => undefined));
        if (details.success) return { kind: 'needs-confirmation', warnings: details.data.warnings, message: details.data.message };
      }
      return { kind: 'imported', dataset: await read(response, ZDatasetSummary, 'a dataset') };
    },
  };
}

/** Browser-side: through the Next.js proxy route. */
export const browserDatasets: DatasetsClient = createDatasetsClient('/api');
