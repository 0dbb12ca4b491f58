import { isApiError } from '@atelier/client';
import { createAuthClient, createBrowserFetch, rememberCsrfToken, retryAfterOf, safeNextPath, signInHref } from './auth-client';

const json = (body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) =>
  new Response(JSON.stringify(body), { status: init.status, headers: { 'content-type': 'application/json', ...init.headers } });
/** A stand-in API answering each request at once. */
const answering = (answer: (request: Request) => Response) => (request: Request) => Promise.resolve(answer(request));

const session = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada', isAdmin: false },
  csrfToken: 'csrf-1',
  via: 'session',
  projects: [{ slug: 'vision', name: 'Vision', role: 'viewer' }],
};

const PROJECT = { id: 'p1', slug: 'vision', name: 'Vision', role: 'owner', createdAt: '2026-12-07T00:00:00.000Z' };

describe('browser fetch', () => {
  beforeEach(() => rememberCsrfToken(null));

  function setup(answer: (request: Request) => Response, pathname = '/experiments', search = '?status=running') {
    const seen: Request[] = [];
    const navigate = jest.fn();
    const fetchImpl = jest.fn((input: RequestInfo | URL) => {
      const request = input as Request;
      seen.push(request);
      return Promise.resolve(answer(request));
    }) as unknown as typeof fetch;
    const browserFetch = createBrowserFetch({ fetch: fetchImpl, navigate, location: () => ({ pathname, search }) });
    return { browserFetch, seen, navigate };
  }

  it('reads the CSRF token once before the first write and sends it on every write, not on reads', async () => {
    const { browserFetch, seen } = setup((request) => (request.url.endsWith('/api/auth/session') ? json(session) : json({ ok: true })));
    await browserFetch(new Request('http://web.test/api/experiments'));
    await browserFetch(new Request('http://web.test/api/experiments/e1/cancel', { method: 'POST' }));
    await browserFetch(new Request('http://web.test/api/runs/r1', { method: 'DELETE' }));
    expect(seen.map((r) => [r.method, new URL(r.url, 'http://web.test').pathname, r.headers.get('x-atelier-csrf')])).toEqual([
      ['GET', '/api/experiments', null],
      ['GET', '/api/auth/session', null],
      ['POST', '/api/experiments/e1/cancel', 'csrf-1'],
      ['DELETE', '/api/runs/r1', 'csrf-1'],
    ]);
  });

  it('sends the token it was given at sign-in without asking for the session', async () => {
    rememberCsrfToken('from-sign-in');
    const { browserFetch, seen } = setup(() => json({}));
    await browserFetch(new Request('http://web.test/api/tokens', { method: 'POST', body: '{}' }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('x-atelier-csrf')).toBe('from-sign-in');
  });

  it('sends the user to the sign-in page on a 401, coming back to this page', async () => {
    const { browserFetch, navigate } = setup(() => json({ message: 'sign in first' }, { status: 401 }));
    const response = await browserFetch(new Request('http://web.test/api/experiments'));
    expect(response.status).toBe(401);
    expect(navigate).toHaveBeenCalledWith('/sign-in?next=%2Fexperiments%3Fstatus%3Drunning');
  });

  it('stays on the sign-in page when a wrong password answers 401', async () => {
    const { browserFetch, navigate } = setup(() => json({ message: 'wrong email or password' }, { status: 401 }), '/sign-in', '');
    expect((await browserFetch(new Request('http://web.test/api/auth/sign-in', { method: 'POST' }))).status).toBe(401);
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('next path after sign-in', () => {
  it.each([
    ['/runs?x=1', '/runs?x=1'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/sign-in?next=%2F', '/'],
    [null, '/'],
  ])('%s -> %s', (next, expected) => expect(safeNextPath(next)).toBe(expected));

  it('links to the sign-in page without a next for the home page', () => {
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref('/projects')).toBe('/sign-in?next=%2Fprojects');
  });
});

describe('auth client', () => {
  it('parses the session and remembers its CSRF token for the next write', async () => {
    const seen: Request[] = [];
    const client = createAuthClient(
      'http://api.test',
      answering((request) => {
        seen.push(request);
        return request.url.endsWith('/auth/session') ? json(session) : json(PROJECT, { status: 201 });
      }),
    );
    expect(await client.getSession()).toEqual(session);
    expect(await client.createProject({ slug: 'vision', name: 'Vision' })).toEqual(PROJECT);
    expect(seen[1]!.method).toBe('POST');
    expect(await seen[1]!.json()).toEqual({ slug: 'vision', name: 'Vision' });
  });

  it("turns the API's 429 into an error with its message and the seconds to wait", async () => {
    const client = createAuthClient(
      'http://api.test',
      answering(() =>
        json(
          { statusCode: 429, error: 'too_many_requests', message: 'too many sign-in attempts' },
          { status: 429, headers: { 'retry-after': '42' } },
        ),
      ),
    );
    const error = await client.signIn({ email: 'a@b.co', password: 'x' }).catch((e: unknown) => e);
    expect(isApiError(error) && [error.status, error.message]).toEqual([429, 'too many sign-in attempts']);
    expect(retryAfterOf(error)).toBe(42);
  });

  it('reads a list, and a 204 as nothing', async () => {
    const token = {
      id: 't1',
      name: 'ci',
      prefix: 'atl_abcd',
      scope: 'read',
      project: 'vision',
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: '2026-12-07T00:00:00.000Z',
    };
    const bare = createAuthClient(
      'http://api.test',
      answering(() => json([token])),
    );
    expect(await bare.listTokens()).toEqual([token]);
    const revoked = createAuthClient(
      'http://api.test',
      answering(() => new Response(null, { status: 204 })),
    );
    await expect(revoked.revokeToken('t1')).resolves.toBeUndefined();
  });

  it("says the 409 of a last owner in the API's words", async () => {
    const client = createAuthClient(
      'http://api.test',
      answering(() =>
        json({ statusCode: 409, error: 'conflict', message: "ada@example.com is the last owner of 'vision'" }, { status: 409 }),
      ),
    );
    await expect(client.updateMember('vision', 'u1', 'viewer')).rejects.toThrow("ada@example.com is the last owner of 'vision'");
  });
});
