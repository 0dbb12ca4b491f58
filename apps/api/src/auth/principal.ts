import type { Request } from 'express';
import type { TRole, TTokenScope } from './permissions';

export interface PrincipalUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/** Who is calling, and with which credential. */
export interface Principal {
  user: PrincipalUser;
  via: 'session' | 'token';
  session?: { id: string; csrfToken: string };
  token?: { id: string; projectId: string | null; scope: TTokenScope };
}

/** A project as the guard resolved it; role null: an instance admin who is not a member. */
export interface ProjectScope {
  id: string;
  slug: string;
  role: TRole | null;
}

/** The project(s) a route acts on, as the guard resolved them. */
export interface RequestAccess {
  /** The one project of a creation, resource or project route. */
  project?: ProjectScope;
  /** A list route: the project ids to list; null = every project (an instance admin without ?project=). */
  projectIds: string[] | null;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  access?: RequestAccess;
}
