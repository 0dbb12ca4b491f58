import type { DatasetsClient } from './datasets-client';
import { serverApi } from './server-api';

/** Datasets calls for server components: the same client as serverApi(), read per request. */
export async function serverDatasets(): Promise<DatasetsClient> {
  return serverApi();
}
