import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import { AuthCache } from './auth-cache';
import type { TRole, TTokenScope } from './permissions';

export const ACCOUNT_SELECT = { id: true, email: true, name: true, isAdmin: true, createdAt: true, disabledAt: true } as const;
export type AccountRow = Prisma.UserGetPayload<{ select: typeof ACCOUNT_SELECT }>;

export const TOKEN_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  project: { select: { slug: true } },
} as const;
export type TokenMetaRow = Prisma.ApiTokenGetPayload<{ select: typeof TOKEN_SELECT }>;

/** Users, their sessions and their API tokens. */
@Injectable()
export class AccountsRepository {
  // Writes to users, sessions and tokens invalidate the AuthCache: they change who may do what.
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly cache: AuthCache,
  ) {}

  userCount(): Promise<number> {
    return this.prisma.user.count();
  }

  findByEmail(email: string): Promise<(AccountRow & { passwordHash: string }) | null> {
    return this.prisma.user.findUnique({ where: { email }, select: { ...ACCOUNT_SELECT, passwordHash: true } });
  }

  findById(id: string): Promise<AccountRow | null> {
    return this.prisma.user.findUnique({ where: { id }, select: ACCOUNT_SELECT });
  }

  listUsers(): Promise<AccountRow[]> {
    return this.prisma.user.findMany({ orderBy: { createdAt: 'asc' }, select: ACCOUNT_SELECT });
  }

  /** null: the email is taken. */
  async createUser(data: { email: string; name: string; passwordHash: string; isAdmin: boolean }): Promise<AccountRow | null> {
    try {
      return await this.prisma.user.create({ data, select: ACCOUNT_SELECT });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
      throw error;
    }
  }

  /**
   * The first user of an instance: an admin and owner of 'default', only while no user exists.
   * Serialized with an advisory lock, so two API processes booting at once (or a set-up racing
   * the bootstrap) create one. null: a user exists already.
   */
  async createFirstAdmin(
    data: { email: string; name: string; passwordHash: string },
    defaultProjectId: string,
  ): Promise<AccountRow | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('atelier:first-admin', 0))`;
      if ((await tx.user.count()) > 0) return null;
      const user = await tx.user.create({ data: { ...data, isAdmin: true }, select: ACCOUNT_SELECT });
      await tx.projectMember.create({ data: { projectId: defaultProjectId, userId: user.id, role: 'owner' } });
      return user;
    });
  }

  async updateUser(id: string, data: { disabledAt?: Date | null; isAdmin?: boolean }): Promise<AccountRow> {
    const row = await this.prisma.user.update({ where: { id }, data, select: ACCOUNT_SELECT });
    this.cache.invalidate();
    return row;
  }

  /** Signing out everywhere: a disabled user's sessions end at once (tokens are refused by the disabled flag). */
  async deleteSessionsOf(userId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { userId } });
    this.cache.invalidate();
  }

  createSession(data: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<{ id: string }> {
    return this.prisma.session.create({ data, select: { id: true } });
  }

  async deleteSession(id: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id } });
    this.cache.invalidate();
  }

  /** The user's memberships, and for an admin every other project too (role null). */
  async projectsOf(
    userId: string,
    isAdmin: boolean,
  ): Promise<{ id: string; slug: string; name: string; createdAt: Date; role: TRole | null }[]> {
    const projects = await this.prisma.project.findMany({
      where: isAdmin ? {} : { members: { some: { userId } } },
      orderBy: { slug: 'asc' },
      select: { id: true, slug: true, name: true, createdAt: true, members: { where: { userId }, select: { role: true } } },
    });
    return projects.map(({ members, ...project }) => ({ ...project, role: (members[0]?.role as TRole | undefined) ?? null }));
  }

  listTokens(userId: string): Promise<TokenMetaRow[]> {
    return this.prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, select: TOKEN_SELECT });
  }

  createToken(data: {
    name: string;
    prefix: string;
    tokenHash: string;
    userId: string;
    projectId: string | null;
    scope: TTokenScope;
    expiresAt: Date | null;
  }): Promise<TokenMetaRow> {
    return this.prisma.apiToken.create({ data, select: TOKEN_SELECT });
  }

  /** The bootstrap token: kept (or restored) with the configured value at every boot. */
  async upsertToken(data: { name: string; prefix: string; tokenHash: string; userId: string }): Promise<void> {
    await this.prisma.apiToken.upsert({
      where: { tokenHash: data.tokenHash },
      create: { ...data, projectId: null, scope: 'write' },
      update: { revokedAt: null, expiresAt: null, userId: data.userId },
    });
    this.cache.invalidate();
  }

  /** false: no such token of this user (or revoked already). */
  async revokeToken(id: string, userId: string): Promise<boolean> {
    const { count } = await this.prisma.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    this.cache.invalidate();
    return count === 1;
  }
}
