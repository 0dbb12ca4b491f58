import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { TAction } from './permissions';
import type { AuthenticatedRequest, ProjectScope, RequestAccess } from './principal';

/** Records whose project is found from the record itself (one indexed query each, see ResourceProjects). */
export type TResourceKind = 'experiment' | 'run' | 'trial' | 'model' | 'dataset' | 'trashItem';

/**
 * Where the route's project comes from:
 * - `project`: a slug in the body, the query or a path parameter (`param`, default 'slug'). Without
 *   one: the token's project, else 'default' (creation routes); with `list: true` and no
 *   `?project=`, every project the caller can read instead (list routes).
 * - `resource`: the record addressed by the path parameter `param` (default 'id'), or by the
 *   comma-separated ids of the query field `query` (GET /compare).
 * - none: an instance-level route (any signed-in caller for read/write, admins for 'admin').
 */
export type AccessTarget =
  | { project: 'body' | 'query'; list?: boolean }
  | { project: 'param'; param?: string }
  | { resource: TResourceKind; param?: string; query?: string };

export interface AccessRule {
  action: TAction;
  target?: AccessTarget;
}

export const ACCESS_METADATA = 'atelier:access';
export const PUBLIC_METADATA = 'atelier:public';

/**
 * What a route needs: every handler declares this or @Public(); the API refuses to start
 * otherwise (assertEveryRouteDeclared), so a new route cannot be open by omission.
 */
export const Access = (action: TAction, target?: AccessTarget) => SetMetadata(ACCESS_METADATA, { action, target } satisfies AccessRule);

/** Open to anyone, signed in or not (health, sign-in, set-up, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

/** The caller (set by the AccessGuard: never undefined on a non-public route). */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return (context.switchToHttp().getRequest<Request>() as AuthenticatedRequest).principal;
});

/** The project scope the guard decided: the one project of the route, or the readable set of a list. */
export const Scope = createParamDecorator((_data: unknown, context: ExecutionContext): RequestAccess => {
  const access = (context.switchToHttp().getRequest<Request>() as AuthenticatedRequest).access;
  if (!access) throw new Error('route reads @Scope() but declares no project target in @Access');
  return access;
});

/** The one project of a route whose @Access target names one (a slug, a resource, the default). */
export const InProject = createParamDecorator((_data: unknown, context: ExecutionContext): ProjectScope => {
  const project = (context.switchToHttp().getRequest<Request>() as AuthenticatedRequest).access?.project;
  if (!project) throw new Error('route reads @InProject() but its @Access target resolves no single project');
  return project;
});
