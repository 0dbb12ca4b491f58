// Deny by default, checked on the API's own description of itself: every operation of the OpenAPI
// document is called without credentials (401 unless it is public), as a viewer of the project on
// every write (403 naming the role it needs), and as a signed-in user of another project on every
// route that addresses this project or one of its records (404: a record you may not see does not
// exist for you). The SSE streams and file downloads are operations of the document like any other.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { errorOf, startTestApp, type TestApp, minimalSearch } from './test-app';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;
type Method = (typeof METHODS)[number];
interface Operation {
  method: Method;
  path: string;
  access: string | undefined;
  isPublic: boolean;
}

const EXPERIMENT = minimalSearch({ name: 'walked search' });

describe('every route of the OpenAPI document: 401, 403 for a viewer, 404 for a non-member (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let operations: Operation[];
  let ids: { experiment: string; trial: string; run: string };
  let viewerToken: string;
  let outsiderToken: string;

  /** A user with a write-scoped token of `project`, in which they have `role`. */
  async function member(email: string, project: string, role: 'viewer' | 'owner'): Promise<string> {
    await t.api
      .post('/users')
      .send({ email, name: email, password: `password-of-${email}` })
      .expect(201);
    if (project !== 'default' || role !== 'owner') {
      await t.api.post(`/projects/${project}/members`).send({ email, role }).expect(201);
    }
    const agent = request.agent(t.app.getHttpServer());
    await agent
      .post('/auth/sign-in')
      .send({ email, password: `password-of-${email}` })
      .expect(200);
    const session = await agent.get('/auth/session').expect(200);
    const created = await agent
      .post('/tokens')
      .set('x-atelier-csrf', (session.body as { csrfToken: string }).csrfToken)
      .send({ name: 'walk', project, scope: 'write' })
      .expect(201);
    return (created.body as { token: string }).token;
  }

  /** The path with every parameter filled: this project's records where they exist, else a fresh id (nothing). */
  function concrete(path: string): { url: string; existing: boolean } {
    let existing = true;
    const url = path.replace(/\{(\w+)\}/g, (_whole, name: string, offset: number) => {
      const collection = path.slice(0, offset).split('/').filter(Boolean).pop();
      // well-formed values where the path itself is validated, so the walk reaches the access rule
      if (name === 'kind') return 'experiment';
      switch (collection) {
        case 'versions':
          return '1';
        case 'experiments':
          return ids.experiment;
        case 'trials':
          return ids.trial;
        case 'runs':
          return ids.run;
        case 'projects':
          return 'default';
        case 'datasets':
          return 'mnist';
        default:
          existing = false;
          return randomUUID();
      }
    });
    return { url, existing };
  }

  const call = (method: Method, url: string, token?: string) => {
    const pending = request(t.app.getHttpServer())[method](url).timeout(10_000);
    if (token) pending.set('authorization', `Bearer ${token}`);
    return method === 'get' || method === 'delete' ? pending : pending.send({});
  };

  beforeAll(async () => {
    t = await startTestApp();
    const document = (await request(t.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, { security?: unknown[]; 'x-atelier-access'?: string }>>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        method,
        path,
        access: item[method]!['x-atelier-access'],
        isPublic: Array.isArray(item[method]!.security) && item[method]!.security.length === 0,
      })),
    );
    const experiment = (await t.api.post('/experiments').send(EXPERIMENT).expect(201)).body as { id: string; trials: { id: string }[] };
    const run = (await t.api.post('/runs').send({ experiment: 'walked notebook', name: 'walked run' }).expect(201)).body as { id: string };
    ids = { experiment: experiment.id, trial: experiment.trials[0]!.id, run: run.id };
    await t.api.post('/projects').send({ slug: 'elsewhere', name: 'Elsewhere' }).expect(201);
    viewerToken = await member('viewer@walk.test', 'default', 'viewer');
    outsiderToken = await member('outsider@walk.test', 'elsewhere', 'owner');
  }, 60_000);
  afterAll(() => (t as TestApp | undefined)?.close());

  it('declares an access rule on every operation, and only health, sign-in, set-up and the document itself are public', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((op) => !op.isPublic && op.access === undefined)).toEqual([]);
    expect(
      operations
        .filter((op) => op.isPublic)
        .map((op) => `${op.method} ${op.path}`)
        .filter((op) => !/^(get \/health.*|post \/auth\/sign-in|(get|post) \/auth\/setup)$/.test(op)),
    ).toEqual([]);
  });

  it('answers 401 on every non-public operation without credentials', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => !o.isPublic)) {
      const response = await call(op.method, concrete(op.path).url);
      if (response.status !== 401) wrong.push(`${op.method} ${op.path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("answers 403 naming the role to a viewer on every write to the project's records", async () => {
    const wrong: string[] = [];
    let checked = 0;
    // a project of your own and tokens of your own are anyone's to make, whatever their role elsewhere
    const selfService = new Set(['post /projects', 'post /tokens']);
    for (const op of operations.filter((o) => o.access !== undefined && o.access !== 'read' && !selfService.has(`${o.method} ${o.path}`))) {
      const { url, existing } = concrete(op.path);
      const response = await call(op.method, url, viewerToken);
      // a record that does not exist is a 404 before any role is weighed; every real one is a 403
      const expected = existing ? [403] : [403, 404];
      if (!expected.includes(response.status)) wrong.push(`${op.method} ${op.path}: ${response.status} ${errorOf(response).message}`);
      if (existing && response.status === 403) {
        checked++;
        if (!/needs|admin|read-only/.test(errorOf(response).message)) wrong.push(`${op.method} ${op.path}: "${errorOf(response).message}"`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  }, 120_000);

  it("answers 404, not 403, to a member of another project on every route of this project's records, streams and downloads included", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => !o.isPublic && /^\/(experiments|trials|runs|projects)\/\{/.test(o.path))) {
      const { url, existing } = concrete(op.path);
      if (!existing) continue;
      checked++;
      const response = await call(op.method, url, outsiderToken);
      if (response.status !== 404) wrong.push(`${op.method} ${op.path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  }, 120_000);
});
