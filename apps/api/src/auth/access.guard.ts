import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ApiException, forbidden, notFound, unauthorized } from '../common/api-exception';
import { getContract } from '../common/contract';
import { ACCESS_METADATA, type AccessRule, type AccessTarget, PUBLIC_METADATA, type TResourceKind } from './access.decorator';
import { AuthRepository, type ProjectAccessRow } from './auth.repository';
import { Authenticator } from './authenticator';
import { CSRF_HEADER, safeEqual } from './credentials';
import { type Caller, decide, type TAction } from './permissions';
import type { AuthenticatedRequest, Principal, RequestAccess } from './principal';

export const DEFAULT_PROJECT_SLUG = 'default';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const NOT_FOUND: Record<TResourceKind, (id: string) => string> = {
  experiment: (id) => `Experiment '${id}' not found`,
  run: (id) => `Run ${id} not found.`,
  trial: (id) => `Trial '${id}' not found`,
  model: (id) => `Model '${id}' not found`,
  dataset: (key) => `No dataset has the key '${key}'.`,
  trashItem: (id) => `'${id}' not found.`,
};
export const projectNotFound = (slug: string) => `No project has the slug '${slug}'.`;

/**
 * Deny by default (APP_GUARD): every route authenticates (a bearer token or the session cookie,
 * with its CSRF header on writes) and then authorizes with its @Access rule, unless @Public.
 * A request whose path or query does not parse is let through to its handler, which answers
 * 400 before touching any record.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly repository: AuthRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    if (this.reflector.get<boolean>(PUBLIC_METADATA, handler)) return true;
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_METADATA, handler);
    // assertEveryRouteDeclared makes this unreachable; refuse rather than open a route by mistake.
    if (!rule) throw forbidden('this route declares no access rule');
    const http = context.switchToHttp();
    const started = process.hrtime.bigint();
    try {
      return await this.check(http.getRequest<AuthenticatedRequest>(), handler, rule);
    } finally {
      // What sign-in costs each request, in the standard header browsers' devtools show (and
      // bench/auth reads): authentication and authorization together, in milliseconds.
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      http.getResponse<Response>().setHeader('Server-Timing', `auth;dur=${ms.toFixed(3)};desc="authentication and authorization"`);
    }
  }

  private async check(
    request: AuthenticatedRequest,
    handler: ReturnType<ExecutionContext['getHandler']>,
    rule: AccessRule,
  ): Promise<boolean> {
    const principal = await this.authenticator.authenticate(request);
    if (!principal) throw unauthorized('sign in, or send Authorization: Bearer <token>');
    if (principal.session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, principal.session.csrfToken)) throw forbidden('missing or wrong CSRF token');
    }
    request.principal = principal;
    const contract = getContract(handler);
    if (contract?.params && !contract.params.safeParse(request.params).success) return true;
    // GET /compare?trials=abc: the rule reads its records' ids from the query, so they must parse first
    const idsInQuery = rule.target !== undefined && 'resource' in rule.target && rule.target.query !== undefined;
    if (idsInQuery && contract?.query && !contract.query.safeParse(request.query).success) return true;
    request.access = await this.authorize(principal, rule.action, rule.target, request);
    return true;
  }

  private async authorize(principal: Principal, action: TAction, target: AccessTarget | undefined, request: AuthenticatedRequest) {
    const caller: Caller = {
      isAdmin: principal.user.isAdmin,
      tokenScope: principal.token?.scope ?? null,
      tokenProjectId: principal.token?.projectId ?? null,
    };
    const userId = principal.user.id;
    const enforce = (project: ProjectAccessRow | undefined, message?: string): void => {
      const decision = decide(caller, action, project, message);
      if (!decision.allowed) throw decision.status === 404 ? notFound(decision.message) : forbidden(decision.message);
    };
    if (!target) {
      enforce(undefined);
      return undefined;
    }
    if ('resource' in target) return this.authorizeResource(target, action, request, userId, enforce, caller);

    const source: unknown = target.project === 'body' ? request.body : target.project === 'query' ? request.query : request.params;
    const key = target.project === 'param' ? (target.param ?? 'slug') : 'project';
    const raw = (source as Record<string, unknown> | undefined)?.[key];
    const slug = typeof raw === 'string' && raw !== '' ? raw : undefined;
    if (slug === undefined && 'list' in target && target.list) {
      enforce(undefined);
      const projectIds = caller.tokenProjectId
        ? [caller.tokenProjectId]
        : caller.isAdmin
          ? null
          : await this.repository.memberProjectIds(userId);
      return { projectIds } satisfies RequestAccess;
    }
    const project =
      slug !== undefined
        ? await this.repository.projectBySlug(slug, userId)
        : caller.tokenProjectId
          ? await this.repository.projectById(caller.tokenProjectId, userId)
          : await this.repository.projectBySlug(DEFAULT_PROJECT_SLUG, userId);
    const shown = slug ?? DEFAULT_PROJECT_SLUG;
    if (!project) throw notFound(projectNotFound(shown));
    enforce(project, projectNotFound(project.slug));
    return { project, projectIds: [project.id] } satisfies RequestAccess;
  }

  private async authorizeResource(
    target: Extract<AccessTarget, { resource: TResourceKind }>,
    action: TAction,
    request: AuthenticatedRequest,
    userId: string,
    enforce: (project: ProjectAccessRow | undefined, message?: string) => void,
    caller: Caller,
  ): Promise<RequestAccess | undefined> {
    if (target.query) {
      const raw = request.query[target.query];
      const ids = typeof raw === 'string' ? [...new Set(raw.split(',').map((id) => id.trim()))].filter(Boolean) : [];
      const projects = ids.length > 0 ? await this.repository.runsProjects(ids, userId) : [];
      for (const project of projects) enforce(project, NOT_FOUND.trial(ids.join(',')));
      return { projectIds: projects.map((project) => project.id) };
    }
    const id = String(request.params[target.param ?? 'id']);
    const kind: TResourceKind = target.resource === 'trashItem' ? (request.params.kind === 'run' ? 'run' : 'experiment') : target.resource;
    const found = await this.repository.resourceProject(kind, id, userId);
    // No such record: the handler answers its own 404 (or 410 for a purged one); nothing to reveal.
    if (found === undefined) return undefined;
    if (found === 'builtin') {
      // Builtin datasets: every signed-in caller reads them; changing them is an instance admin's.
      const decision = decide(caller, action === 'read' ? 'read' : 'admin', undefined);
      if (!decision.allowed) throw new ApiException(decision.status, 'forbidden', decision.message);
      return undefined;
    }
    enforce(found, NOT_FOUND[target.resource](id));
    return { project: found, projectIds: [found.id] };
  }
}
