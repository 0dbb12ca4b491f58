import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  type TSessionInfo,
  type TSetupRequest,
  type TSignInRequest,
  ZApiError,
  ZSessionInfo,
  ZSetupRequest,
  ZSetupStatus,
  ZSignInRequest,
  ZSignInResponse,
} from '@atelier/domain';
import { Contract, ValidBody } from '../common/contract';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { Access, Caller, Public } from './access.decorator';
import { AuthService, type SignedIn, WRONG_CREDENTIALS } from './auth.service';
import { SESSION_COOKIE } from './credentials';
import type { Principal } from './principal';

const TOO_MANY = { description: 'Too many attempts for this email or address: Retry-After says when to try again', schema: ZApiError };

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  /** POST /auth/sign-in: email and password -> a session cookie and its CSRF token. */
  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @Contract({
    summary: 'Sign in',
    description: `Sets the http-only cookie ${SESSION_COOKIE}. Writes made with it must send x-atelier-csrf: <csrfToken>.`,
    tags: ['auth'],
    body: ZSignInRequest,
    responses: {
      200: { description: 'Signed in', schema: ZSignInResponse },
      401: { description: `'${WRONG_CREDENTIALS}' for an unknown email and a wrong password alike`, schema: ZApiError },
      429: TOO_MANY,
      503: { description: 'Redis (which counts the attempts) is unreachable', schema: ZApiError },
    },
  })
  async signIn(@ValidBody() body: TSignInRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const signedIn = await this.auth.signIn(body.email, body.password, request.ip ?? 'unknown');
    return this.answer(signedIn, request, response);
  }

  /** POST /auth/sign-out: ends this session and clears its cookie. */
  @Post('sign-out')
  @HttpCode(204)
  @Access('read')
  @Contract({ summary: 'Sign out', tags: ['auth'], responses: { 204: { description: 'Signed out' } } })
  async signOut(@Caller() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(principal);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /** GET /auth/session: who is calling, the CSRF token of the session, and the caller's projects. */
  @Get('session')
  @Access('read')
  @Contract({
    summary: 'The current session',
    tags: ['auth'],
    responses: { 200: { description: 'The caller', schema: ZSessionInfo }, 401: { description: 'No credentials', schema: ZApiError } },
  })
  session(@Caller() principal: Principal): Promise<TSessionInfo> {
    return this.auth.sessionInfo(principal);
  }

  /** GET /auth/setup: whether the one-time set-up is open (no user yet). */
  @Get('setup')
  @Public()
  @Contract({
    summary: 'Whether set-up is needed',
    tags: ['auth'],
    responses: { 200: { description: 'Set-up status', schema: ZSetupStatus } },
  })
  async setupStatus(): Promise<{ needsSetup: boolean }> {
    return { needsSetup: await this.auth.needsSetup() };
  }

  /** POST /auth/setup: the first admin (owner of the default project), signed in; only while no user exists. */
  @Post('setup')
  @Public()
  @Contract({
    summary: 'Create the first admin',
    tags: ['auth'],
    body: ZSetupRequest,
    responses: {
      201: { description: 'The first admin, signed in', schema: ZSignInResponse },
      409: { description: 'A user exists already', schema: ZApiError },
    },
  })
  async setup(@ValidBody() body: TSetupRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.answer(await this.auth.setup(body), request, response);
  }

  private answer(signedIn: SignedIn, request: Request, response: Response) {
    response.cookie(SESSION_COOKIE, signedIn.cookie.value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.ATELIER_COOKIE_SECURE || request.secure,
      path: '/',
      expires: signedIn.cookie.expiresAt,
    });
    return { user: signedIn.user, csrfToken: signedIn.csrfToken };
  }
}
