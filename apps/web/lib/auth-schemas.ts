import { z } from 'zod';

/**
 * The wire shapes of the sign-in, session, token, project, member and user routes (issue 16,
 * /work/wt/AUTH-CONTRACT.md), as the web reads them. Answers are parsed loosely (extra fields
 * allowed) so the API can add fields without breaking the page; the form schemas are the rules
 * the API enforces, so a form refuses what the API would.
 */

/** The session cookie the API sets at sign-in (http-only: only a server can read it and pass it on). */
export const SESSION_COOKIE = 'atelier_session';

/** Pages a signed-out visitor may see. */
const PUBLIC_PAGES = ['/sign-in', '/setup'];
/** The page's path and query, set by proxy.ts for the root layout (it cannot read the URL otherwise). */
export const PATH_HEADER = 'x-atelier-path';

/** `path`: a pathname, with or without its query. */
export function isPublicPage(path: string): boolean {
  const pathname = path.replace(/[?#].*$/, '');
  return PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export const ZProjectRole = z.enum(PROJECT_ROLES);
export type TProjectRole = z.infer<typeof ZProjectRole>;

export const TOKEN_SCOPES = ['read', 'write'] as const;
export const ZTokenScope = z.enum(TOKEN_SCOPES);
export type TTokenScope = z.infer<typeof ZTokenScope>;

export const ZSessionUser = z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean() });
export type TSessionUser = z.infer<typeof ZSessionUser>;

/** role null: an instance admin who is not a member. */
export const ZSessionProject = z.object({ slug: z.string(), name: z.string(), role: ZProjectRole.nullable() });
export type TSessionProject = z.infer<typeof ZSessionProject>;

/** GET /auth/session */
export const ZSession = z.object({
  user: ZSessionUser,
  csrfToken: z.string().nullable(),
  via: z.enum(['session', 'token']),
  projects: z.array(ZSessionProject),
});
export type TSession = z.infer<typeof ZSession>;

/** POST /auth/sign-in and POST /auth/setup */
export const ZSignInResult = z.object({ user: ZSessionUser, csrfToken: z.string() });
export type TSignInResult = z.infer<typeof ZSignInResult>;

export const ZSetupState = z.object({ needsSetup: z.boolean() });

const ZEmail = z.string().trim().toLowerCase().pipe(z.email('enter an email address'));
/** The API's minimum (a passphrase beats a short password with symbols). */
export const PASSWORD_MIN_LENGTH = 10;
const ZNewPassword = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(256, 'at most 256 characters');

export const ZSignInRequest = z.strictObject({ email: ZEmail, password: z.string().min(1, 'enter your password') });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZSetupRequest = z.strictObject({
  email: ZEmail,
  name: z.string().trim().min(1, 'enter a name').max(200),
  password: ZNewPassword,
});
export type TSetupRequest = z.infer<typeof ZSetupRequest>;

// tokens
export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: ZTokenScope,
  /** The project's slug; null: every project the owner can reach (admins only). */
  project: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type TApiToken = z.infer<typeof ZApiToken>;
export const ZTokenList = z.union([z.array(ZApiToken), z.object({ items: z.array(ZApiToken) }).transform((page) => page.items)]);
/** POST /tokens: the value, shown this once, and the token's metadata. */
export const ZCreatedToken = ZApiToken.extend({ token: z.string() });
export type TCreatedToken = z.infer<typeof ZCreatedToken>;

export const ZCreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1, 'name the token (what will use it?)').max(100),
  project: z.string().nullable(),
  scope: ZTokenScope,
  expiresInDays: z.number().int().min(1, 'at least 1 day').max(3650, 'at most 3650 days').optional(),
});
export type TCreateTokenRequest = z.infer<typeof ZCreateTokenRequest>;

// projects
/** A project slug: the URL's name of a project. */
export const ZProjectSlug = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(48, 'at most 48 characters')
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, 'lower-case letters, digits and dashes, starting and ending with a letter or digit');

export const ZProject = z.object({ slug: z.string(), name: z.string(), role: ZProjectRole.nullable().optional() });
export type TProject = z.infer<typeof ZProject>;
export const ZProjectList = z.union([z.array(ZProject), z.object({ items: z.array(ZProject) }).transform((page) => page.items)]);

export const ZCreateProjectRequest = z.strictObject({ slug: ZProjectSlug, name: z.string().trim().min(1, 'enter a name').max(200) });
export type TCreateProjectRequest = z.infer<typeof ZCreateProjectRequest>;

// members
export const ZMember = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZProjectRole,
  createdAt: z.string().optional(),
});
export type TMember = z.infer<typeof ZMember>;
export const ZMemberList = z.union([z.array(ZMember), z.object({ items: z.array(ZMember) }).transform((page) => page.items)]);

export const ZAddMemberRequest = z.strictObject({ email: ZEmail, role: ZProjectRole });
export type TAddMemberRequest = z.infer<typeof ZAddMemberRequest>;

// audit
export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  method: z.string(),
  route: z.string(),
  path: z.string(),
  status: z.number(),
  target: z.string().nullable(),
  user: z.object({ id: z.string(), email: z.string() }).nullable(),
  tokenId: z.string().nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export const ZAuditPage = z.object({ events: z.array(ZAuditEvent), nextCursor: z.string().nullable() });
export type TAuditPage = z.infer<typeof ZAuditPage>;

// users
export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string().optional(),
  disabledAt: z.string().nullable().optional(),
});
export type TUser = z.infer<typeof ZUser>;
export const ZUserList = z.union([z.array(ZUser), z.object({ items: z.array(ZUser) }).transform((page) => page.items)]);

export const ZCreateUserRequest = z.strictObject({
  email: ZEmail,
  name: z.string().trim().min(1, 'enter a name').max(200),
  password: ZNewPassword,
  isAdmin: z.boolean().optional(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

/** What a role may do, in the words the pages use (the API enforces it; the page only hides what would fail). */
export function canWrite(role: TProjectRole | null | undefined, isAdmin = false): boolean {
  return isAdmin || role === 'owner' || role === 'editor';
}

export function canManage(role: TProjectRole | null | undefined, isAdmin = false): boolean {
  return isAdmin || role === 'owner';
}
