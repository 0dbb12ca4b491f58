'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import type { TAddMemberRequest, TCreateProjectRequest, TProjectRole } from '@/lib/auth-schemas';
import { queryKeys } from '@/lib/query-keys';

/** GET /projects (the user's; an admin's: all) and POST /projects, which also changes the session's project list. */
export function useProjects(auth: AuthClient = browserAuth) {
  const client = useQueryClient();
  return {
    list: useQuery({ queryKey: queryKeys.auth.projects, queryFn: () => auth.listProjects() }),
    create: useMutation({
      mutationFn: (request: TCreateProjectRequest) => auth.createProject(request),
      // the creator is its owner: the switcher lists it from the session
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.auth.all }),
    }),
  };
}

/** A project's members, and the owner's changes to them. */
export function useMembers(slug: string, auth: AuthClient = browserAuth) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.auth.members(slug) }),
      client.invalidateQueries({ queryKey: queryKeys.auth.session }),
    ]);
  return {
    list: useQuery({ queryKey: queryKeys.auth.members(slug), queryFn: () => auth.listMembers(slug) }),
    add: useMutation({ mutationFn: (request: TAddMemberRequest) => auth.addMember(slug, request), onSuccess: refresh }),
    update: useMutation({
      mutationFn: ({ userId, role }: { userId: string; role: TProjectRole }) => auth.updateMember(slug, userId, role),
      onSettled: refresh,
    }),
    remove: useMutation({ mutationFn: (userId: string) => auth.removeMember(slug, userId), onSuccess: refresh }),
  };
}

/** A project's audit log, newest first, a page at a time. */
export function useAudit(slug: string, auth: AuthClient = browserAuth) {
  return useInfiniteQuery({
    queryKey: queryKeys.auth.audit(slug),
    queryFn: ({ pageParam }) => auth.listAudit(slug, { cursor: pageParam, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
}
