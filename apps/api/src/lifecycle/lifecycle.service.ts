import { Inject, Injectable, Logger } from '@nestjs/common';
import { canExperiment, type TLifecycleState, type TPurgeResult, type TTrashKind, type TTrashList } from '@atelier/domain';
import { ApiException, conflict, gone, notFound } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { ExperimentsService } from '../experiments/experiments.service';
import { CONFIG } from '../infra/tokens';
import { ModelCache } from '../models/model-cache';
import { ArtifactStore } from '../run-artifacts/artifact-store';
import { type LifecycleRow, LifecycleRepository } from './lifecycle.repository';

const DAY_MS = 24 * 3600 * 1000;
const KIND_LABEL: Record<TTrashKind, string> = { experiment: 'Experiment', run: 'Run' };

/**
 * Archive, trash, restore and purge of experiments and runs. The rules: a search still queued,
 * running or paused is cancelled before it goes to the trash (its workers stop at their next
 * batch); a search's trial is not deleted alone (the search's results rest on every trial); a
 * purge removes the rows and every file of every run, and leaves a tombstone (restore: 410).
 */
@Injectable()
export class LifecycleService {
  private readonly logger = new Logger('LifecycleService');

  constructor(
    private readonly lifecycle: LifecycleRepository,
    private readonly experiments: ExperimentsService,
    private readonly store: ArtifactStore,
    private readonly models: ModelCache,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async archive(kind: TTrashKind, id: string, archived: boolean): Promise<TLifecycleState> {
    const row = await this.live(kind, id);
    await this.lifecycle.setArchived(row.kind, id, archived);
    return this.state(kind, id);
  }

  /** DELETE /experiments/:id, /runs/:id: to the trash, a running search cancelled first. */
  async trash(kind: TTrashKind, id: string): Promise<TLifecycleState> {
    const row = await this.live(kind, id);
    if (kind === 'run' && row.experimentKind === 'search') {
      throw conflict(
        `Run '${row.name}' is a trial of a search: delete the experiment (DELETE /experiments/${row.experimentId}) to trash the search with every trial.`,
      );
    }
    await this.refuseIfRegistered(kind, id, row.name);
    if (kind === 'experiment' && row.experimentKind === 'search' && canExperiment('cancel', row.status)) {
      await this.cancelSearch(id);
    }
    await this.lifecycle.trash(kind, id);
    this.logger.log(`${kind} ${id} moved to the trash`);
    return this.state(kind, id);
  }

  /** `projectIds`: the projects whose trash is listed (null: every project). */
  async list(projectIds: readonly string[] | null): Promise<TTrashList> {
    const days = this.config.ATELIER_TRASH_RETENTION_DAYS;
    const rows = await this.lifecycle.listTrash(undefined, projectIds);
    return {
      retentionDays: days,
      items: rows.map((row) => ({
        kind: row.kind,
        id: row.id,
        name: row.name,
        experimentId: row.experimentId,
        deletedAt: row.deletedAt.toISOString(),
        purgeAfter: new Date(row.deletedAt.getTime() + days * DAY_MS).toISOString(),
      })),
    };
  }

  /** POST /trash/:kind/:id/restore: back where it was (archived still, if it was archived). */
  async restore(kind: TTrashKind, id: string): Promise<TLifecycleState> {
    const row = await this.trashed(kind, id);
    if (kind === 'run' && row.experimentDeleted) {
      throw conflict(
        `Run '${row.name}' went to the trash with its experiment: restore the experiment (POST /trash/experiment/${row.experimentId}/restore).`,
      );
    }
    if (kind === 'experiment' && (await this.lifecycle.trackedNameTaken(id))) {
      throw conflict(
        `Another tracked experiment is named '${row.name}' now (runs are logged to it by name): rename it (PATCH /experiments/{id}) before restoring this one.`,
      );
    }
    await this.lifecycle.restore(kind, id);
    this.logger.log(`${kind} ${id} restored from the trash`);
    return this.state(kind, id);
  }

  /** DELETE /trash/:kind/:id: the rows, then every file of its runs; nothing of it is left. */
  async purge(kind: TTrashKind, id: string): Promise<TPurgeResult> {
    const row = await this.trashed(kind, id);
    if (kind === 'run' && row.experimentDeleted) {
      throw conflict(
        `Run '${row.name}' went to the trash with its experiment: purge the experiment (DELETE /trash/experiment/${row.experimentId}).`,
      );
    }
    return this.purgeRow(row);
  }

  /**
   * Purges every item that has been in the trash longer than ATELIER_TRASH_RETENTION_DAYS (the
   * sweep's work). Several API instances may sweep at once: a purge that finds its row gone
   * already is skipped. Returns how many items were purged.
   */
  async sweep(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.ATELIER_TRASH_RETENTION_DAYS * DAY_MS);
    let purged = 0;
    for (const item of await this.lifecycle.listTrash(before)) {
      const row = await this.lifecycle.find(item.kind, item.id);
      if (row?.deletedAt && (await this.purgeRow(row).catch((error: unknown) => this.sweepFailed(item.id, error)))) purged += 1;
    }
    if (purged > 0) this.logger.log(`trash sweep: purged ${purged} item(s) deleted before ${before.toISOString()}`);
    return purged;
  }

  private sweepFailed(id: string, error: unknown): null {
    this.logger.warn(`trash sweep: purging ${id} failed (${(error as Error).message}); the next sweep tries again`);
    return null;
  }

  /**
   * A model published in the registry stays: an alias such as `production` may serve it. So an
   * experiment or run whose model is a registered version is neither trashed nor purged (409
   * naming the versions) until those versions are deleted.
   */
  private async refuseIfRegistered(kind: TTrashKind, id: string, name: string, modelIds?: readonly string[]): Promise<void> {
    const versions = await this.lifecycle.registeredVersionsOf(modelIds ?? (await this.lifecycle.modelIdsOf(kind, id)));
    const [first] = versions;
    if (!first) return;
    const listed = versions.map((v) => `'${v.name}' version ${v.version}`).join(', ');
    throw conflict(
      `${KIND_LABEL[kind]} '${name}' has a model published in the registry as ${listed}: delete ${versions.length === 1 ? 'that version' : 'those versions'} first (DELETE /registered-models/${first.name}/versions/${first.version}), then delete it.`,
    );
  }

  private async purgeRow(row: LifecycleRow): Promise<TPurgeResult> {
    const runIds = await this.lifecycle.runIdsOf(row.kind, row.id);
    const modelIds = await this.lifecycle.modelIdsOf(row.kind, row.id);
    await this.refuseIfRegistered(row.kind, row.id, row.name, modelIds);
    if (!(await this.lifecycle.purge(row.kind, row.id, row.name)))
      throw notFound(`${KIND_LABEL[row.kind]} '${row.id}' is not in the trash.`);
    // files after the rows: a crash in between leaves orphan files (harmless, removable), never rows pointing at no file
    for (const runId of runIds) await this.store.removeRun(runId);
    for (const modelId of modelIds) this.models.forget(modelId);
    this.logger.log(`${row.kind} ${row.id} purged: ${runIds.length} run(s) and their files`);
    return { kind: row.kind, id: row.id, runs: runIds.length, files: runIds.length };
  }

  /** Cancels through the experiments' own transition; a search that finished meanwhile is fine. */
  private async cancelSearch(id: string): Promise<void> {
    try {
      await this.experiments.cancel(id);
    } catch (error) {
      if (!(error instanceof ApiException && error.getStatus() === 409)) throw error;
    }
  }

  /** The row, not in the trash (nor a run's experiment); 404 otherwise. */
  private async live(kind: TTrashKind, id: string): Promise<LifecycleRow> {
    const row = await this.lifecycle.find(kind, id);
    if (!row || row.deletedAt || row.experimentDeleted)
      throw notFound(`${KIND_LABEL[kind]} '${id}' not found (a deleted one is listed by GET /trash).`);
    return row;
  }

  /** The row, in the trash; 410 when it was purged, 404 when unknown or not trashed. */
  private async trashed(kind: TTrashKind, id: string): Promise<LifecycleRow> {
    const row = await this.lifecycle.find(kind, id);
    if (row && (row.deletedAt || row.experimentDeleted)) return row;
    if (row) throw notFound(`${KIND_LABEL[kind]} '${row.name}' is not in the trash.`);
    const purged = await this.lifecycle.purged(id);
    if (purged)
      throw gone(
        `${KIND_LABEL[kind]} '${purged.name}' was purged from the trash on ${purged.purgedAt.toISOString()}; it cannot be restored.`,
      );
    throw notFound(`${KIND_LABEL[kind]} '${id}' not found.`);
  }

  private async state(kind: TTrashKind, id: string): Promise<TLifecycleState> {
    const row = await this.lifecycle.find(kind, id);
    if (!row) throw notFound(`${KIND_LABEL[kind]} '${id}' not found.`);
    return { kind, id, archivedAt: row.archivedAt?.toISOString() ?? null, deletedAt: row.deletedAt?.toISOString() ?? null };
  }
}
