import request from 'supertest';
import { sha256 } from '../src/auth/credentials';
import { errorOf, startTestApp, TEST_ADMIN, type TestApp } from './test-app';

const EXPERIMENT = {
  name: 'auth search',
  dataset: 'mnist',
  space: {
    architecture: ['cnn-a'],
    batchSize: [32],
    epochs: [1],
    activation: ['relu'],
    optimizer: ['adam'],
    learningRate: [0.01],
    momentum: [0],
  },
};

describe('auth: sign-in, sessions, tokens, roles (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const server = () => t.app.getHttpServer();

  beforeAll(async () => {
    t = await startTestApp({ ATELIER_SIGNIN_LIMIT_PER_EMAIL: '3' });
  });
  afterAll(() => (t as TestApp | undefined)?.close());

  async function userWithToken(email: string, project: string, role: 'viewer' | 'editor' | 'owner', scope: 'read' | 'write' = 'write') {
    await t.api
      .post('/users')
      .send({ email, name: email, password: 'password-of-' + email })
      .expect(201);
    await t.api.post(`/projects/${project}/members`).send({ email, role }).expect(201);
    const agent = request.agent(server());
    await agent
      .post('/auth/sign-in')
      .send({ email, password: 'password-of-' + email })
      .expect(200);
    const session = await agent.get('/auth/session').expect(200);
    const created = await agent
      .post('/tokens')
      .set('x-atelier-csrf', (session.body as { csrfToken: string }).csrfToken)
      .send({ name: 'ci', project, scope })
      .expect(201);
    return { agent, token: (created.body as { token: string; id: string }).token, tokenId: (created.body as { id: string }).id };
  }

  it('answers 401 without credentials and lets public routes through', async () => {
    const response = await request(server()).get('/experiments').expect(401);
    expect(errorOf(response).message).toBe('sign in, or send Authorization: Bearer <token>');
    await request(server())
      .get('/health')
      .expect((r) => expect([200, 503]).toContain(r.status));
    expect((await request(server()).get('/auth/setup').expect(200)).body).toEqual({ needsSetup: false });
  });

  it('signs in with the right password only, with one message for an unknown email and a wrong password', async () => {
    const wrong = await request(server()).post('/auth/sign-in').send({ email: TEST_ADMIN.email, password: 'nope' }).expect(401);
    const unknown = await request(server()).post('/auth/sign-in').send({ email: 'who@x.test', password: 'nope' }).expect(401);
    expect(errorOf(wrong).message).toBe('wrong email or password');
    expect(errorOf(unknown).message).toBe('wrong email or password');
    const ok = await request(server())
      .post('/auth/sign-in')
      .send({ email: TEST_ADMIN.email.toUpperCase(), password: TEST_ADMIN.password })
      .expect(200);
    expect(ok.headers['set-cookie']?.[0]).toMatch(/^atelier_session=[^;]+; .*HttpOnly; SameSite=Lax/);
    expect(
      await request(server()).post('/auth/sign-in').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password, extra: 1 }),
    ).toHaveProperty('status', 400);
  });

  it('rate-limits sign-in per email with 429 and Retry-After', async () => {
    const email = 'limited@x.test';
    for (let i = 0; i < 3; i++) await request(server()).post('/auth/sign-in').send({ email, password: 'nope' }).expect(401);
    const limited = await request(server()).post('/auth/sign-in').send({ email, password: 'nope' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorOf(limited).message).toMatch(/^too many sign-in attempts: try again in \d+ s$/);
  });

  it('needs the CSRF header on cookie writes, not on reads', async () => {
    const agent = request.agent(server());
    const signedIn = await agent.post('/auth/sign-in').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }).expect(200);
    const csrf = (signedIn.body as { csrfToken: string }).csrfToken;
    const session = await agent.get('/auth/session').expect(200);
    expect(session.body).toMatchObject({ user: { email: TEST_ADMIN.email, isAdmin: true }, csrfToken: csrf, via: 'session' });
    expect((session.body as { projects: unknown[] }).projects).toContainEqual({ slug: 'default', name: 'Default project', role: 'owner' });
    const refused = await agent.post('/projects').send({ slug: 'csrf', name: 'CSRF' }).expect(403);
    expect(errorOf(refused).message).toBe('missing or wrong CSRF token');
    await agent.post('/projects').set('x-atelier-csrf', 'wrong').send({ slug: 'csrf', name: 'CSRF' }).expect(403);
    await agent.post('/projects').set('x-atelier-csrf', csrf).send({ slug: 'csrf', name: 'CSRF' }).expect(201);
    await agent.post('/auth/sign-out').set('x-atelier-csrf', csrf).expect(204);
    await agent.get('/auth/session').expect(401);
  });

  it('tokens: shown once, stored hashed, read-only, revoked, expired, lastUsedAt', async () => {
    await t.api.post('/projects').send({ slug: 'tok', name: 'Tokens' }).expect(201);
    const created = (await t.api.post('/tokens').send({ name: 'reader', project: 'tok', scope: 'read' }).expect(201)).body as {
      id: string;
      token: string;
      prefix: string;
    };
    expect(created.token).toMatch(/^atl_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 8));
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify((await t.api.get('/tokens').expect(200)).body)).not.toContain(created.token);
    const reader = request.agent(server()).set('authorization', `Bearer ${created.token}`);
    await reader.get('/experiments?project=tok').expect(200);
    expect(
      errorOf(
        await reader
          .post('/experiments')
          .send({ ...EXPERIMENT, project: 'tok' })
          .expect(403),
      ).message,
    ).toBe('token is read-only');
    expect((await t.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    // its project only: the default project is not there for it
    await reader.get('/experiments?project=default').expect(404);
    await t.api.delete(`/tokens/${created.id}`).expect(204);
    expect(errorOf(await reader.get('/experiments').expect(401)).message).toBe('token revoked');
    const old = (await t.api.post('/tokens').send({ name: 'old', project: 'tok', scope: 'write' }).expect(201)).body as {
      id: string;
      token: string;
    };
    const past = new Date('2026-01-02T03:04:05.000Z');
    await t.prisma.apiToken.update({ where: { id: old.id }, data: { expiresAt: past } });
    const expired = await request(server()).get('/experiments').set('authorization', `Bearer ${old.token}`).expect(401);
    expect(errorOf(expired).message).toBe(`token expired on ${past.toISOString()}`);
    expect(errorOf(await request(server()).get('/experiments').set('authorization', 'Bearer atl_nothing').expect(401)).message).toBe(
      'invalid token',
    );
  });

  it('roles: a viewer reads but cannot launch; a non-member gets 404; the last owner stays', async () => {
    await t.api.post('/projects').send({ slug: 'vision', name: 'Vision' }).expect(201);
    await t.api.post('/projects').send({ slug: 'other', name: 'Other' }).expect(201);
    const mine = (
      await t.api
        .post('/experiments')
        .send({ ...EXPERIMENT, project: 'vision' })
        .expect(201)
    ).body as { id: string };
    const theirs = (
      await t.api
        .post('/experiments')
        .send({ ...EXPERIMENT, project: 'other' })
        .expect(201)
    ).body as { id: string };
    const viewer = await userWithToken('viewer@x.test', 'vision', 'viewer');
    const as = request.agent(server()).set('authorization', `Bearer ${viewer.token}`);
    await as.get(`/experiments/${mine.id}`).expect(200);
    const list = (await as.get('/experiments').expect(200)).body as { items: { id: string }[] };
    expect(list.items.map((e) => e.id)).toEqual([mine.id]);
    const launch = await as
      .post('/experiments')
      .send({ ...EXPERIMENT, project: 'vision' })
      .expect(403);
    expect(errorOf(launch).message).toBe("this needs the editor role in project 'vision' (you are viewer)");
    expect(errorOf(await as.post(`/experiments/${mine.id}/cancel`).expect(403)).message).toMatch(/needs the editor role/);
    const hidden = await as.get(`/experiments/${theirs.id}`).expect(404);
    expect(errorOf(hidden).message).toBe(`Experiment '${theirs.id}' not found`);
    await as.post(`/experiments/${theirs.id}/cancel`).expect(404);
    const owners = (await t.api.get('/projects/vision/members').expect(200)).body as { userId: string; role: string }[];
    const owner = owners.find((m) => m.role === 'owner');
    const last = await t.api.patch(`/projects/vision/members/${owner?.userId}`).send({ role: 'viewer' }).expect(409);
    expect(errorOf(last).message).toMatch(/would have no owner/);
    await t.api.delete(`/projects/vision/members/${owner?.userId}`).expect(409);
    expect(
      errorOf(await t.api.post('/projects/vision/members').send({ email: 'ghost@x.test', role: 'viewer' }).expect(404)).message,
    ).toMatch(/ghost@x.test/);
    // the audit log recorded the writes, owners read it
    const audit = (await t.api.get('/projects/vision/audit?limit=5').expect(200)).body as { events: { route: string; method: string }[] };
    expect(audit.events.map((e) => `${e.method} ${e.route}`)).toContain('POST /experiments');
    await as.get('/projects/vision/audit').expect(403);
  });

  it('set-up is closed once a user exists', async () => {
    const response = await request(server())
      .post('/auth/setup')
      .send({ email: 'x@x.test', name: 'X', password: 'long-enough-pw' })
      .expect(409);
    expect(errorOf(response).message).toMatch(/set up already/);
  });
});
