import { ZProjectSlug } from '@atelier/domain';

/**
 * The one rule of "which project" for the API's calls (issue 16): a list asks for one project's
 * rows with ?project=<slug> and for every project's the user can read without it; a creation sends
 * `project` in its body (or query) and, without one, lands in the API's default project.
 */

type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

/** The URL's ?project of a page, when it is a slug; null otherwise (every project, or the API's default). */
export function projectOfSearchParams(params: SearchParams): string | null {
  const raw = params['project'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  return value && ZProjectSlug.safeParse(value).success ? value : null;
}

/** A list query or a creation body in the project: `project` added, or left out for none. */
export function inProject<T extends object>(query: T, project: string | null): T & { project?: string } {
  return project ? { ...query, project } : query;
}

/** A link to another page of the project (a list's "New …" button): the project rides along. */
export function projectPath(path: string, project: string | null): string {
  return project ? `${path}?${new URLSearchParams({ project }).toString()}` : path;
}
