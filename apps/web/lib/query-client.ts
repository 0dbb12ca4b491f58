import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/**
 * One query cache per browser tab (per request on the server, so that users never share one).
 * A 4xx answer is the API's considered refusal: asking again would give the same answer, so
 * only network failures and 5xx answers are retried. Plain module (no 'use client'), so a server
 * page can build one too.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // pages render with the server's data first: do not refetch it the moment they hydrate
        staleTime: 5_000,
        retry: (failureCount, error) => failureCount < 2 && !(isApiError(error) && error.status < 500),
      },
    },
  });
}

/** The message a failed read shows (the last good data stays on screen beside it). */
export function errorMessage(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  return error instanceof Error ? error.message : 'unknown error';
}
