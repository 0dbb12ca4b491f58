import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { AuthCache } from '../auth/auth-cache';
import { PRISMA } from '../infra/tokens';

export const DEFAULT_PROJECT_SLUG = 'default';

const MEMBER_SELECT = { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } as const;
export type MemberRow = Prisma.ProjectMemberGetPayload<{ select: typeof MEMBER_SELECT }>;

export type LastOwnerOutcome = 'ok' | 'missing' | 'last-owner';

@Injectable()
export class ProjectsRepository {
  // Membership writes invalidate the AuthCache: who may do what changes with them.
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly cache: AuthCache,
  ) {}

  /** The default project, created on first use; safe when two API processes start at once. */
  async ensureDefault(): Promise<{ id: string }> {
    return this.prisma.project.upsert({
      where: { slug: DEFAULT_PROJECT_SLUG },
      create: { slug: DEFAULT_PROJECT_SLUG, name: 'Default project' },
      update: {},
      select: { id: true },
    });
  }

  /** The project and its first owner together; null: the slug is taken. */
  async create(slug: string, name: string, ownerId: string): Promise<{ id: string; slug: string; name: string; createdAt: Date } | null> {
    try {
      const project = await this.prisma.project.create({
        data: { slug, name, members: { create: { userId: ownerId, role: 'owner' } } },
        select: { id: true, slug: true, name: true, createdAt: true },
      });
      // the owner's cached list of memberships lacks it
      this.cache.invalidate();
      return project;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
      throw error;
    }
  }

  find(id: string): Promise<{ id: string; slug: string; name: string; createdAt: Date } | null> {
    return this.prisma.project.findUnique({ where: { id }, select: { id: true, slug: true, name: true, createdAt: true } });
  }

  rename(id: string, name: string): Promise<{ id: string; slug: string; name: string; createdAt: Date }> {
    return this.prisma.project.update({ where: { id }, data: { name }, select: { id: true, slug: true, name: true, createdAt: true } });
  }

  /** What keeps a project from being deleted: its experiments (trashed ones too), datasets, architectures, models. */
  async contents(id: string): Promise<Record<'experiments' | 'datasets' | 'architectures' | 'registeredModels', number>> {
    const [experiments, datasets, architectures, registeredModels] = await Promise.all([
      this.prisma.experiment.count({ where: { projectId: id } }),
      this.prisma.dataset.count({ where: { projectId: id } }),
      this.prisma.architecture.count({ where: { projectId: id } }),
      this.prisma.registeredModel.count({ where: { projectId: id } }),
    ]);
    return { experiments, datasets, architectures, registeredModels };
  }

  async delete(id: string): Promise<void> {
    await this.prisma.project.delete({ where: { id } });
    this.cache.invalidate();
  }

  members(projectId: string): Promise<MemberRow[]> {
    return this.prisma.projectMember.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' }, select: MEMBER_SELECT });
  }

  userByEmail(email: string): Promise<{ id: string } | null> {
    return this.prisma.user.findUnique({ where: { email }, select: { id: true } });
  }

  /** Adds or changes a membership; the caller checked the last-owner rule for a change. */
  async upsertMember(projectId: string, userId: string, role: string): Promise<MemberRow> {
    const member = await this.prisma.projectMember.upsert({
      where: { projectId_userId: { projectId, userId } },
      create: { projectId, userId, role },
      update: { role },
      select: MEMBER_SELECT,
    });
    this.cache.invalidate();
    return member;
  }

  /**
   * Changes (role) or removes (null) a membership unless it would leave the project without an
   * owner. The owners are locked first (FOR UPDATE), so two owners demoting each other at once
   * cannot both succeed.
   */
  async changeMember(projectId: string, userId: string, role: string | null): Promise<{ outcome: LastOwnerOutcome; member?: MemberRow }> {
    const changed = await this.prisma.$transaction(async (tx) => {
      const owners = await tx.$queryRaw<{ user_id: string }[]>`
        SELECT user_id FROM project_member WHERE project_id = ${projectId}::uuid AND role = 'owner' FOR UPDATE`;
      const current = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { role: true } });
      if (!current) return { outcome: 'missing' as const };
      const isOwner = current.role === 'owner';
      if (isOwner && role !== 'owner' && owners.length <= 1) return { outcome: 'last-owner' as const };
      if (role === null) {
        await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId } } });
        return { outcome: 'ok' as const };
      }
      const member = await tx.projectMember.update({
        where: { projectId_userId: { projectId, userId } },
        data: { role },
        select: MEMBER_SELECT,
      });
      return { outcome: 'ok' as const, member };
    });
    if (changed.outcome === 'ok') this.cache.invalidate();
    return changed;
  }

  /** One page of audit events, newest first; the cursor is the last event's (at, id). */
  async auditPage(projectId: string, limit: number, cursor: { at: Date; id: string } | null) {
    return this.prisma.auditEvent.findMany({
      where: {
        projectId,
        ...(cursor ? { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: {
        id: true,
        at: true,
        method: true,
        route: true,
        path: true,
        status: true,
        target: true,
        tokenId: true,
        user: { select: { id: true, email: true } },
      },
    });
  }
}
