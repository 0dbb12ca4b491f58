import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@atelier/db/client';
import { TERMINAL_EXPERIMENT_STATUSES, TRACKED_EXPERIMENT_STATUS_RULE, type TTrackedStatusClause } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { liveRun } from '../common/lifecycle.sql';
import { shownRunStatus, storedStatusesShownAs } from '../runs/run-status.sql';

/**
 * An experiment's status and finish time in SQL, for queries that read experiment `e`: a search's
 * as stored (its worker and the API write every move), a tracked experiment's derived from its
 * runs as they are read, by the lifecycle module's TRACKED_EXPERIMENT_STATUS_RULE compiled clause
 * by clause, with the runs' own lost rule (shownRunStatus).
 *
 * Why derived rather than a stored column updated on every run transition: a run goes lost by
 * the clock, not by a write, so a stored status would stay 'running' for a run whose process
 * died; and the derivation is cheap enough for the experiments list. Each clause is one EXISTS
 * probe of run(experiment_id, status) (the `some` clauses narrow by the stored statuses first;
 * the `every` clauses stop at the first run outside their set), so an experiment costs a few
 * index probes however many runs it has, and the list's status filter and sort, which need it
 * for every experiment that matches, stay within the list's budget. Only the finish time of a
 * tracked experiment that ended reads all its runs (the latest time one was heard from), and
 * only for the rows shown unless the list sorts by it. Measured with 2,001 tracked experiments
 * and 202,000 runs (one experiment of 102,000): GET /experiments median 55 ms, ?status=running
 * 27 ms, ?status=completed 119 ms, ?sort=status 113 ms, ?sort=finishedAt 150 ms, the detail of
 * the 102,000-run experiment 56 ms (JIT off for the list: ExperimentListRepository.withoutJit).
 */
@Injectable()
export class ExperimentStatusSql {
  private readonly lostAfterSeconds: number;

  constructor(@Inject(CONFIG) config: TApiConfig) {
    this.lostAfterSeconds = config.ATELIER_RUN_LOST_AFTER_SECONDS;
  }

  /** The status of experiment `e`, as shown everywhere. */
  status(): Prisma.Sql {
    return Prisma.sql`(CASE WHEN e.kind = 'tracked' THEN ${this.trackedStatus()} ELSE e.status END)`;
  }

  /** When experiment `e` finished: a search's as stored; a tracked one's, once final, when a run of it was last heard from. */
  finishedAt(): Prisma.Sql {
    return Prisma.sql`(CASE WHEN e.kind = 'tracked'
      THEN (CASE WHEN ${this.trackedStatus()} IN (${Prisma.join(TERMINAL_EXPERIMENT_STATUSES)})
                 THEN (SELECT max(${lastHeardAt('r')}) FROM run r WHERE r.experiment_id = e.id AND ${liveRun('r', 'e')}) END)
      ELSE e.finished_at END)`;
  }

  /** The status of run `r` (of experiment `e`) as GET /runs shows it. */
  shownRunStatus(): Prisma.Sql {
    return shownRunStatus(this.lostAfterSeconds);
  }

  private trackedStatus(): Prisma.Sql {
    const clauses = TRACKED_EXPERIMENT_STATUS_RULE.map((clause) => Prisma.sql`WHEN ${this.holds(clause)} THEN ${clause.status}`);
    return Prisma.sql`(CASE ${Prisma.join(clauses, ' ')} END)`;
  }

  private holds(clause: TTrackedStatusClause): Prisma.Sql {
    if (clause.when === 'otherwise') return Prisma.sql`true`;
    const shown = this.shownRunStatus();
    const statuses = Prisma.join(clause.statuses);
    if (clause.when === 'some') {
      return Prisma.sql`EXISTS (SELECT 1 FROM run r WHERE r.experiment_id = e.id AND ${liveRun('r', 'e')}
        AND r.status IN (${Prisma.join(storedStatusesShownAs(clause.statuses))}) AND ${shown} IN (${statuses}))`;
    }
    return Prisma.sql`NOT EXISTS (SELECT 1 FROM run r WHERE r.experiment_id = e.id AND ${liveRun('r', 'e')} AND ${shown} NOT IN (${statuses}))`;
  }
}

/** When run `r` was last heard from: its end, or its last log (a run that never logged: its creation). */
export function lastHeardAt(r: string): Prisma.Sql {
  const run = Prisma.raw(r);
  return Prisma.sql`greatest(${run}.finished_at, ${run}.last_seen_at)`;
}
