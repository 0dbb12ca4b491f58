import { z } from 'zod';
import { ZId } from './common';

/**
 * Users, sessions, API tokens, projects and roles (issue 16): the wire shapes of /auth, /tokens,
 * /projects and /users. Requests are strict: an unknown field is a 400 naming it.
 */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export const ZRole = z
  .enum(ROLES, { error: `role must be one of: ${ROLES.join(', ')}` })
  .describe('owner: members, settings, purge, delete; editor: launch, log, edit; viewer: read');
export type TRole = z.infer<typeof ZRole>;

export const TOKEN_SCOPES = ['read', 'write'] as const;
export const ZTokenScope = z
  .enum(TOKEN_SCOPES, { error: `scope must be one of: ${TOKEN_SCOPES.join(', ')}` })
  .describe("'read': GET only; 'write': read and write, within the owner's role");
export type TTokenScope = z.infer<typeof ZTokenScope>;

const ZEmail = z
  .email({ error: 'email must be an email address' })
  .max(320)
  .transform((email) => email.toLowerCase())
  .describe('Compared case-insensitively');
export const PASSWORD_MIN_LENGTH = 10;
const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(1024, { error: 'password must be at most 1024 characters' });
const ZUserName = z.string().trim().min(1, { error: 'name must not be empty' }).max(200);

export const ZProjectSlug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { error: 'slug must be 1-64 lower-case letters, digits and inner dashes' })
  .describe("A project's short name, in URLs");

export const ZUser = z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean() }).meta({ id: 'User' });
export type TUser = z.infer<typeof ZUser>;

export const ZSignInRequest = z.strictObject({ email: ZEmail, password: z.string().min(1, { error: 'password is required' }).max(1024) });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;
export const ZSignInResponse = z.object({ user: ZUser, csrfToken: z.string() });

export const ZSetupRequest = z.strictObject({ email: ZEmail, name: ZUserName, password: ZNewPassword });
export type TSetupRequest = z.infer<typeof ZSetupRequest>;
export const ZSetupStatus = z.object({
  needsSetup: z.boolean().describe('True while no user exists: POST /auth/setup creates the first admin'),
});

export const ZProjectMembership = z.object({
  slug: z.string(),
  name: z.string(),
  role: ZRole.nullable().describe('null: an instance admin who is not a member'),
});
export const ZSessionInfo = z
  .object({
    user: ZUser,
    csrfToken: z.string().nullable().describe('Send it as x-atelier-csrf on every write made with the session cookie; null for a token'),
    via: z.enum(['session', 'token']),
    projects: z.array(ZProjectMembership),
  })
  .meta({ id: 'SessionInfo' });
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZCreateTokenRequest = z.strictObject({
  name: z.string().trim().min(1, { error: 'name must not be empty' }).max(200),
  project: ZProjectSlug.nullable().describe('The one project the token acts in; null: instance-wide (instance admins only)'),
  scope: ZTokenScope,
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Unset: never expires'),
});
export type TCreateTokenRequest = z.infer<typeof ZCreateTokenRequest>;
export const ZApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first 8 characters of the value'),
    project: z.string().nullable().describe('Project slug; null: instance-wide'),
    scope: ZTokenScope,
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiToken' });
export type TApiToken = z.infer<typeof ZApiToken>;
export const ZCreatedToken = ZApiToken.extend({ token: z.string().describe('The value: shown this once, stored only as a hash') });
export type TCreatedToken = z.infer<typeof ZCreatedToken>;

export const ZProject = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), role: ZRole.nullable(), createdAt: z.string() })
  .meta({ id: 'Project' });
export type TProject = z.infer<typeof ZProject>;
/**
 * The project a row belongs to, as a response names it: the slug to send back as ?project=<slug>
 * (or `project` in a body) on the routes that address a row by name, and the name to show.
 */
export const ZProjectRef = z
  .object({ slug: z.string().describe('Send it as ?project=<slug> to address the row by name'), name: z.string() })
  .meta({ id: 'ProjectRef' });
export type TProjectRef = z.infer<typeof ZProjectRef>;
export const ZCreateProjectRequest = z.strictObject({ slug: ZProjectSlug, name: z.string().trim().min(1).max(200) });
export type TCreateProjectRequest = z.infer<typeof ZCreateProjectRequest>;
export const ZUpdateProjectRequest = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const ZProjectParams = z.strictObject({ slug: ZProjectSlug });

export const ZMember = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: ZRole, createdAt: z.string() })
  .meta({ id: 'ProjectMember' });
export type TMember = z.infer<typeof ZMember>;
export const ZAddMemberRequest = z.strictObject({ email: ZEmail, role: ZRole });
export const ZUpdateMemberRequest = z.strictObject({ role: ZRole });
export const ZMemberParams = z.strictObject({ slug: ZProjectSlug, userId: ZId });

export const ZAuditEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    method: z.string(),
    route: z.string().describe('The route pattern, e.g. /experiments/:id/cancel'),
    path: z.string(),
    status: z.number().int(),
    target: z.string().nullable().describe('The id (or key, or name) the write addressed'),
    user: z.object({ id: z.string(), email: z.string() }).nullable(),
    tokenId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export const AUDIT_PAGE_MAX = 200;
export const ZAuditQuery = z.strictObject({
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export const ZAuditPage = z.object({ events: z.array(ZAuditEvent), nextCursor: z.string().nullable() });

export const ZCreateUserRequest = z.strictObject({
  email: ZEmail,
  name: ZUserName,
  password: ZNewPassword,
  isAdmin: z.boolean().default(false),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;
export const ZUpdateUserRequest = z
  .strictObject({ disabled: z.boolean().optional(), isAdmin: z.boolean().optional() })
  .refine((patch) => patch.disabled !== undefined || patch.isAdmin !== undefined, { error: 'send disabled or isAdmin' });
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;
export const ZUserAccount = ZUser.extend({ createdAt: z.string(), disabledAt: z.string().nullable() }).meta({ id: 'UserAccount' });
export type TUserAccount = z.infer<typeof ZUserAccount>;

/** ?project=<slug> of list routes (omit: every project the caller can read). */
export const ZProjectQuery = z.object({
  project: ZProjectSlug.optional().describe('List only this project (default: every project you can read)'),
});
export type TProjectQuery = z.infer<typeof ZProjectQuery>;
