import type { AtelierClient } from '@atelier/client';
import type { TDatasetSplit } from '@atelier/domain';
import { browserApi, createApiClient, downloadUrls } from './api-client';

/**
 * The dataset explorer's calls: the same client as every other page (api-client.ts), narrowed
 * to what the explorer and the import form use.
 */
export type DatasetsClient = Pick<AtelierClient, 'getDataset' | 'getMeanImages' | 'getCorrelation' | 'getSamples' | 'importDataset'>;

export type { ImportResult, SamplesQuery } from '@atelier/client';

/** Images in the explorer's sample grid: four rows of six on a laptop screen. */
export const SAMPLE_GRID_SIZE = 24;

/** Where the browser gets one image: the same-origin proxy in front of the API's PNG route. */
export function datasetImageUrl(key: string, split: TDatasetSplit, index: number): string {
  return downloadUrls.datasetImage(key, split, index);
}

export const createDatasetsClient: (baseUrl: string, fetchImpl?: (request: Request) => Promise<Response>) => DatasetsClient =
  createApiClient;

/** Browser-side: through the Next.js proxy route. */
export const browserDatasets: DatasetsClient = browserApi;
