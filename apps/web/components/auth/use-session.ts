'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { browserAuth, rememberCsrfToken, type AuthClient } from '@/lib/auth-client';
import type { TSession } from '@/lib/auth-schemas';
import { queryKeys } from '@/lib/query-keys';

/**
 * Who is signed in (GET /auth/session), shared by every component through the query cache: the
 * header's menu and project switcher, the pages that hide what a role cannot do. A 401 sends the
 * browser to the sign-in page (lib/auth-client.ts).
 */
export function useSession(auth: AuthClient = browserAuth) {
  return useQuery({ queryKey: queryKeys.auth.session, queryFn: () => auth.getSession(), staleTime: 60_000 });
}

/** The role of the signed-in user in a project (null: not a member), and whether they are an admin. */
export function useProjectRole(slug: string | null | undefined, auth?: AuthClient) {
  const { data } = useSession(auth);
  const role = slug ? (data?.projects.find((p) => p.slug === slug)?.role ?? null) : null;
  return { role, isAdmin: data?.user.isAdmin ?? false, session: data };
}

/**
 * Puts the session the server read (root layout) into the cache before the first render, so the
 * header shows the user at once instead of fetching it again after hydration.
 */
export function useSeedSession(session: TSession | null): void {
  const client = useQueryClient();
  useState(() => {
    if (session) {
      client.setQueryData(queryKeys.auth.session, session);
      rememberCsrfToken(session.csrfToken);
    }
    return null;
  });
}
