import type { AtelierClient } from '@atelier/client';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { createApiClient } from './api-client';
import { SESSION_COOKIE, ZSession, ZSetupState, type TSession } from './auth-schemas';
import { apiBaseUrl } from './config';

/**
 * Client for server components. `connection()` marks the render as request-time, so the API
 * address is read from the environment of the running server, never frozen into the build. The
 * visitor's session cookie goes with every call: the server renders what that user may see.
 */
export async function serverApi(): Promise<AtelierClient> {
  await connection();
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!session) return createApiClient(apiBaseUrl());
  const cookie = `${SESSION_COOKIE}=${encodeURIComponent(session)}`;
  return createApiClient(apiBaseUrl(), (request) => {
    const headers = new Headers(request.headers);
    headers.set('cookie', cookie);
    return fetch(new Request(request, { headers }));
  });
}

/**
 * The visitor's session as the API sees it: null when signed out (no cookie, or one the API no
 * longer knows), 'unavailable' when the API did not answer (the pages then show their own error).
 */
export async function serverSession(): Promise<TSession | null | 'unavailable'> {
  await connection();
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!session) return null;
  try {
    const response = await fetch(`${apiBaseUrl()}/auth/session`, {
      headers: { accept: 'application/json', cookie: `${SESSION_COOKIE}=${encodeURIComponent(session)}` },
      cache: 'no-store',
    });
    if (response.status === 401) return null;
    if (!response.ok) return 'unavailable';
    return ZSession.parse(await response.json());
  } catch {
    return 'unavailable';
  }
}

/** GET /auth/setup: whether no user exists yet (the set-up page is open only then); null when the API did not answer. */
export async function serverNeedsSetup(): Promise<boolean | null> {
  await connection();
  try {
    const response = await fetch(`${apiBaseUrl()}/auth/setup`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return null;
    return ZSetupState.parse(await response.json()).needsSetup;
  } catch {
    return null;
  }
}
