import request from 'supertest';
import { sha256 } from '../src/auth/credentials';
import { AuditRetention } from '../src/auth/audit-retention';
import { AUTH_CACHE_TTL_MS } from '../src/auth/auth-cache';
import { errorOf, startSiblingApp, startTestApp, TEST_ADMIN, type TestApp, minimalSearch } from './test-app';

const EXPERIMENT = minimalSearch({ name: 'auth search' });

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

  it('reports what authentication cost in Server-Timing, on answered and refused requests, not on public ones', async () => {
    const timing = (header: string | undefined) => Number(/^auth;dur=(\d+\.\d{3});desc=/.exec(header ?? '')?.[1]);
    const answered = await t.api.get('/experiments').expect(200);
    expect(timing(answered.headers['server-timing'])).toBeGreaterThan(0);
    const refused = await request(server()).get('/experiments').set('authorization', 'Bearer atl_unknown').expect(401);
    expect(timing(refused.headers['server-timing'])).toBeGreaterThan(0);
    const health = await request(server()).get('/health');
    expect(health.headers['server-timing']).toBeUndefined();
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

  it('another API process refuses a token revoked here and lets a viewer promoted here launch, well within the cache lifetime', async () => {
    await t.api.post('/projects').send({ slug: 'twin', name: 'Twin' }).expect(201);
    const created = (await t.api.post('/tokens').send({ name: 'twin', project: 'twin', scope: 'write' }).expect(201)).body as {
      id: string;
      token: string;
    };
    const sibling = await startSiblingApp(t);
    try {
      const onSibling = (path: string, token: string) => fetch(`${sibling.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      /** ms until the sibling answers `status` (it has the old answer cached), or Infinity past 2 s. */
      const msUntil = async (path: string, token: string, status: number) => {
        const started = Date.now();
        while (Date.now() - started < 2_000) {
          if ((await onSibling(path, token)).status === status) return Date.now() - started;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return Infinity;
      };
      expect((await onSibling('/experiments?project=twin', created.token)).status).toBe(200);
      await t.api.delete(`/tokens/${created.id}`).expect(204);
      expect(await msUntil('/experiments?project=twin', created.token, 401)).toBeLessThan(AUTH_CACHE_TTL_MS / 5);

      const { token: viewerToken } = await userWithToken('twin-viewer@example.com', 'twin', 'viewer');
      const launch = () =>
        fetch(`${sibling.url}/experiments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${viewerToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...EXPERIMENT, project: 'twin' }),
        });
      // the sibling reads (and keeps) the viewer's role, then the owner makes them an editor here
      expect((await launch()).status).toBe(403);
      const members = (await t.api.get('/projects/twin/members').expect(200)).body as { userId: string; email: string }[];
      const viewerId = members.find((member) => member.email === 'twin-viewer@example.com')?.userId;
      await t.api.patch(`/projects/twin/members/${viewerId}`).send({ role: 'editor' }).expect(200);
      const started = Date.now();
      let status = 403;
      while (status === 403 && Date.now() - started < 2_000) status = (await launch()).status;
      expect(status).toBe(201);
      expect(Date.now() - started).toBeLessThan(AUTH_CACHE_TTL_MS / 5);
    } finally {
      await sibling.close();
    }
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

  it('deletes audit events older than ATELIER_AUDIT_RETENTION_DAYS at start-up and keeps the rest; 0 keeps all', async () => {
    const day = 24 * 3600 * 1000;
    const event = (daysAgo: number) =>
      t.prisma.auditEvent.create({
        data: { method: 'POST', route: '/retention', path: `/retention/${daysAgo}`, status: 201, at: new Date(Date.now() - daysAgo * day) },
      });
    const [old, recent] = await Promise.all([event(400), event(20)]);
    const left = async () =>
      (await t.prisma.auditEvent.findMany({ where: { route: '/retention' }, select: { id: true } })).map((row) => row.id).sort();

    const keepsAll = await startSiblingApp(t, { ATELIER_AUDIT_RETENTION_DAYS: '0' });
    expect(await keepsAll.app.get(AuditRetention).sweep()).toBe(0);
    await keepsAll.close();
    expect(await left()).toEqual([old.id, recent.id].sort());

    // a process with a 30-day retention sweeps when it starts: the 400-day-old event goes
    const month = await startSiblingApp(t, { ATELIER_AUDIT_RETENTION_DAYS: '30' });
    try {
      const started = Date.now();
      while ((await left()).length > 1 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await left()).toEqual([recent.id]);
      // ten days on, the other one is past the retention too
      expect(await month.app.get(AuditRetention).sweep(new Date(Date.now() + 11 * day))).toBeGreaterThanOrEqual(1);
      expect(await left()).toEqual([]);
    } finally {
      await month.close();
    }
  });

  it('set-up is closed once a user exists', async () => {
    const response = await request(server())
      .post('/auth/setup')
      .send({ email: 'x@x.test', name: 'X', password: 'long-enough-pw' })
      .expect(409);
    expect(errorOf(response).message).toMatch(/set up already/);
  });
});
