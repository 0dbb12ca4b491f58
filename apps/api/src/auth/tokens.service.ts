import { Injectable } from '@nestjs/common';
import type { TApiToken, TCreatedToken, TCreateTokenRequest } from '@atelier/domain';
import { forbidden, notFound } from '../common/api-exception';
import { AccountsRepository, type TokenMetaRow } from './accounts.repository';
import { AuthRepository } from './auth.repository';
import { newTokenValue, sha256, tokenDisplayPrefix } from './credentials';
import { projectNotFound } from './access.guard';
import type { Principal } from './principal';

export function toApiToken(row: TokenMetaRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    project: row.project?.slug ?? null,
    scope: row.scope === 'write' ? 'write' : 'read',
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A user's API tokens: shown once, stored as sha256, bound to one project (or, for admins, none). */
@Injectable()
export class TokensService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly access: AuthRepository,
  ) {}

  async list(principal: Principal): Promise<TApiToken[]> {
    return (await this.accounts.listTokens(principal.user.id)).map(toApiToken);
  }

  async create(principal: Principal, request: TCreateTokenRequest): Promise<TCreatedToken> {
    // A token never holds more than the credential that made it.
    if (principal.token?.projectId && request.project === null) throw forbidden('a project token cannot create an instance-wide token');
    let projectId: string | null = null;
    if (request.project === null) {
      if (!principal.user.isAdmin) throw forbidden('an instance-wide token (project null) needs an instance admin: name a project');
    } else {
      const project = await this.access.projectBySlug(request.project, principal.user.id);
      const visible = project && (principal.user.isAdmin || project.role !== null);
      const inToken = !principal.token?.projectId || principal.token.projectId === project?.id;
      if (!project || !visible || !inToken) throw notFound(projectNotFound(request.project));
      projectId = project.id;
    }
    const value = newTokenValue();
    const row = await this.accounts.createToken({
      name: request.name,
      prefix: tokenDisplayPrefix(value),
      tokenHash: sha256(value),
      userId: principal.user.id,
      projectId,
      scope: principal.token?.scope === 'read' ? 'read' : request.scope,
      expiresAt: request.expiresInDays ? new Date(Date.now() + request.expiresInDays * 24 * 3600 * 1000) : null,
    });
    return { ...toApiToken(row), token: value };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    if (!(await this.accounts.revokeToken(id, principal.user.id))) throw notFound(`You have no active token '${id}'.`);
  }
}
