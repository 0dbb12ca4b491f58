'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { sharedStorage } from '@/lib/shared-storage';

/** The project the user last picked, remembered across pages and visits. */
export const PROJECT_STORAGE_KEY = 'atelier.project';
const storage = sharedStorage('atelier:project-change');

/** Pages that list things: they show one project's (?project=<slug>) or every project's. */
export const PROJECT_LIST_PAGES = ['/experiments', '/datasets', '/models', '/trash'];
/** Pages that create things in the current project: the server reads that project's datasets, architectures and models. */
export const PROJECT_FORM_PAGES = ['/experiments/new', '/datasets/import'];

/** Whether the page's URL carries the project (?project=<slug>), which its server render reads. */
export function isProjectPage(pathname: string): boolean {
  return PROJECT_LIST_PAGES.includes(pathname) || PROJECT_FORM_PAGES.includes(pathname);
}

/** The page's URL with ?project set first, as the lists write it (or removed for null), back to the first page of a list. */
export function projectHref(pathname: string, params: URLSearchParams, slug: string | null): string {
  const next = new URLSearchParams(slug ? { project: slug } : {});
  for (const [key, value] of params) if (!['project', 'page', 'cursor'].includes(key)) next.append(key, value);
  const query = next.toString();
  return query ? `${pathname}?${query}` : pathname;
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
 * The current project: the URL's ?project on a project page, else the remembered one; null means
 * every project (lists) or the API's default (creation forms).
 */
export function useCurrentProject(): string | null {
  return useProjectOr(useSearchParams().get('project'));
}

/** The same rule for a form whose page read ?project on the server and passes it down. */
export function useProjectOr(fromUrl: string | null): string | null {
  const remembered = useRememberedProject();
  return fromUrl || remembered;
}

/** Picks a project: remembered, and on a project page written into the URL (back to the first page). */
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
      // elsewhere a ?project in the URL would outrank the pick: it goes too
      if (isProjectPage(pathname) || params.has('project')) router.push(projectHref(pathname, params, slug));
    },
    [router, pathname, params],
  );
}

/**
 * A project page opened without ?project (the header's links) while a project is remembered:
 * the URL gets it, in place, so the server lists (and the forms create in) the project the
 * switcher shows. `offered`: a remembered project the user has since left is not applied.
 */
export function useRememberedProjectInUrl(offered: (slug: string) => boolean): void {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const remembered = useRememberedProject();
  const target = isProjectPage(pathname) && !params.get('project') && remembered && offered(remembered) ? remembered : null;
  useEffect(() => {
    if (target) router.replace(projectHref(pathname, params, target));
  }, [target, router, pathname, params]);
}
