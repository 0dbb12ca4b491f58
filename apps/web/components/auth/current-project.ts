'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useSyncExternalStore } from 'react';
import { sharedStorage } from '@/lib/shared-storage';

/** The project the user last picked, remembered across pages and visits. */
export const PROJECT_STORAGE_KEY = 'atelier.project';
const storage = sharedStorage('atelier:project-change');

/** Pages that list things: they show one project's (?project=<slug>) or every project's. */
export const PROJECT_LIST_PAGES = ['/experiments', '/datasets', '/models', '/trash'];

export function isProjectListPage(pathname: string): boolean {
  return PROJECT_LIST_PAGES.includes(pathname);
}

function readRemembered(): string | null {
  try {
    const raw = window.localStorage.getItem(PROJECT_STORAGE_KEY);
    const value = raw === null ? null : (JSON.parse(raw) as unknown);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

/** The remembered project (null on the server and before one is picked). */
export function useRememberedProject(): string | null {
  return useSyncExternalStore(storage.subscribe, readRemembered, () => null);
}

/**
 * The current project: the URL's ?project on a list page, else the remembered one; null means
 * every project (lists) or the API's default (creation forms).
 */
export function useCurrentProject(): string | null {
  const fromUrl = useSearchParams().get('project');
  const remembered = useRememberedProject();
  return fromUrl || remembered;
}

/** Picks a project: remembered, and on a list page written into the URL (back to the first page). */
export function useSelectProject(): (slug: string | null) => void {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return useCallback(
    (slug: string | null) => {
      if (slug) storage.write(PROJECT_STORAGE_KEY, slug);
      else {
        window.localStorage.removeItem(PROJECT_STORAGE_KEY);
        window.dispatchEvent(new Event('atelier:project-change'));
      }
      if (!isProjectListPage(pathname)) return;
      const next = new URLSearchParams(params.toString());
      next.delete('page');
      next.delete('cursor');
      if (slug) next.set('project', slug);
      else next.delete('project');
      const query = next.toString();
      router.push(query ? `${pathname}?${query}` : pathname);
    },
    [router, pathname, params],
  );
}
