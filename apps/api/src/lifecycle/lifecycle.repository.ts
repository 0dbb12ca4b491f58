import { Inject, Injectable } from '@nestjs/common';
import { projectWhere } from '../common/project-scope.sql';
import type { PrismaClient } from '@atelier/db/client';
import type { TTrashKind } from '@atelier/domain';
import { LIVE_EXPERIMENT } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';

/** An experiment or run as the lifecycle sees it: whichever state it is in, trash included. */
export interface LifecycleRow {
  kind: TTrashKind;
  id: string;
  name: string;
  /** The experiment itself, or the run's experiment. */
  experimentId: string;
  /** The experiment's kind ('search' | 'tracked'). */
  experimentKind: string;
  /** The experiment's (for a run: its own) stored status. */
  status: string;
  archivedAt: Date | null;
  deletedAt: Date | null;
  /** A run's experiment is in the trash (so the run is hidden with it). */
  experimentDeleted: boolean;
}

/** A trashed experiment or run, for GET /trash and the retention sweep. */
export interface TrashRow {
  kind: TTrashKind;
  id: string;
  name: string;
  experimentId: string;
  deletedAt: Date;
}

@Injectable()
export class LifecycleRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async find(kind: TTrashKind, id: string): Promise<LifecycleRow | null> {
    if (kind === 'experiment') {
      const e = await this.prisma.experiment.findUnique({
        where: { id },
        select: { id: true, name: true, kind: true, status: true, archivedAt: true, deletedAt: true },
      });
      return (
        e && {
          kind,
          id: e.id,
          name: e.name,
          experimentId: e.id,
          experimentKind: e.kind,
          status: e.status,
          archivedAt: e.archivedAt,
          deletedAt: e.deletedAt,
          experimentDeleted: e.deletedAt !== null,
        }
      );
    }
    const r = await this.prisma.run.findUnique({
      where: { id },
      select: {
        id: true,
        name: true,
        number: true,
        status: true,
        archivedAt: true,
        deletedAt: true,
        experiment: { select: { id: true, name: true, kind: true, deletedAt: true } },
      },
    });
    return (
      r && {
        kind,
        id: r.id,
        name: r.name ?? `${r.experiment.name} #${r.number}`,
        experimentId: r.experiment.id,
        experimentKind: r.experiment.kind,
        status: r.status,
        archivedAt: r.archivedAt,
        deletedAt: r.deletedAt,
        experimentDeleted: r.experiment.deletedAt !== null,
      }
    );
  }

  /** Was this id purged (restoring it is then 410 Gone)? */
  async purged(id: string): Promise<{ kind: string; name: string; purgedAt: Date } | null> {
    return this.prisma.purgedItem.findUnique({ where: { id }, select: { kind: true, name: true, purgedAt: true } });
  }

  /** Sets or clears archivedAt (kept when archiving twice, so the first archive's time stays). */
  async setArchived(kind: TTrashKind, id: string, archived: boolean): Promise<void> {
    const data = { archivedAt: archived ? new Date() : null };
    const where = { id, deletedAt: null, ...(archived ? { archivedAt: null } : {}) };
    if (kind === 'experiment') await this.prisma.experiment.updateMany({ where, data });
    else await this.prisma.run.updateMany({ where, data });
  }

  /** Moves to the trash; false when it was there already. */
  async trash(kind: TTrashKind, id: string): Promise<boolean> {
    const where = { id, deletedAt: null };
    const data = { deletedAt: new Date() };
    const { count } =
      kind === 'experiment' ? await this.prisma.experiment.updateMany({ where, data }) : await this.prisma.run.updateMany({ where, data });
    return count > 0;
  }

  /** Takes out of the trash; false when it was not there. */
  async restore(kind: TTrashKind, id: string): Promise<boolean> {
    const where = { id, deletedAt: { not: null } };
    const data = { deletedAt: null };
    const { count } =
      kind === 'experiment' ? await this.prisma.experiment.updateMany({ where, data }) : await this.prisma.run.updateMany({ where, data });
    return count > 0;
  }

  /** Another live tracked experiment of the project holds this experiment's name (POST /runs finds them by name). */
  async trackedNameTaken(experimentId: string): Promise<boolean> {
    const e = await this.prisma.experiment.findUnique({ where: { id: experimentId }, select: { projectId: true, kind: true, name: true } });
    if (!e || e.kind !== 'tracked') return false;
    const others = await this.prisma.experiment.count({
      where: { projectId: e.projectId, kind: 'tracked', name: e.name, id: { not: experimentId }, ...LIVE_EXPERIMENT },
    });
    return others > 0;
  }

  /** The ids of the runs a purge removes: every run of the experiment, or the run. */
  async runIdsOf(kind: TTrashKind, id: string): Promise<string[]> {
    if (kind === 'run') return [id];
    return (await this.prisma.run.findMany({ where: { experimentId: id }, select: { id: true } })).map((r) => r.id);
  }

  /** The model artifacts a purge removes (to drop them from the API's model cache). */
  async modelIdsOf(kind: TTrashKind, id: string): Promise<string[]> {
    const where = kind === 'experiment' ? { OR: [{ experimentId: id }, { trial: { experimentId: id } }] } : { trialId: id };
    return (await this.prisma.artifact.findMany({ where: { kind: 'model', ...where }, select: { id: true } })).map((a) => a.id);
  }

  /** The registry versions that publish one of these models (a version keeps its model: see LifecycleService.trash). */
  registeredVersionsOf(modelIds: readonly string[]): Promise<{ name: string; version: number }[]> {
    if (modelIds.length === 0) return Promise.resolve([]);
    return this.prisma.modelVersion
      .findMany({
        where: { artifactId: { in: [...modelIds] } },
        select: { version: true, registeredModel: { select: { name: true } } },
        orderBy: [{ registeredModel: { name: 'asc' } }, { version: 'asc' }],
      })
      .then((rows) => rows.map((row) => ({ name: row.registeredModel.name, version: row.version })));
  }

  /**
   * Removes the rows, in one transaction: the experiment (its runs, folds, checkpoints, rungs,
   * metric points and summaries, evaluations, artifacts and models cascade from it) or the run
   * (the same below it), and leaves a tombstone so a later restore answers 410. Only a trashed
   * row is purged; false when there was none (purged meanwhile, or restored).
   */
  async purge(kind: TTrashKind, id: string, name: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const where = { id, deletedAt: { not: null } };
      // its runs get tombstones too: restoring one of them is as gone as the experiment
      const runs =
        kind === 'experiment' ? await tx.run.findMany({ where: { experimentId: id }, select: { id: true, name: true, number: true } }) : [];
      const { count } = kind === 'experiment' ? await tx.experiment.deleteMany({ where }) : await tx.run.deleteMany({ where });
      if (count === 0) return false;
      await tx.purgedItem.createMany({
        data: [{ id, kind, name }, ...runs.map((run) => ({ id: run.id, kind: 'run', name: run.name ?? `${name} #${run.number}` }))],
        skipDuplicates: true,
      });
      return true;
    });
  }

  /**
   * Everything in the trash, newest deletion first: trashed experiments, and trashed runs whose
   * experiment is not trashed itself (those go with it). `before`: only items deleted before then.
   */
  async listTrash(before?: Date, projectIds: readonly string[] | null = null): Promise<TrashRow[]> {
    const deletedAt = before ? { not: null, lt: before } : { not: null };
    const [experiments, runs] = await Promise.all([
      this.prisma.experiment.findMany({
        where: { deletedAt, ...projectWhere(projectIds) },
        select: { id: true, name: true, deletedAt: true },
      }),
      this.prisma.run.findMany({
        where: { deletedAt, experiment: { ...LIVE_EXPERIMENT, ...projectWhere(projectIds) } },
        select: { id: true, name: true, number: true, deletedAt: true, experiment: { select: { id: true, name: true } } },
      }),
    ]);
    // the where clause holds deleted_at NOT NULL; the type cannot know it
    const rows: TrashRow[] = [
      ...experiments.flatMap((e) =>
        e.deletedAt ? [{ kind: 'experiment' as const, id: e.id, name: e.name, experimentId: e.id, deletedAt: e.deletedAt }] : [],
      ),
      ...runs.flatMap((r) =>
        r.deletedAt
          ? [
              {
                kind: 'run' as const,
                id: r.id,
                name: r.name ?? `${r.experiment.name} #${r.number}`,
                experimentId: r.experiment.id,
                deletedAt: r.deletedAt,
              },
            ]
          : [],
      ),
    ];
    return rows.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime() || a.id.localeCompare(b.id));
  }
}
