import { ApiError, isApiError } from '@atelier/client';
import { z } from 'zod';
import {
  isPublicPage,
  ZAuditPage,
  ZCreatedToken,
  ZMember,
  ZProject,
  ZSession,
  ZSetupState,
  ZSignInResult,
  ZApiToken,
  ZUser,
  type TAddMemberRequest,
  type TAuditPage,
  type TCreatedToken,
  type TCreateProjectRequest,
  type TCreateTokenRequest,
  type TCreateUserRequest,
  type TMember,
  type TProject,
  type TProjectRole,
  type TSession,
  type TSetupRequest,
  type TSignInRequest,
  type TSignInResult,
  type TApiToken,
  type TUser,
} from './auth-schemas';

/**
 * The browser's credentials: the session cookie travels by itself (same origin, through the
 * proxy); a cookie-authenticated write must also carry the session's CSRF token in
 * `x-atelier-csrf`, which only this origin's script can read (GET /auth/session). One fetch for
 * every browser call (the typed client's and this file's), so no write forgets it.
 */
export const CSRF_HEADER = 'x-atelier-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;
let pendingSession: Promise<string | null> | null = null;

/** Called with the session's token whenever one is read (sign-in, set-up, GET /auth/session). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Writes made before there is a session: nothing to protect yet, and no token to read. */
const NO_SESSION_WRITES = ['/api/auth/sign-in', '/api/auth/setup'];

async function currentCsrfToken(fetchImpl: typeof fetch, write: Request): Promise<string | null> {
  if (csrfToken !== null) return csrfToken;
  // a write before the header's session read came back: read it once, shared by concurrent writes
  const url = new URL('/api/auth/session', write.url);
  pendingSession ??= fetchImpl(new Request(url, { headers: { accept: 'application/json' }, cache: 'no-store' }))
    .then(async (response) => (response.ok ? ZSession.parse(await response.json()).csrfToken : null))
    .catch(() => null)
    .finally(() => (pendingSession = null));
  csrfToken = await pendingSession;
  return csrfToken;
}

/** Where a signed-out visitor goes: the sign-in page, then back to where they were. */
export function signInHref(next: string): string {
  const safe = safeNextPath(next);
  return safe === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(safe)}`;
}

/** `next` of /sign-in?next=…: a path of this site only (never `//evil.example` or a full URL), else the home page. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (isPublicPage(next)) return '/';
  return next;
}

export interface BrowserFetchOptions {
  fetch?: typeof fetch;
  /** Where to send the user on a 401 (tests: a spy instead of a page load). */
  navigate?: (href: string) => void;
  /** The page's path and query (tests). */
  location?: () => { pathname: string; search: string };
}

/**
 * fetch for the browser: adds the CSRF header to writes, and on a 401 (no session, or an expired
 * one) sends the user to the sign-in page, coming back to this page afterwards. The 401 is still
 * returned, so the caller's own error state shows until the page changes.
 */
export function createBrowserFetch(options: BrowserFetchOptions = {}): (request: Request) => Promise<Response> {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const navigate = options.navigate ?? ((href: string) => window.location.assign(href));
  const location = options.location ?? (() => window.location);
  return async (request) => {
    let sent = request;
    if (!SAFE_METHODS.has(request.method) && !NO_SESSION_WRITES.includes(new URL(request.url).pathname)) {
      const token = await currentCsrfToken(fetchImpl, request);
      if (token) {
        const headers = new Headers(request.headers);
        headers.set(CSRF_HEADER, token);
        sent = new Request(request, { headers });
      }
    }
    const response = await fetchImpl(sent);
    const { pathname, search } = location();
    // on the sign-in and set-up pages a 401 is their answer (a wrong password), not a lost session
    if (response.status === 401 && !isPublicPage(pathname)) {
      csrfToken = null;
      navigate(signInHref(`${pathname}${search}`));
    }
    return response;
  };
}

export const browserFetch = createBrowserFetch();

/** The calls of the sign-in, set-up, settings, projects and admin pages. */
export interface AuthClient {
  getSession(): Promise<TSession>;
  signIn(request: TSignInRequest): Promise<TSignInResult>;
  signOut(): Promise<void>;
  getSetup(): Promise<{ needsSetup: boolean }>;
  setup(request: TSetupRequest): Promise<TSignInResult>;
  listTokens(): Promise<TApiToken[]>;
  createToken(request: TCreateTokenRequest): Promise<TCreatedToken>;
  revokeToken(id: string): Promise<void>;
  listProjects(): Promise<TProject[]>;
  createProject(request: TCreateProjectRequest): Promise<TProject>;
  listMembers(slug: string): Promise<TMember[]>;
  addMember(slug: string, request: TAddMemberRequest): Promise<TMember>;
  updateMember(slug: string, userId: string, role: TProjectRole): Promise<TMember>;
  removeMember(slug: string, userId: string): Promise<void>;
  listAudit(slug: string, options?: { cursor?: string | null; limit?: number }): Promise<TAuditPage>;
  listUsers(): Promise<TUser[]>;
  createUser(request: TCreateUserRequest): Promise<TUser>;
  updateUser(id: string, patch: { disabled?: boolean; isAdmin?: boolean }): Promise<TUser>;
}

/** The API's error body, or a sentence naming the status when it sent none. */
async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.message === 'string') {
      const error = new ApiError(response.status, {
        error: typeof body.error === 'string' ? body.error : `http_${response.status}`,
        message: body.message,
      });
      return Object.assign(error, { retryAfter: retryAfterSeconds(response) });
    }
  } catch {
    // not JSON: described below
  }
  return Object.assign(
    new ApiError(response.status, {
      error: `http_${response.status}`,
      message: `The API answered ${response.status} ${response.statusText}`.trim(),
    }),
    { retryAfter: retryAfterSeconds(response) },
  );
}

/** Retry-After in seconds (a number, or an HTTP date), or null. */
export function retryAfterSeconds(response: Response, now = Date.now()): number | null {
  const raw = response.headers.get('retry-after');
  if (!raw) return null;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The seconds a 429 said to wait, when it said. */
export function retryAfterOf(error: unknown): number | null {
  const value = (error as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof value === 'number' ? value : null;
}

export function createAuthClient(baseUrl = '/api', fetchImpl: (request: Request) => Promise<Response> = browserFetch): AuthClient {
  async function call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(
        new Request(`${baseUrl}${path}`, {
          method,
          cache: 'no-store',
          headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    } catch (cause) {
      throw new ApiError(503, {
        error: 'api_unreachable',
        message: `Cannot reach the Atelier API (${(cause as Error).message})`,
        kind: 'network',
      });
    }
    if (!response.ok) throw await errorOf(response);
    if (schema === null || response.status === 204) return undefined as T;
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ApiError(502, {
        error: 'invalid_response',
        message: `The API sent an answer this page cannot read${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`,
        kind: 'invalid-response',
      });
    }
    return parsed.data;
  }
  const e = encodeURIComponent;
  return {
    getSession: async () => {
      const session = await call('GET', '/auth/session', ZSession);
      rememberCsrfToken(session.csrfToken);
      return session;
    },
    signIn: async (request) => {
      const result = await call('POST', '/auth/sign-in', ZSignInResult, request);
      rememberCsrfToken(result.csrfToken);
      return result;
    },
    signOut: async () => {
      await call('POST', '/auth/sign-out', null, {});
      rememberCsrfToken(null);
    },
    getSetup: () => call('GET', '/auth/setup', ZSetupState),
    setup: async (request) => {
      const result = await call('POST', '/auth/setup', ZSignInResult, request);
      rememberCsrfToken(result.csrfToken);
      return result;
    },
    listTokens: () => call('GET', '/tokens', z.array(ZApiToken)),
    createToken: (request) => call('POST', '/tokens', ZCreatedToken, request),
    revokeToken: (id) => call('DELETE', `/tokens/${e(id)}`, null),
    listProjects: () => call('GET', '/projects', z.array(ZProject)),
    createProject: (request) => call('POST', '/projects', ZProject, request),
    listMembers: (slug) => call('GET', `/projects/${e(slug)}/members`, z.array(ZMember)),
    addMember: (slug, request) => call('POST', `/projects/${e(slug)}/members`, ZMember, request),
    updateMember: (slug, userId, role) => call('PATCH', `/projects/${e(slug)}/members/${e(userId)}`, ZMember, { role }),
    removeMember: (slug, userId) => call('DELETE', `/projects/${e(slug)}/members/${e(userId)}`, null),
    listAudit: (slug, { cursor, limit } = {}) => {
      const query = new URLSearchParams();
      if (cursor) query.set('cursor', cursor);
      if (limit) query.set('limit', String(limit));
      const search = query.size > 0 ? `?${query.toString()}` : '';
      return call('GET', `/projects/${e(slug)}/audit${search}`, ZAuditPage);
    },
    listUsers: () => call('GET', '/users', z.array(ZUser)),
    createUser: (request) => call('POST', '/users', ZUser, request),
    updateUser: (id, patch) => call('PATCH', `/users/${e(id)}`, ZUser, patch),
  };
}

export const browserAuth: AuthClient = createAuthClient();

export { isApiError };
