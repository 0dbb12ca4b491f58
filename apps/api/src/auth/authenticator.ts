import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { unauthorized } from '../common/api-exception';
import { AuthRepository } from './auth.repository';
import { SESSION_COOKIE, sha256, TOKEN_PREFIX } from './credentials';
import type { Principal } from './principal';

/** lastUsedAt / lastSeenAt are written at most this often per token or session: not a write per request. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Who sends a request: a bearer token first (scripts, SDK, CLI), else the session cookie (the web app). */
@Injectable()
export class Authenticator {
  constructor(private readonly repository: AuthRepository) {}

  /** null: the request carries no credential at all. Throws 401 for a bad one. */
  async authenticate(request: Request): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) return this.fromToken(header);
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) return this.fromSession(cookie);
    return null;
  }

  private async fromToken(header: string): Promise<Principal> {
    const value = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (value === undefined) throw unauthorized('the Authorization header must be "Bearer <token>"');
    if (!value.startsWith(TOKEN_PREFIX)) throw unauthorized('invalid token');
    const token = await this.repository.findToken(sha256(value));
    if (!token) throw unauthorized('invalid token');
    if (token.revokedAt) throw unauthorized('token revoked');
    const now = new Date();
    if (token.expiresAt && token.expiresAt <= now) throw unauthorized(`token expired on ${token.expiresAt.toISOString()}`);
    if (token.user.disabledAt) throw unauthorized('this account is disabled');
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      // Not awaited: the request does not wait on bookkeeping; a failed write is retried next minute.
      this.repository.touchToken(token.id, now, new Date(now.getTime() - TOUCH_INTERVAL_MS)).catch(() => undefined);
      // the row may be AuthCache's: its next reuse must not touch again within the interval
      token.lastUsedAt = now;
    }
    const { disabledAt: _disabled, ...user } = token.user;
    return { user, via: 'token', token: { id: token.id, projectId: token.projectId, scope: token.scope } };
  }

  private async fromSession(cookie: string): Promise<Principal> {
    const session = await this.repository.findSession(sha256(cookie));
    if (!session) throw unauthorized('your session has ended: sign in again');
    const now = new Date();
    if (session.expiresAt <= now) throw unauthorized('your session has expired: sign in again');
    if (session.user.disabledAt) throw unauthorized('this account is disabled');
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      this.repository.touchSession(session.id, now, new Date(now.getTime() - TOUCH_INTERVAL_MS)).catch(() => undefined);
      session.lastSeenAt = now;
    }
    const { disabledAt: _disabled, ...user } = session.user;
    return { user, via: 'session', session: { id: session.id, csrfToken: session.csrfToken } };
  }
}
