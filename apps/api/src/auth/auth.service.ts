import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TSessionInfo, TUser, TUserAccount } from '@atelier/domain';
import { conflict, unauthorized } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { ProjectsRepository } from '../projects/projects.repository';
import { type AccountRow, AccountsRepository } from './accounts.repository';
import { dummyPasswordHash, hashPassword, randomSecret, sha256, tokenDisplayPrefix, verifyPassword } from './credentials';
import type { Principal } from './principal';
import { SignInLimiter } from './sign-in-limiter';

export const WRONG_CREDENTIALS = 'wrong email or password';

export interface SignedIn {
  user: TUser;
  csrfToken: string;
  /** The cookie's value (only its hash is stored) and when it expires. */
  cookie: { value: string; expiresAt: Date };
}

export function toUser(row: AccountRow): TUser {
  return { id: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin };
}

export function toAccount(row: AccountRow): TUserAccount {
  return { ...toUser(row), createdAt: row.createdAt.toISOString(), disabledAt: row.disabledAt?.toISOString() ?? null };
}

/** Sign-in, sessions, the first admin (set-up page or ATELIER_ADMIN_* at boot). */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly projects: ProjectsRepository,
    private readonly limiter: SignInLimiter,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  /** One message for an unknown email and a wrong password, and the same work for both. */
  async signIn(email: string, password: string, ip: string): Promise<SignedIn> {
    await this.limiter.attempt(email, ip);
    const user = await this.accounts.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw unauthorized(WRONG_CREDENTIALS);
    if (user.disabledAt) throw unauthorized('this account is disabled');
    await this.limiter.succeeded(email);
    return this.startSession(user);
  }

  async signOut(principal: Principal): Promise<void> {
    if (principal.session) await this.accounts.deleteSession(principal.session.id);
  }

  async sessionInfo(principal: Principal): Promise<TSessionInfo> {
    const projects = await this.accounts.projectsOf(principal.user.id, principal.user.isAdmin);
    return {
      user: principal.user,
      csrfToken: principal.session?.csrfToken ?? null,
      via: principal.via,
      projects: projects
        .filter((project) => !principal.token?.projectId || project.id === principal.token.projectId)
        .map(({ slug, name, role }) => ({ slug, name, role })),
    };
  }

  async needsSetup(): Promise<boolean> {
    return (await this.accounts.userCount()) === 0;
  }

  /** POST /auth/setup: the first admin, then signed in; 409 once any user exists. */
  async setup(input: { email: string; name: string; password: string }): Promise<SignedIn> {
    const user = await this.createFirstAdmin(input.email, input.name, input.password);
    if (!user) throw conflict('Atelier is set up already: sign in (an instance admin creates more users)');
    return this.startSession(user);
  }

  /** At boot: ATELIER_ADMIN_EMAIL/PASSWORD create the first admin while no user exists; ATELIER_ADMIN_TOKEN is kept. */
  async bootstrap(): Promise<void> {
    const { ATELIER_ADMIN_EMAIL: email, ATELIER_ADMIN_PASSWORD: password, ATELIER_ADMIN_TOKEN: token } = this.config;
    if (!email || !password) {
      if (await this.needsSetup())
        this.logger.warn('no user yet: open the web app to set up the first admin, or set ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD');
      return;
    }
    const created = await this.createFirstAdmin(email.toLowerCase(), 'Admin', password);
    if (created) this.logger.log(`created the first admin ${created.email} (owner of the default project)`);
    if (!token) return;
    const admin = await this.accounts.findByEmail(email.toLowerCase());
    if (!admin?.isAdmin) {
      this.logger.warn(`ATELIER_ADMIN_TOKEN ignored: ${email} is not an instance admin`);
      return;
    }
    await this.accounts.upsertToken({
      name: 'ATELIER_ADMIN_TOKEN',
      prefix: tokenDisplayPrefix(token),
      tokenHash: sha256(token),
      userId: admin.id,
    });
  }

  private async createFirstAdmin(email: string, name: string, password: string): Promise<AccountRow | null> {
    const project = await this.projects.ensureDefault();
    return this.accounts.createFirstAdmin({ email, name, passwordHash: await hashPassword(password) }, project.id);
  }

  private async startSession(user: AccountRow): Promise<SignedIn> {
    const value = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(Date.now() + this.config.ATELIER_SESSION_DAYS * 24 * 3600 * 1000);
    await this.accounts.createSession({ tokenHash: sha256(value), userId: user.id, csrfToken, expiresAt });
    return { user: toUser(user), csrfToken, cookie: { value, expiresAt } };
  }
}
