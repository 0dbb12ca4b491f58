import { randomBytes } from 'node:crypto';

// The first admin every test stack boots with (ATELIER_ADMIN_EMAIL/PASSWORD/TOKEN), and the
// credentials the harness's HTTP helpers and browsers use. Against servers the harness did not start
// (E2E_WEB_URL), the same variables name the admin those servers were started with.

export interface TestAdmin {
  email: string;
  password: string;
  /** An instance-wide write token (`atl_…`): the harness's API calls send it as a bearer token. */
  token: string;
}

function fromEnvironment(env: NodeJS.ProcessEnv): TestAdmin | null {
  const { ATELIER_ADMIN_EMAIL: email, ATELIER_ADMIN_PASSWORD: password, ATELIER_ADMIN_TOKEN: token } = env;
  return email && password && token ? { email, password, token } : null;
}

/** One per test process: random, so no test depends on a known password. */
export const TEST_ADMIN: TestAdmin = fromEnvironment(process.env) ?? {
  email: 'admin@atelier.test',
  password: `pw-${randomBytes(18).toString('base64url')}`,
  token: `atl_${randomBytes(32).toString('base64url')}`,
};

/** The environment that makes the API create TEST_ADMIN at boot. */
export function bootstrapEnv(admin: TestAdmin = TEST_ADMIN): Record<string, string> {
  return { ATELIER_ADMIN_EMAIL: admin.email, ATELIER_ADMIN_PASSWORD: admin.password, ATELIER_ADMIN_TOKEN: admin.token };
}

/** `init` with `Authorization: Bearer <token>` added, unless it names credentials of its own. */
export function withToken(init: RequestInit = {}, token: string = TEST_ADMIN.token): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization') && !headers.has('cookie')) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** fetch as the test admin (a bearer token), for routes of the API or of the web's /api proxy. */
export function adminFetch(url: string, init?: RequestInit): Promise<Response> {
  return fetch(url, withToken(init));
}
