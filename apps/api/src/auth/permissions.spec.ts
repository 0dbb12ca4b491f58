import { ACTIONS, type Caller, decide, ROLES, type TAction, type TRole, type TTokenScope } from './permissions';

const PROJECT = 'p-1';
const session = (isAdmin = false): Caller => ({ isAdmin, tokenScope: null, tokenProjectId: null });
const token = (scope: TTokenScope, projectId: string | null = null, isAdmin = false): Caller => ({
  isAdmin,
  tokenScope: scope,
  tokenProjectId: projectId,
});
const project = (role: TRole | null) => ({ id: PROJECT, slug: 'vision', role });

/** What each role may do by its own rights (a session or a write token). */
const EXPECTED: Record<TRole, Record<TAction, boolean>> = {
  viewer: { read: true, write: false, owner: false, admin: false },
  editor: { read: true, write: true, owner: false, admin: false },
  owner: { read: true, write: true, owner: true, admin: false },
};

describe('decide: role x action x token scope', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      for (const credential of ['session', 'write token', 'read token', 'project write token', 'other project token'] as const) {
        const caller =
          credential === 'session'
            ? session()
            : credential === 'write token'
              ? token('write')
              : credential === 'read token'
                ? token('read')
                : credential === 'project write token'
                  ? token('write', PROJECT)
                  : token('write', 'p-2');
        const expected =
          credential === 'other project token'
            ? 404
            : credential === 'read token' && action !== 'read'
              ? 403
              : EXPECTED[role][action]
                ? 'allowed'
                : 403;
        it(`${role} with a ${credential}: ${action} -> ${expected}`, () => {
          const decision = decide(caller, action, project(role), 'Experiment not found');
          expect(decision.allowed ? 'allowed' : decision.status).toBe(expected);
        });
      }
    }
  }

  it('a non-member gets the resource not-found message, never a 403', () => {
    for (const action of ACTIONS) {
      expect(decide(session(), action, project(null), "Experiment 'x' not found")).toEqual({
        allowed: false,
        status: 404,
        message: "Experiment 'x' not found",
      });
    }
  });

  it('names the role needed and the role held', () => {
    expect(decide(session(), 'write', project('viewer'))).toEqual({
      allowed: false,
      status: 403,
      message: "this needs the editor role in project 'vision' (you are viewer)",
    });
    expect(decide(session(), 'owner', project('editor'))).toMatchObject({
      message: "this needs the owner role in project 'vision' (you are editor)",
    });
  });

  it('a read-only token says so, before any role', () => {
    expect(decide(token('read'), 'write', project('owner'))).toEqual({ allowed: false, status: 403, message: 'token is read-only' });
    expect(decide(token('read', null, true), 'admin', undefined)).toEqual({ allowed: false, status: 403, message: 'token is read-only' });
  });

  it('an admin may do everything everywhere, member or not', () => {
    for (const action of ACTIONS) {
      expect(decide(session(true), action, project(null)).allowed).toBe(true);
      expect(decide(token('write', null, true), action, undefined).allowed).toBe(true);
    }
  });

  it("an admin's project token still stays in its project", () => {
    expect(decide(token('write', 'p-2', true), 'read', project(null))).toMatchObject({ status: 404 });
  });

  it('instance-level actions: any signed-in user reads and writes, only admins administer', () => {
    expect(decide(session(), 'read', undefined).allowed).toBe(true);
    expect(decide(session(), 'write', undefined).allowed).toBe(true);
    expect(decide(session(), 'admin', undefined)).toEqual({ allowed: false, status: 403, message: 'this needs an instance admin' });
  });
});
