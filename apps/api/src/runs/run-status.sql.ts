import { Prisma } from '@atelier/db/client';

/** The stored status of a run that shows as lost: only a running run can go silent. */
const LOST_FROM = 'running';

/**
 * The status every answer shows for run `r` of experiment `e`, computed as it is read (never
 * stored): a run logged from code that is running but has sent nothing for `lostAfterSeconds`
 * (ATELIER_RUN_LOST_AFTER_SECONDS) is 'lost' (its process died, or its network did). A search's
 * trials are watched by their workers' job locks instead. The one place this rule lives: run
 * lists, filters, sorts and single runs, and the status of a tracked experiment, all read it here.
 */
export function shownRunStatus(lostAfterSeconds: number, run = 'r', experiment = 'e'): Prisma.Sql {
  const r = Prisma.raw(run);
  const e = Prisma.raw(experiment);
  return Prisma.sql`(CASE WHEN ${r}.status = ${LOST_FROM} AND ${e}.kind = 'tracked'
      AND coalesce(${r}.last_seen_at, ${r}.created_at) < now() - make_interval(secs => ${lostAfterSeconds}::float8)
      THEN 'lost' ELSE ${r}.status END)`;
}

/**
 * The stored statuses of runs that show one of `shown`: a query narrows by the indexed status
 * column with them before it computes the shown status.
 */
export function storedStatusesShownAs(shown: readonly string[]): string[] {
  return [...new Set(shown.map((status) => (status === 'lost' ? LOST_FROM : status)))];
}

/**
 * `shownRunStatus(...) = status`, written so that PostgreSQL can estimate and index it: the shown
 * status differs from the stored one only for a stored 'running' run, so any other status is the
 * bare column (run (status, id), and its statistics), and 'running' and 'lost' split that range.
 */
export function shownRunStatusIs(status: string, lostAfterSeconds: number, run = 'r', experiment = 'e'): Prisma.Sql {
  const r = Prisma.raw(run);
  if (status !== 'lost' && status !== LOST_FROM) return Prisma.sql`${r}.status = ${status}`;
  return Prisma.sql`(${r}.status = ${LOST_FROM} AND ${shownRunStatus(lostAfterSeconds, run, experiment)} = ${status})`;
}
