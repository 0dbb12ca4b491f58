import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  type TLifecycleState,
  type TProjectUsage,
  type TPurgeResult,
  type TTrashList,
  type TTrashParams,
  ZApiError,
  ZLifecycleState,
  ZProjectUsage,
  ZPurgeResult,
  ZTrashList,
  ZTrashParams,
} from '@atelier/domain';
import { Contract, ValidParams } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { ZDatasetKeyParams } from '../datasets/datasets.schemas';
import { DatasetDeleteService } from './dataset-delete.service';
import { LifecycleService } from './lifecycle.service';
import { UsageService } from './usage.service';
import { Access } from '../auth/access.decorator';

const STATE = (what: string) => ({ description: `The ${what}'s lifecycle state`, schema: ZLifecycleState });
const NOT_FOUND = { description: 'No such experiment or run (or it is in the trash)', schema: ZApiError };
const ARCHIVED = 'Archived rows stay readable by id and keep training, but lists leave them out unless asked with `include=archived`.';

/** Archive, unarchive and delete (to the trash) an experiment. */
@Controller('experiments')
export class ExperimentLifecycleController {
  constructor(private readonly lifecycle: LifecycleService) {}

  /** POST /experiments/:id/archive: leaves the default list; idempotent (the first archive's time is kept). */
  @Post(':id/archive')
  @Access('write', { resource: 'experiment' })
  @HttpCode(200)
  @Contract({
    summary: 'Archive an experiment',
    description: ARCHIVED,
    tags: ['lifecycle'],
    params: ZIdParams,
    responses: { 200: STATE('experiment'), 404: NOT_FOUND },
  })
  archive(@ValidParams() params: { id: string }): Promise<TLifecycleState> {
    return this.lifecycle.archive('experiment', params.id, true);
  }

  /** POST /experiments/:id/unarchive: back in the default list; idempotent. */
  @Post(':id/unarchive')
  @Access('write', { resource: 'experiment' })
  @HttpCode(200)
  @Contract({
    summary: 'Unarchive an experiment',
    tags: ['lifecycle'],
    params: ZIdParams,
    responses: { 200: STATE('experiment'), 404: NOT_FOUND },
  })
  unarchive(@ValidParams() params: { id: string }): Promise<TLifecycleState> {
    return this.lifecycle.archive('experiment', params.id, false);
  }

  /** DELETE /experiments/:id: to the trash (hidden everywhere, GET /trash lists it); a queued, running or paused search is cancelled first. */
  @Delete(':id')
  @Access('write', { resource: 'experiment' })
  @Contract({
    summary: 'Delete an experiment to the trash',
    description:
      'The experiment and its runs disappear from every list and read; GET /trash lists it until it is restored (POST /trash/experiment/{id}/restore), ' +
      'purged (DELETE /trash/experiment/{id}) or swept after ATELIER_TRASH_RETENTION_DAYS. A search that is queued, running or paused is cancelled first.',
    tags: ['lifecycle'],
    params: ZIdParams,
    responses: { 200: STATE('experiment'), 404: NOT_FOUND },
  })
  trash(@ValidParams() params: { id: string }): Promise<TLifecycleState> {
    return this.lifecycle.trash('experiment', params.id);
  }
}

/** Archive, unarchive and delete (to the trash) a run logged from code. */
@Controller('runs')
export class RunLifecycleController {
  constructor(private readonly lifecycle: LifecycleService) {}

  /** POST /runs/:id/archive: leaves the default GET /runs list; idempotent. */
  @Post(':id/archive')
  @Access('write', { resource: 'run' })
  @HttpCode(200)
  @Contract({
    summary: 'Archive a run',
    description: ARCHIVED,
    tags: ['lifecycle'],
    params: ZIdParams,
    responses: { 200: STATE('run'), 404: NOT_FOUND },
  })
  archive(@ValidParams() params: { id: string }): Promise<TLifecycleState> {
    return this.lifecycle.archive('run', params.id, true);
  }

  /** POST /runs/:id/unarchive: back in the default list; idempotent. */
  @Post(':id/unarchive')
  @Access('write', { resource: 'run' })
  @HttpCode(200)
  @Contract({ summary: 'Unarchive a run', tags: ['lifecycle'], params: ZIdParams, responses: { 200: STATE('run'), 404: NOT_FOUND } })
  unarchive(@ValidParams() params: { id: string }): Promise<TLifecycleState> {
    return this.lifecycle.archive('run', params.id, false);
  }

  /** DELETE /runs/:id: a tracked run to the trash; a search's trial goes only with its search. */
  @Delete(':id')
  @Access('write', { resource: 'run' })
  @Contract({
    summary: 'Delete a run to the trash',
    description:
      'Hidden from every list and read until restored, purged or swept (see DELETE /experiments/{id}). Its metric points, artifacts and models are kept until it is purged.',
    tags: ['lifecycle'],
    params: ZIdParams,
    responses: {
      200: STATE('run'),
      404: NOT_FOUND,
      409: { description: "The run is a search's trial: delete the experiment instead", schema: ZApiError },
    },
  })
  trash(@ValidParams() params: { id: string }): Promise<TLifecycleState> {
    return this.lifecycle.trash('run', params.id);
  }
}

/** The trash: what was deleted, to restore or purge. */
@Controller('trash')
export class TrashController {
  constructor(private readonly lifecycle: LifecycleService) {}

  /** GET /trash: every deleted experiment and run, newest deletion first, with when the sweep purges it. */
  @Get()
  @Access('read', { project: 'query', list: true })
  @Contract({
    summary: 'List the trash',
    description: 'Trashed experiments, and trashed runs whose experiment is not itself in the trash (those go with it).',
    tags: ['lifecycle'],
    responses: { 200: { description: 'The trash', schema: ZTrashList } },
  })
  list(): Promise<TTrashList> {
    return this.lifecycle.list();
  }

  /** POST /trash/:kind/:id/restore: out of the trash, as it was (an archived one stays archived). */
  @Post(':kind/:id/restore')
  @Access('write', { resource: 'trashItem' })
  @HttpCode(200)
  @Contract({
    summary: 'Restore from the trash',
    description: 'Everything comes back: runs, metric points, folds, evaluations, artifacts and models were kept.',
    tags: ['lifecycle'],
    params: ZTrashParams,
    responses: {
      200: STATE('item'),
      404: { description: 'No such item, or it is not in the trash', schema: ZApiError },
      409: {
        description: "A run trashed with its experiment (restore the experiment), or another tracked experiment took the experiment's name",
        schema: ZApiError,
      },
      410: { description: 'It was purged', schema: ZApiError },
    },
  })
  restore(@ValidParams() params: TTrashParams): Promise<TLifecycleState> {
    return this.lifecycle.restore(params.kind, params.id);
  }

  /** DELETE /trash/:kind/:id: purges the rows and every file; cannot be undone. */
  @Delete(':kind/:id')
  @Access('owner', { resource: 'trashItem' })
  @Contract({
    summary: 'Purge from the trash',
    description:
      'Removes the rows (runs, folds, checkpoints, metric points, evaluations, artifacts and models) and every file its runs stored in the artifact store. Cannot be undone: a restore then answers 410.',
    tags: ['lifecycle'],
    params: ZTrashParams,
    responses: {
      200: { description: 'What was removed', schema: ZPurgeResult },
      404: { description: 'No such item, or it is not in the trash', schema: ZApiError },
      409: { description: 'A run trashed with its experiment: purge the experiment', schema: ZApiError },
      410: { description: 'It was purged already', schema: ZApiError },
    },
  })
  purge(@ValidParams() params: TTrashParams): Promise<TPurgeResult> {
    return this.lifecycle.purge(params.kind, params.id);
  }
}

/** Deleting an imported dataset (no trash: it is its files, imported again from them). */
@Controller('datasets')
export class DatasetLifecycleController {
  constructor(private readonly datasets: DatasetDeleteService) {}

  /** DELETE /datasets/:key: an imported dataset no experiment uses, row and files. */
  @Delete(':key')
  @Access('write', { resource: 'dataset', param: 'key' })
  @HttpCode(204)
  @Contract({
    summary: 'Delete an imported dataset',
    description:
      'Removes the row and its files under ATELIER_DATA_DIR/datasets/<key>/. Refused while any experiment uses it, trashed ones included (the message names them).',
    tags: ['datasets'],
    params: ZDatasetKeyParams,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No dataset has that key', schema: ZApiError },
      409: { description: 'A builtin dataset, or experiments use it (named in the message)', schema: ZApiError },
    },
  })
  async delete(@ValidParams() params: { key: string }): Promise<void> {
    await this.datasets.delete(params.key);
  }
}

/** What the project stores: the disk-usage view, and what purging the trash would free. */
@Controller('usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  /** GET /usage: rows, metric points, models and files, over everything and over the trash, and the heaviest experiments. */
  @Get()
  @Access('read', { project: 'query' })
  @Contract({
    summary: "The project's storage",
    description:
      'Counts of experiments, runs, metric points and evaluations, and the bytes of stored models (in the database) and run files ' +
      '(in the artifact store): in total, and for what is in the trash (what purging it, or the sweep, frees). Then the experiments ' +
      'holding the most bytes.',
    tags: ['lifecycle'],
    responses: { 200: { description: 'The usage', schema: ZProjectUsage } },
  })
  get(): Promise<TProjectUsage> {
    return this.usage.get();
  }
}
