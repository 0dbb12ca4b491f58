import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { Redis } from 'ioredis';
import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import { createTestDatabase, dropRedisPrefix, uniqueRedisPrefix } from '@atelier/db/testing';
import { QUEUES, type TApiError, type TCreateExperimentRequest } from '@atelier/domain';
import { createApp, type CreateAppOptions } from '../src/app.factory';
import { parseConfig, type TApiConfig } from '../src/config';

/**
 * The smallest search POST /experiments takes: one trial of cnn-a for one epoch on MNIST, with the
 * default validation. A spec overrides what it is about (its name, space entries, validation).
 */
export function minimalSearch(
  overrides: Partial<Omit<TCreateExperimentRequest, 'space'>> & { space?: Partial<TCreateExperimentRequest['space']> } = {},
): TCreateExperimentRequest {
  const { space, ...rest } = overrides;
  return {
    name: 'minimal search',
    dataset: 'mnist',
    ...rest,
    space: {
      architecture: ['cnn-a'],
      batchSize: [32],
      epochs: [1],
      activation: ['relu'],
      optimizer: ['adam'],
      learningRate: [0.01],
      momentum: [0],
      ...space,
    },
  };
}

/** The body of an error response (every endpoint answers errors this way). */
export function errorOf(response: { body: unknown }): TApiError {
  return response.body as TApiError;
}

/** The parts of /docs/openapi.json that tests read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<'get' | 'post' | 'patch' | 'put' | 'delete', OpenApiOperation>>>;
  components: { schemas: Record<string, OpenApiSchema> };
}
export interface OpenApiOperation {
  description?: string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: { description?: string } }[];
  requestBody: { content: Record<string, { schema: unknown } | undefined> };
  responses: Record<string, { description: string; content: Record<string, { schema: unknown } | undefined> } | undefined>;
}
export interface OpenApiSchema {
  properties: Record<string, unknown>;
  oneOf?: unknown[];
  anyOf?: unknown[];
}

/** The admin every test app bootstraps (ATELIER_ADMIN_*), and its instance-wide write token. */
export const TEST_ADMIN = {
  email: 'admin@atelier.test',
  password: 'admin-password-for-tests',
  token: 'atl_test-admin-token-0123456789abcdef',
} as const;

export interface TestApp {
  app: INestApplication<Server>;
  /** supertest, authenticated as the admin (Authorization: Bearer <admin token>). */
  api: request.Agent;
  /** The admin's Authorization header, for fetch and for agents of other callers. */
  authHeaders: { authorization: string };
  /** Base URL of the listening server, for fetch (streams). */
  url: string;
  config: TApiConfig;
  prisma: PrismaClient;
  redis: Redis;
  queue: Queue;
  dataDir: string;
  /** A request to the app as the admin: the one place that adds what every request needs (credentials). */
  request(): request.Agent;
  close(): Promise<void>;
}

/**
 * The API on a fresh database and Redis prefix, listening on a free port. A dataset directory
 * holds empty stand-ins for MNIST's four files (availability only looks for them).
 */
export async function startTestApp(env: Record<string, string> = {}, appOptions: CreateAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase('api');
  const realRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisUrl = env.REDIS_URL ?? realRedisUrl;
  const prefix = uniqueRedisPrefix('api');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atelier-api-'));
  const datasetDir = path.join(dataDir, 'datasets-in');
  mkdirSync(path.join(datasetDir, 'mnist'), { recursive: true });
  for (const file of [
    'train-images-idx3-ubyte.gz',
    'train-labels-idx1-ubyte.gz',
    't10k-images-idx3-ubyte.gz',
    't10k-labels-idx1-ubyte.gz',
  ]) {
    writeFileSync(path.join(datasetDir, 'mnist', file), '');
  }
  const config = parseConfig({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ATELIER_DATA_DIR: dataDir,
    ATELIER_DATASET_DIR: datasetDir,
    ATELIER_ADMIN_EMAIL: TEST_ADMIN.email,
    ATELIER_ADMIN_PASSWORD: TEST_ADMIN.password,
    ATELIER_ADMIN_TOKEN: TEST_ADMIN.token,
    ...env,
  });
  const app = await createApp(config, { logger: ['error'], ...appOptions });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const prisma = createPrismaClient(database.url);
  const redis = new Redis(realRedisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(QUEUES.training, { connection: redis, prefix });
  const authHeaders = { authorization: `Bearer ${TEST_ADMIN.token}` };
  return {
    app,
    api: request.agent(app.getHttpServer()).set(authHeaders),
    authHeaders,
    url: `http://127.0.0.1:${address.port}`,
    config,
    prisma,
    redis,
    queue,
    dataDir,
    request: () => request.agent(app.getHttpServer()).set(authHeaders),
    async close() {
      await app.close();
      await queue.close();
      await prisma.$disconnect();
      await dropRedisPrefix(realRedisUrl, prefix);
      await redis.quit();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another API process over the same database and Redis prefix as `first` (a restart, or a
 * second instance behind the load balancer), listening on its own port. close() stops only it.
 */
export async function startSiblingApp(
  first: TestApp,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication<Server>; url: string; close(): Promise<void> }> {
  const config = parseConfig({
    ...Object.fromEntries(
      Object.entries(first.config).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? String(value) : value,
      ]),
    ),
    ...env,
  } as Record<string, string | undefined>);
  const app = await createApp(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
