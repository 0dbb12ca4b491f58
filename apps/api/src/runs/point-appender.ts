import { Inject, Injectable } from '@nestjs/common';
import { type AppendedTo, appendToOpenRuns, type MetricPointRow, type RunPoints } from '@atelier/db';
import type { PrismaClient } from '@atelier/db/client';
import { TERMINAL_TRIAL_STATUSES } from '@atelier/domain';
import { liveRun } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';

/** The most points one group writes (ten full log batches): the statement's size stays bounded. */
export const MAX_GROUP_POINTS = 10_000;

/** Runs logged from code take log batches until they end (TERMINAL_TRIAL_STATUSES), and not from the trash. */
const OPEN_TRACKED_RUN = { kind: 'tracked', endedStatuses: TERMINAL_TRIAL_STATUSES, visible: liveRun('r', 'e') };

type Waiting = RunPoints & { resolve: (outcome: AppendedTo | null) => void };

/**
 * Group commit for the hot path of POST /runs/{id}/log. Batches that arrive while a write is in
 * flight wait for it and are then written together, one batch per run, in ONE statement
 * (appendToOpenRuns): fifty loggers cost PostgreSQL a handful of commits a second, not fifty
 * times ten, and the API one query each. Nothing waits on a timer: a lone batch is written at
 * once, so a quiet API answers as fast as before, and the groups grow only with the load.
 *
 * `append` resolves to null for a batch the statement did not write (not a plain append to an
 * open run, or the statement failed as a whole); the caller then takes the locked path, which
 * writes it or explains the refusal, and reports an outage as every route does.
 */
@Injectable()
export class PointAppender {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  append(runId: string, points: readonly MetricPointRow[]): Promise<AppendedTo | null> {
    return new Promise((resolve) => {
      this.waiting.push({ runId, points, resolve });
      if (this.writing) return;
      this.writing = true;
      // after this turn of the event loop: the batches parsed in it are written together
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.takeGroup();
      let outcomes = new Map<string, AppendedTo>();
      try {
        outcomes = await appendToOpenRuns(this.prisma, group, OPEN_TRACKED_RUN);
      } catch {
        // Not logged here: each batch goes on to the locked path, whose error (an outage, a
        // deadlock with another API process's group) is answered and logged for its request.
      }
      for (const batch of group) batch.resolve(outcomes.get(batch.runId) ?? null);
    }
    this.writing = false;
  }

  /** The oldest waiting batch of each run, up to MAX_GROUP_POINTS points (at least one batch); the rest wait, in order. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const left: Waiting[] = [];
    const runs = new Set<string>();
    let points = 0;
    for (const batch of this.waiting) {
      if (runs.has(batch.runId) || (group.length > 0 && points + batch.points.length > MAX_GROUP_POINTS)) {
        left.push(batch);
        continue;
      }
      group.push(batch);
      runs.add(batch.runId);
      points += batch.points.length;
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return group;
  }
}
