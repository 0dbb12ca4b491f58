import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ProjectsController } from '../projects/projects.controller';
import { ProjectsModule } from '../projects/projects.module';
import { ProjectsService } from '../projects/projects.service';
import { AccessGuard } from './access.guard';
import { AuthCacheModule } from './auth-cache.module';
import { AccountsRepository } from './accounts.repository';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRetention } from './audit-retention';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { SignInLimiter } from './sign-in-limiter';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, sessions, tokens, projects and roles: the global AccessGuard (deny by default) and the
 * audit interceptor apply to every route of every module.
 */
@Module({
  imports: [ProjectsModule, AuthCacheModule],
  controllers: [AuthController, TokensController, UsersController, ProjectsController],
  providers: [
    AuthRepository,
    AuditRetention,
    AccountsRepository,
    Authenticator,
    SignInLimiter,
    AuthService,
    TokensService,
    UsersService,
    ProjectsService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuthService],
})
export class AuthModule {}
