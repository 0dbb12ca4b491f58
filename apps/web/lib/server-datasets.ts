import { connection } from 'next/server';
import { apiBaseUrl } from './config';
import { createDatasetsClient, type DatasetsClient } from './datasets-client';

/** Datasets client for server components; the API address is read per request (see server-api.ts). */
export async function serverDatasets(): Promise<DatasetsClient> {
  await connection();
  return createDatasetsClient(apiBaseUrl());
}
