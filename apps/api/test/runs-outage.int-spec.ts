import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import { createTestDatabase, dropRedisPrefix, type TestDatabase, uniqueRedisPrefix } from '@atelier/db/testing';
import { createApp } from '../src/app.factory';
import { parseConfig } from '../src/config';
import { startTestApp, type TestApp, errorOf, TEST_ADMIN } from './test-app';
import { type TRunDetail } from '@atelier/domain';

/**
 * A TCP relay to PostgreSQL that the test can cut and restore: the API sees its database go
 * away (connections reset, new ones refused) and come back, as in a real outage.
 */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('runs while PostgreSQL is away', () => {
  let database: TestDatabase;
  let relay: Relay;
  let app: INestApplication<Server>;
  let direct: PrismaClient;
  let dataDir: string;
  const prefix = uniqueRedisPrefix('api-runs-outage');
  const http = () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${TEST_ADMIN.token}`);

  beforeAll(async () => {
    database = await createTestDatabase('api_runs_outage');
    const url = new URL(database.url);
    relay = new Relay({ host: url.hostname, port: Number(url.port || 5432) });
    await relay.start();
    url.port = String(relay.port);
    dataDir = mkdtempSync(path.join(tmpdir(), 'atelier-runs-outage-'));
    const config = parseConfig({
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      ATELIER_DATA_DIR: dataDir,
      ATELIER_ADMIN_EMAIL: TEST_ADMIN.email,
      ATELIER_ADMIN_PASSWORD: TEST_ADMIN.password,
      ATELIER_ADMIN_TOKEN: TEST_ADMIN.token,
    });
    app = await createApp(config, { logger: false });
    direct = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await (app as INestApplication<Server> | undefined)?.close(); // undefined when the setup failed
    await (direct as PrismaClient | undefined)?.$disconnect();
    await (relay as Relay | undefined)?.cut();
    await (database as TestDatabase | undefined)?.drop(); // undefined when the setup failed
    await dropRedisPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 on every runs route, stores nothing, and works again once the database is back', async () => {
    const run = (
      await http()
        .post('/runs')
        .send({ experiment: 'outage', params: { lr: 0.1 } })
        .expect(201)
    ).body as TRunDetail;
    await http()
      .post(`/runs/${run.id}/log`)
      .send({ metrics: [{ key: 'loss', value: 1, step: 0 }] })
      .expect(200);

    await relay.cut();
    const batch = { metrics: [{ key: 'loss', value: 0.5, step: 1 }], params: { momentum: 0.9 } };
    const responses = [
      await http().post(`/runs/${run.id}/log`).send(batch),
      await http().post('/runs').send({ experiment: 'outage' }),
      await http().patch(`/runs/${run.id}`).send({ status: 'finished' }),
      await http().get('/runs'),
      await http().get(`/runs/${run.id}`),
      await http().get(`/runs/${run.id}/metrics`),
      // the tracked experiment's routes too: its list (a transaction, for JIT off), detail and edit
      await http().get('/experiments'),
      await http().get(`/experiments/${run.experimentId}`),
      await http().patch(`/experiments/${run.experimentId}`).send({ notes: 'never stored' }),
    ];
    for (const response of responses) {
      expect([response.status, errorOf(response).error]).toEqual([503, 'service_unavailable']);
      // the wording is the API's one outage message (whichever layer maps it); it must name the database and the way out
      expect(errorOf(response).message).toMatch(/PostgreSQL/);
      expect(errorOf(response).message).toMatch(/GET \/health/);
    }
    expect(await direct.metric.count()).toBe(1);
    expect(await direct.run.count()).toBe(1);
    expect((await direct.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('running');
    expect((await direct.experiment.findUniqueOrThrow({ where: { id: run.experimentId } })).notes).toBe('');

    await relay.start();
    // the same batch, retried, is stored once
    await http().post(`/runs/${run.id}/log`).send(batch).expect(200);
    await http().post(`/runs/${run.id}/log`).send(batch).expect(200);
    expect(await direct.metric.count()).toBe(2);
    expect(((await http().get(`/runs/${run.id}`).expect(200)).body as TRunDetail).params).toEqual({ lr: 0.1, momentum: 0.9 });
  });
});

describe('runs while Redis is away', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('still creates, logs and ends runs (live progress is what is lost), without waiting on Redis', async () => {
    const http = () => t.api;
    const run = (await http().post('/runs').send({ experiment: 'no redis' }).expect(201)).body as TRunDetail;
    const started = Date.now();
    const logged = await http()
      .post(`/runs/${run.id}/log`)
      .send({ metrics: [{ key: 'loss', value: 1, step: 0 }] });
    expect(logged.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await http().patch(`/runs/${run.id}`).send({ status: 'finished' }).expect(200);
    expect(await t.prisma.metric.count({ where: { runId: run.id } })).toBe(1);
    expect((await t.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('completed');
  });
});
