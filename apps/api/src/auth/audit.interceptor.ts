import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';
import type { PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import type { AuthenticatedRequest } from './principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TARGET_PARAMS = ['id', 'key', 'name', 'userId', 'slug'] as const;

/**
 * The audit log (APP_INTERCEPTOR): every authenticated write, once its answer is sent (the final
 * status, errors included): method, route pattern, path, user, token, project and the record it
 * addressed (a path parameter, or the id of what a POST created). Recording never fails the
 * request: a lost event is logged.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (SAFE_METHODS.has(request.method) || !principal) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const params = request.params as Record<string, string | undefined>;
    let target = TARGET_PARAMS.map((name) => params[name]).find((value) => typeof value === 'string') ?? null;
    response.once('finish', () => {
      this.prisma.auditEvent
        .create({
          data: {
            projectId: request.access?.project?.id ?? null,
            userId: principal.user.id,
            tokenId: principal.token?.id ?? null,
            method: request.method,
            route: (request.route as { path?: string } | undefined)?.path ?? request.path,
            path: request.path.slice(0, 2000),
            status: response.statusCode,
            target,
          },
        })
        .catch((error: unknown) => this.logger.warn(`audit event of ${request.method} ${request.path} lost: ${(error as Error).message}`));
    });
    return next.handle().pipe(
      tap((value) => {
        const id = (value as { id?: unknown } | null | undefined)?.id;
        if (target === null && typeof id === 'string') target = id;
      }),
    );
  }
}
