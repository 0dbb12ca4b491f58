import {
  PASSWORD_MIN_LENGTH,
  ROLES,
  TOKEN_SCOPES,
  ZAddMemberRequest,
  ZApiToken,
  ZAuditPage,
  ZCreatedToken,
  ZCreateProjectRequest,
  ZCreateTokenRequest,
  ZCreateUserRequest,
  ZMember,
  ZProject,
  ZSessionInfo,
  ZSetupRequest,
  ZSetupStatus,
  ZSignInRequest,
  ZSignInResponse,
  ZUserAccount,
  type TApiToken,
  type TCreatedToken,
  type TCreateProjectRequest,
  type TCreateTokenRequest,
  type TMember,
  type TProject,
  type TRole,
  type TSessionInfo,
  type TSetupRequest,
  type TSignInRequest,
  type TTokenScope,
  type TUserAccount,
} from '@atelier/domain';
import type { z } from 'zod';

/**
 * The web's side of the sign-in, session, token, project, member and user routes (issue 16): the
 * wire shapes are the domain's (the same schemas the API validates with, so a form refuses what
 * the API would); here are the names the pages use for them, and the few rules of the web itself.
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

export const PROJECT_ROLES = ROLES;
export type TProjectRole = TRole;
export { PASSWORD_MIN_LENGTH, TOKEN_SCOPES };
export type { TTokenScope };

/** GET /auth/session */
export const ZSession = ZSessionInfo;
export type TSession = TSessionInfo;
/** POST /auth/sign-in and POST /auth/setup */
export const ZSignInResult = ZSignInResponse;
export type TSignInResult = z.infer<typeof ZSignInResponse>;
/** GET /auth/setup */
export const ZSetupState = ZSetupStatus;

export { ZSignInRequest, ZSetupRequest, type TSignInRequest, type TSetupRequest };
export { ZApiToken, ZCreatedToken, ZCreateTokenRequest, type TApiToken, type TCreatedToken, type TCreateTokenRequest };
export { ZProject, ZCreateProjectRequest, type TProject, type TCreateProjectRequest };
export { ZMember, ZAddMemberRequest, type TMember };
export type TAddMemberRequest = z.infer<typeof ZAddMemberRequest>;
export { ZAuditPage };
export type TAuditPage = z.infer<typeof ZAuditPage>;
export type TAuditEvent = TAuditPage['events'][number];
export const ZUser = ZUserAccount;
export type TUser = TUserAccount;
export { ZCreateUserRequest };
export type TCreateUserRequest = z.input<typeof ZCreateUserRequest>;

/** What a role may do (the API enforces it; the pages only hide or disable what would be refused). */
export function canWrite(role: TProjectRole | null | undefined, isAdmin = false): boolean {
  return isAdmin || role === 'owner' || role === 'editor';
}

export function canManage(role: TProjectRole | null | undefined, isAdmin = false): boolean {
  return isAdmin || role === 'owner';
}
