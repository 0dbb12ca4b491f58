'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import type { TCreateTokenRequest } from '@/lib/auth-schemas';
import { queryKeys } from '@/lib/query-keys';

/** The signed-in user's API tokens (GET /tokens), with create and revoke refreshing the list. */
export function useTokens(auth: AuthClient = browserAuth) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.auth.tokens });
  return {
    list: useQuery({ queryKey: queryKeys.auth.tokens, queryFn: () => auth.listTokens() }),
    create: useMutation({ mutationFn: (request: TCreateTokenRequest) => auth.createToken(request), onSuccess: refresh }),
    revoke: useMutation({ mutationFn: (id: string) => auth.revokeToken(id), onSuccess: refresh }),
  };
}
