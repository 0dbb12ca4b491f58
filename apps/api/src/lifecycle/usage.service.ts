import { Inject, Injectable } from '@nestjs/common';
import type { TProjectUsage, TStorageTally } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { type ExperimentUsageRow, UsageRepository } from './usage.repository';

/** The experiments listed by GET /usage, the heaviest first. */
const USAGE_EXPERIMENTS_LIMIT = 50;

const EMPTY: TStorageTally = { experiments: 0, runs: 0, metricPoints: 0, evaluations: 0, models: 0, modelBytes: 0, files: 0, fileBytes: 0 };

function add(a: TStorageTally, b: TStorageTally): TStorageTally {
  return {
    experiments: a.experiments + b.experiments,
    runs: a.runs + b.runs,
    metricPoints: a.metricPoints + b.metricPoints,
    evaluations: a.evaluations + b.evaluations,
    models: a.models + b.models,
    modelBytes: a.modelBytes + b.modelBytes,
    files: a.files + b.files,
    fileBytes: a.fileBytes + b.fileBytes,
  };
}

/** One experiment's storage: all of it, or only what is in the trash. */
function tally(row: ExperimentUsageRow, part: 'all' | 'trash'): TStorageTally {
  const trash = part === 'trash';
  return {
    experiments: trash ? (row.deletedAt ? 1 : 0) : 1,
    runs: trash ? row.runsTrashed : row.runs,
    metricPoints: trash ? row.pointsTrashed : row.points,
    evaluations: trash ? row.evaluationsTrashed : row.evaluations,
    models: trash ? row.modelsTrashed : row.models,
    modelBytes: trash ? row.modelBytesTrashed : row.modelBytes,
    files: trash ? row.filesTrashed : row.files,
    fileBytes: trash ? row.fileBytesTrashed : row.fileBytes,
  };
}

/** GET /usage: what the project stores, and what purging the trash would free. */
@Injectable()
export class UsageService {
  constructor(
    private readonly usage: UsageRepository,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async get(projectId: string): Promise<TProjectUsage> {
    const rows = await this.usage.experiments(projectId);
    const heaviest = [...rows].sort(
      (a, b) => b.modelBytes + b.fileBytes - (a.modelBytes + a.fileBytes) || b.points - a.points || a.name.localeCompare(b.name),
    );
    return {
      total: rows.reduce((sum, row) => add(sum, tally(row, 'all')), EMPTY),
      trash: rows.reduce((sum, row) => add(sum, tally(row, 'trash')), EMPTY),
      experiments: heaviest.slice(0, USAGE_EXPERIMENTS_LIMIT).map((row) => {
        const { experiments: _one, ...all } = tally(row, 'all');
        return { id: row.id, name: row.name, kind: row.kind, deletedAt: row.deletedAt?.toISOString() ?? null, ...all };
      }),
      retentionDays: this.config.ATELIER_TRASH_RETENTION_DAYS,
    };
  }
}
