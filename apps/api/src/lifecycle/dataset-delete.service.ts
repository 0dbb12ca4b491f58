import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { conflict, notFound } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { storedDatasetDirectory, storedDatasetsRoot } from '../datasets/dataset-loader';
import { CONFIG, PRISMA } from '../infra/tokens';

/** How many experiment names a refusal spells out before "and N more". */
const NAMED_EXPERIMENTS = 10;

/**
 * DELETE /datasets/:key: an imported dataset's row and its files under ATELIER_DATA_DIR/datasets.
 * Refused while any experiment uses it, trashed ones included (a restore would find its dataset
 * gone): the 409 names them, so the user knows what to delete or purge first. Builtin datasets
 * are seeded at every start-up, so deleting one would undo nothing.
 */
@Injectable()
export class DatasetDeleteService {
  private readonly logger = new Logger('DatasetDeleteService');

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async delete(key: string): Promise<void> {
    const dataset = await this.prisma.dataset.findUnique({
      where: { key },
      select: { id: true, kind: true, name: true, storagePath: true },
    });
    if (!dataset) throw notFound(`No dataset has the key '${key}'.`);
    if (dataset.kind !== 'imported') throw conflict(`Dataset '${key}' is builtin: it is seeded at every start-up and cannot be deleted.`);
    const users = await this.prisma.experiment.findMany({
      where: { datasetId: dataset.id },
      select: { name: true, deletedAt: true },
      orderBy: { createdAt: 'asc' },
    });
    if (users.length > 0) {
      const named = users.slice(0, NAMED_EXPERIMENTS).map((e) => `'${e.name}'${e.deletedAt ? ' (in the trash)' : ''}`);
      const more = users.length > NAMED_EXPERIMENTS ? ` and ${users.length - NAMED_EXPERIMENTS} more` : '';
      throw conflict(
        `Dataset '${key}' is used by ${users.length} experiment${users.length > 1 ? 's' : ''}: ${named.join(', ')}${more}. ` +
          'Delete those experiments and purge them from the trash (DELETE /trash/experiment/{id}) first.',
      );
    }
    // the row first: a crash before the files leaves files no row points at, never the reverse.
    // An experiment created meanwhile makes the foreign key (RESTRICT) refuse the delete.
    await this.prisma.dataset.delete({ where: { id: dataset.id } });
    if (dataset.storagePath) {
      const directory = storedDatasetDirectory(this.config, dataset.storagePath);
      // never outside the imported datasets' root, whatever the row says
      if (path.dirname(directory) === storedDatasetsRoot(this.config)) await rm(directory, { recursive: true, force: true });
      else this.logger.warn(`dataset ${key}: ${directory} is not under ${storedDatasetsRoot(this.config)}; its files were left in place`);
    }
    this.logger.log(`dataset ${key} deleted`);
  }
}
