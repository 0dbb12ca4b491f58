import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import type { TResourceKind } from './access.decorator';
import { AuthCache } from './auth-cache';
import { isRole, type TRole, type TTokenScope } from './permissions';
import type { PrincipalUser } from './principal';

const USER_SELECT = { id: true, email: true, name: true, isAdmin: true, disabledAt: true } as const;

export interface SessionRow {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  user: PrincipalUser & { disabledAt: Date | null };
}

export interface TokenRow {
  id: string;
  projectId: string | null;
  scope: TTokenScope;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  user: PrincipalUser & { disabledAt: Date | null };
}

/** A project as the caller sees it: null role = not a member. */
export interface ProjectAccessRow {
  id: string;
  slug: string;
  role: TRole | null;
}

/**
 * A resource's project with the caller's role there, in one query: the resource by its primary
 * key (or unique key), joined to its project and to the caller's membership (primary key).
 */
const RESOURCE_PROJECT: Record<TResourceKind, (id: string, userId: string) => Prisma.Sql> = {
  experiment: (id, userId) => Prisma.sql`
    SELECT p.id, p.slug, m.role FROM experiment e JOIN project p ON p.id = e.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
    WHERE e.id = ${id}::uuid`,
  run: (id, userId) => Prisma.sql`
    SELECT p.id, p.slug, m.role FROM run r JOIN experiment e ON e.id = r.experiment_id JOIN project p ON p.id = e.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
    WHERE r.id = ${id}::uuid`,
  trial: (id, userId) => RESOURCE_PROJECT.run(id, userId),
  // a model artifact belongs to a trial (refit or logged) or, for older rows, to an experiment
  model: (id, userId) => Prisma.sql`
    SELECT p.id, p.slug, m.role FROM artifact a
    LEFT JOIN run r ON r.id = a.trial_id
    JOIN experiment e ON e.id = COALESCE(a.experiment_id, r.experiment_id) JOIN project p ON p.id = e.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
    WHERE a.id = ${id}::uuid`,
  // builtin datasets have no project: the row comes back with a null id
  dataset: (key, userId) => Prisma.sql`
    SELECT p.id, p.slug, m.role FROM dataset d LEFT JOIN project p ON p.id = d.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
    WHERE d.key = ${key}`,
  trashItem: () => {
    throw new Error('trashItem is resolved as an experiment or a run');
  },
};

@Injectable()
export class AuthRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly cache: AuthCache,
  ) {}

  // Every read below answers before each request's handler: the cache spares them (see AuthCache).
  async findSession(tokenHash: string): Promise<SessionRow | null> {
    return this.cache.get(`session:${tokenHash}`, () =>
      this.prisma.session.findUnique({
        where: { tokenHash },
        select: { id: true, csrfToken: true, expiresAt: true, lastSeenAt: true, user: { select: USER_SELECT } },
      }),
    );
  }

  async findToken(tokenHash: string): Promise<TokenRow | null> {
    return this.cache.get(`token:${tokenHash}`, () => this.readToken(tokenHash));
  }

  private async readToken(tokenHash: string): Promise<TokenRow | null> {
    const row = await this.prisma.apiToken.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        projectId: true,
        scope: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        user: { select: USER_SELECT },
      },
    });
    return row ? { ...row, scope: row.scope === 'write' ? 'write' : 'read' } : null;
  }

  /** Conditional, so two API processes (or two requests) touching the same minute write once. */
  async touchToken(id: string, now: Date, olderThan: Date): Promise<void> {
    await this.prisma.apiToken.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: olderThan } }] },
      data: { lastUsedAt: now },
    });
  }

  async touchSession(id: string, now: Date, olderThan: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id, lastSeenAt: { lt: olderThan } }, data: { lastSeenAt: now } });
  }

  async projectBySlug(slug: string, userId: string): Promise<ProjectAccessRow | null> {
    return this.cache.get(`project-slug:${userId}:${slug}`, () => this.readProjectBySlug(slug, userId));
  }

  private async readProjectBySlug(slug: string, userId: string): Promise<ProjectAccessRow | null> {
    const rows = await this.prisma.$queryRaw<{ id: string; slug: string; role: string | null }[]>`
      SELECT p.id, p.slug, m.role FROM project p
      LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
      WHERE p.slug = ${slug}`;
    return rows[0] ? toAccess(rows[0]) : null;
  }

  async projectById(id: string, userId: string): Promise<ProjectAccessRow | null> {
    return this.cache.get(`project-id:${userId}:${id}`, () => this.readProjectById(id, userId));
  }

  private async readProjectById(id: string, userId: string): Promise<ProjectAccessRow | null> {
    const rows = await this.prisma.$queryRaw<{ id: string; slug: string; role: string | null }[]>`
      SELECT p.id, p.slug, m.role FROM project p
      LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
      WHERE p.id = ${id}::uuid`;
    return rows[0] ? toAccess(rows[0]) : null;
  }

  /** undefined: no such record; `builtin`: a record of no project (builtin datasets). */
  async resourceProject(kind: TResourceKind, id: string, userId: string): Promise<ProjectAccessRow | 'builtin' | undefined> {
    // A dataset's key can be taken again, in another project, once it is deleted: read each time.
    // Experiments, runs and models have uuids and never change project, so their rows are kept.
    if (kind === 'dataset') return this.readResourceProject(kind, id, userId);
    return this.cache.get(`resource:${userId}:${kind}:${id}`, () => this.readResourceProject(kind, id, userId));
  }

  private async readResourceProject(kind: TResourceKind, id: string, userId: string): Promise<ProjectAccessRow | 'builtin' | undefined> {
    const rows = await this.prisma.$queryRaw<{ id: string | null; slug: string | null; role: string | null }[]>(
      RESOURCE_PROJECT[kind](id, userId),
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.id === null || row.slug === null) return 'builtin';
    return toAccess({ id: row.id, slug: row.slug, role: row.role });
  }

  /** The projects of several runs at once (GET /compare): one query, missing ids left out. */
  async runsProjects(ids: string[], userId: string): Promise<ProjectAccessRow[]> {
    const rows = await this.prisma.$queryRaw<{ id: string; slug: string; role: string | null }[]>`
      SELECT DISTINCT p.id, p.slug, m.role FROM run r JOIN experiment e ON e.id = r.experiment_id JOIN project p ON p.id = e.project_id
      LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}::uuid
      WHERE r.id = ANY(${ids}::uuid[])`;
    return rows.map(toAccess);
  }

  /** The ids of the projects a user is a member of (every role reads). */
  async memberProjectIds(userId: string): Promise<string[]> {
    return this.cache.get(`member-of:${userId}`, async () => {
      const rows = await this.prisma.projectMember.findMany({ where: { userId }, select: { projectId: true } });
      return rows.map((row) => row.projectId);
    });
  }
}

function toAccess(row: { id: string; slug: string; role: string | null }): ProjectAccessRow {
  return { id: row.id, slug: row.slug, role: isRole(row.role) ? row.role : null };
}
