import type { Server } from 'node:http';
import { type INestApplication, Logger, type LoggerService, type LogLevel, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ensureDatabase } from '@atelier/db/create-database';
import { migrate } from '@atelier/db/migrate';
import { RUN_LIMITS } from '@atelier/domain';
import { AppModule } from './app.module';
import { AuthService } from './auth/auth.service';
import { assertEveryRouteDeclared } from './auth/route-declarations';
import { buildOpenApiDocument, discoverRoutes } from './common/openapi';
import type { TApiConfig } from './config';
import { loggingParams } from './infra/logging';
import { requestContextMiddleware } from './infra/request-context';
import { MetricsService } from './metrics/metrics.service';
import { ProjectsRepository } from './projects/projects.repository';

export interface CreateAppOptions {
  /** Tests: Nest's console logger at these levels instead of JSON lines, and no per-request lines. */
  logger?: LoggerService | LogLevel[] | false;
  /** Tests: where the JSON log lines go (stdout otherwise); request lines are then written too. */
  logDestination?: DestinationStream;
}

/**
 * The API, ready to listen: database created and migrated, builtins seeded (in the modules'
 * onModuleInit), routes, error filter, CORS and OpenAPI in place. Tests call this too.
 */
export async function createApp(config: TApiConfig, options: CreateAppOptions = {}): Promise<INestApplication<Server>> {
  const consoleLogger = options.logDestination ? undefined : options.logger;
  const logging = loggingParams({ level: consoleLogger !== undefined ? 'silent' : config.LOG_LEVEL, destination: options.logDestination });
  // JSON from the first line on: migrations log before Nest (and nestjs-pino's module) exist.
  const appLogger = consoleLogger ?? new PinoNestLogger(new PinoLogger(logging), logging);
  Logger.overrideLogger(appLogger);
  const logger = new Logger('Bootstrap');
  if (await ensureDatabase(config.DATABASE_URL)) logger.log('created the database');
  const applied = await migrate(config.DATABASE_URL, { log: (message) => logger.log(message) });
  if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);

  // Nest declares these options as a class (NestApplicationContextOptions) but reads them as a plain object.
  const appOptions: Partial<NestApplicationOptions> = {
    logger: appLogger,
    // open SSE streams must not hold a shutdown up
    forceCloseConnections: true,
    // Pages of the listed origins may call the API (a browser training that logs through the SDK);
    // the preflight admits the SDK's JSON and multipart POSTs with their bearer token.
    cors:
      config.ATELIER_CORS_ORIGINS.length > 0
        ? {
            origin: config.ATELIER_CORS_ORIGINS,
            methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
            // No cookies cross-origin (credentials stay off): such pages authenticate with a bearer token.
            allowedHeaders: ['authorization', 'content-type', 'accept'],
            maxAge: 600,
          }
        : false,
  };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logging), appOptions);
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // Deny by default: a route that declares no access rule stops the start, naming the handler.
  assertEveryRouteDeclared(app);
  // The web app's server-side proxy on this machine forwards the browser's address
  // (X-Forwarded-For): the sign-in limit counts per browser, not per proxy.
  app.set('trust proxy', 'loopback');
  // Security headers; helmet's default CSP suits a JSON API and the Swagger UI served from /docs.
  app.use(helmet());
  app.use(cookieParser());
  // Express reads 100 KB of JSON by default: less than a full POST /runs/{id}/log batch.
  app.useBodyParser('json', { limit: RUN_LIMITS.requestBytes });
  // Before Nest's own middleware and routes: every request gets its id first, then its timer.
  app.use(requestContextMiddleware);
  app.use(app.get(MetricsService).httpMiddleware);
  // Routes added after init() would sit behind Nest's not-found handler: document first.
  const document = buildOpenApiDocument(discoverRoutes(app), {
    title: 'Atelier API',
    version: '0.1.0',
    description: 'Experiments, trials, metrics and live progress of TensorFlow.js hyperparameter searches.',
  });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  await app.init();
  await app.get(ProjectsRepository).ensureDefault();
  await app.get(AuthService).bootstrap();
  return app;
}
