import { Injectable } from '@nestjs/common';
import type { TMember, TProject, TRole } from '@atelier/domain';
import { ZAuditPage } from '@atelier/domain';
import type { z } from 'zod';
import { badRequest, conflict, forbidden, notFound } from '../common/api-exception';
import { decide } from '../auth/permissions';
import { AccountsRepository } from '../auth/accounts.repository';
import type { Principal, ProjectScope } from '../auth/principal';
import { DEFAULT_PROJECT_SLUG, type MemberRow, ProjectsRepository } from './projects.repository';

function toMember(row: MemberRow): TMember {
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.role as TRole,
    createdAt: row.createdAt.toISOString(),
  };
}

const LAST_OWNER = (slug: string) =>
  conflict(`'${slug}' would have no owner: make another member owner first (a project keeps at least one owner)`);

/** Projects, their members and roles, and their audit log. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  async list(principal: Principal): Promise<TProject[]> {
    const rows = await this.accounts.projectsOf(principal.user.id, principal.user.isAdmin);
    return rows
      .filter((row) => !principal.token?.projectId || row.id === principal.token.projectId)
      .map((row) => ({ id: row.id, slug: row.slug, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() }));
  }

  async create(principal: Principal, slug: string, name: string): Promise<TProject> {
    const row = await this.projects.create(slug, name, principal.user.id);
    if (!row) throw conflict(`The slug '${slug}' is taken: choose another.`);
    return { ...row, role: 'owner', createdAt: row.createdAt.toISOString() };
  }

  async get(scope: ProjectScope): Promise<TProject> {
    const row = await this.projects.find(scope.id);
    if (!row) throw notFound(`No project has the slug '${scope.slug}'.`);
    return { ...row, role: scope.role, createdAt: row.createdAt.toISOString() };
  }

  async rename(scope: ProjectScope, name: string): Promise<TProject> {
    const row = await this.projects.rename(scope.id, name);
    return { ...row, role: scope.role, createdAt: row.createdAt.toISOString() };
  }

  /** Only an empty project goes: its experiments, models and data are never deleted by surprise. */
  async delete(scope: ProjectScope): Promise<void> {
    if (scope.slug === DEFAULT_PROJECT_SLUG) throw conflict('The default project cannot be deleted.');
    const contents = await this.projects.contents(scope.id);
    const held = Object.entries(contents).filter(([, n]) => n > 0);
    if (held.length > 0) {
      throw conflict(`'${scope.slug}' is not empty (${held.map(([what, n]) => `${n} ${what}`).join(', ')}): delete or purge them first.`);
    }
    await this.projects.delete(scope.id);
  }

  async members(scope: ProjectScope): Promise<TMember[]> {
    return (await this.projects.members(scope.id)).map(toMember);
  }

  /** Invites an existing user (the instance admin creates accounts); an existing member gets the role. */
  async addMember(scope: ProjectScope, email: string, role: TRole): Promise<TMember> {
    const user = await this.projects.userByEmail(email);
    if (!user) throw notFound(`No user has the email '${email}': an instance admin creates the account first (POST /users).`);
    const existing = (await this.projects.members(scope.id)).find((member) => member.user.id === user.id);
    if (existing) return this.updateMember(scope, user.id, role);
    return toMember(await this.projects.upsertMember(scope.id, user.id, role));
  }

  async updateMember(scope: ProjectScope, userId: string, role: TRole): Promise<TMember> {
    const { outcome, member } = await this.projects.changeMember(scope.id, userId, role);
    if (outcome === 'missing') throw notFound(`User '${userId}' is not a member of '${scope.slug}'.`);
    if (outcome === 'last-owner' || !member) throw LAST_OWNER(scope.slug);
    return toMember(member);
  }

  /** Leaving needs only membership (and a write credential); removing someone else needs the owner role. */
  async removeMember(principal: Principal, scope: ProjectScope, userId: string): Promise<void> {
    if (principal.token?.scope === 'read') throw forbidden('token is read-only');
    if (userId !== principal.user.id) {
      const caller = {
        isAdmin: principal.user.isAdmin,
        tokenScope: principal.token?.scope ?? null,
        tokenProjectId: principal.token?.projectId ?? null,
      };
      const decision = decide(caller, 'owner', scope);
      if (!decision.allowed) throw forbidden(decision.message);
    }
    const { outcome } = await this.projects.changeMember(scope.id, userId, null);
    if (outcome === 'missing') throw notFound(`User '${userId}' is not a member of '${scope.slug}'.`);
    if (outcome === 'last-owner') throw LAST_OWNER(scope.slug);
  }

  async audit(scope: ProjectScope, limit: number, cursor: string | undefined): Promise<z.input<typeof ZAuditPage>> {
    const rows = await this.projects.auditPage(scope.id, limit, cursor === undefined ? null : decodeCursor(cursor));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      events: page.map((row) => ({ ...row, at: row.at.toISOString(), user: row.user ?? null })),
      nextCursor: rows.length > limit && last ? Buffer.from(`${last.at.toISOString()}|${last.id}`).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw badRequest('Invalid query parameter: cursor is not one this API gave out (use nextCursor)');
  return { at: date, id };
}
