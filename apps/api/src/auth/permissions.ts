/**
 * Who may do what: the one home of the role rules (issue 16). Pure, so the whole
 * role x action x token-scope matrix is unit-tested without a database.
 */
export type TRole = 'owner' | 'editor' | 'viewer';
export type TAction = 'read' | 'write' | 'owner' | 'admin';
export type TTokenScope = 'read' | 'write';

export const ROLES: readonly TRole[] = ['viewer', 'editor', 'owner'];
export const ACTIONS: readonly TAction[] = ['read', 'write', 'owner', 'admin'];

const RANK: Record<TRole, number> = { viewer: 0, editor: 1, owner: 2 };
/** The least role an action on a project needs ('admin' is no project role). */
const NEEDED: Record<Exclude<TAction, 'admin'>, TRole> = { read: 'viewer', write: 'editor', owner: 'owner' };

export function isRole(value: unknown): value is TRole {
  return value === 'owner' || value === 'editor' || value === 'viewer';
}

export interface Caller {
  isAdmin: boolean;
  /** null: signed in with a session (a browser acts with the user's full rights) */
  tokenScope: TTokenScope | null;
  /** A token bound to one project acts there only; null: instance-wide or a session. */
  tokenProjectId: string | null;
}

export interface ProjectRef {
  id: string;
  slug: string;
  /** The caller's role there; null: not a member. */
  role: TRole | null;
}

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404; message: string };

const ALLOW: Decision = { allowed: true };

/**
 * The decision for one action, on one project (a resource's, or the one named in the request) or
 * on none (`project` undefined: instance-level routes such as POST /projects or /users).
 * Order matters: a caller who may not even see the project gets 404 (its existence is not
 * revealed), before any 403 says what would be needed.
 * `notFound` is the message the route uses for a missing record.
 */
export function decide(caller: Caller, action: TAction, project: ProjectRef | undefined, notFound = 'Not found'): Decision {
  if (project) {
    const outsideToken = caller.tokenProjectId !== null && caller.tokenProjectId !== project.id;
    if (outsideToken || (!caller.isAdmin && project.role === null)) return { allowed: false, status: 404, message: notFound };
  }
  if (action !== 'read' && caller.tokenScope === 'read') return { allowed: false, status: 403, message: 'token is read-only' };
  if (action === 'admin') {
    return caller.isAdmin ? ALLOW : { allowed: false, status: 403, message: 'this needs an instance admin' };
  }
  if (!project || caller.isAdmin) return ALLOW;
  const needed = NEEDED[action];
  const role = project.role as TRole;
  if (RANK[role] >= RANK[needed]) return ALLOW;
  return { allowed: false, status: 403, message: `this needs the ${needed} role in project '${project.slug}' (you are ${role})` };
}

/** Whether a role is at least another (the members' routes compare roles, too). */
export function roleAtLeast(role: TRole, least: TRole): boolean {
  return RANK[role] >= RANK[least];
}
