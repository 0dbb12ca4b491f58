import { Prisma } from '@atelier/db/client';

/**
 * The one project filter of every list: rows of the projects the caller may read (the AccessGuard
 * resolved them: ?project=<slug>, the token's project, or every membership); null = every project
 * (an instance admin). `builtins`: rows of no project (builtin datasets and architectures) too.
 */
export function inProjects(column: string, projectIds: readonly string[] | null, builtins = false): Prisma.Sql {
  if (projectIds === null) return Prisma.sql`TRUE`;
  const ids = Prisma.sql`${Prisma.raw(column)} = ANY(${[...projectIds]}::uuid[])`;
  return builtins ? Prisma.sql`(${Prisma.raw(column)} IS NULL OR ${ids})` : ids;
}

/** The same filter for Prisma's query builder. */
export function projectWhere(projectIds: readonly string[] | null): { projectId?: { in: string[] } } {
  return projectIds === null ? {} : { projectId: { in: [...projectIds] } };
}

/** projectWhere, with the rows of no project (builtins) too. */
export function projectOrBuiltinWhere(projectIds: readonly string[] | null): {
  OR?: [{ projectId: null }, { projectId: { in: string[] } }];
} {
  return projectIds === null ? {} : { OR: [{ projectId: null }, { projectId: { in: [...projectIds] } }] };
}
