import type { AtelierClient } from '@atelier/client';
import { connection } from 'next/server';
import { createApiClient } from './api-client';
import { apiBaseUrl } from './config';

/**
 * Client for server components. `connection()` marks the render as request-time, so the API
 * address is read from the environment of the running server, never frozen into the build.
 */
export async function serverApi(): Promise<AtelierClient> {
  await connection();
  return createApiClient(apiBaseUrl());
}
