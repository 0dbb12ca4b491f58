import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type TArchitectureSummary, ZArchitectureSpec } from '@atelier/domain';
import { summarizeArchitecture } from '@atelier/ml/models/summary';
import { BUILTIN_ARCHITECTURES } from '@atelier/ml/models/zoo';
import { type ArchitectureRow, ArchitecturesRepository } from './architectures.repository';

/** Parameter counts are quoted for the builtin datasets' shape: 28×28×1 images, 10 classes. */
const SUMMARY_SHAPE = { inputShape: [28, 28, 1] as const, numClasses: 10 };

@Injectable()
export class ArchitecturesService implements OnModuleInit {
  private readonly logger = new Logger('ArchitecturesService');

  constructor(private readonly architectures: ArchitecturesRepository) {}

  /** Seeds the builtin architectures at start-up (idempotent); knn has no parameters (null). */
  async onModuleInit(): Promise<void> {
    for (const builtin of Object.values(BUILTIN_ARCHITECTURES)) {
      const parameterCount = builtin.spec.kind === 'knn' ? null : summarizeArchitecture(builtin.spec, SUMMARY_SHAPE).parameterCount;
      await this.architectures.upsertBuiltin({ ...builtin, parameterCount });
    }
    this.logger.log(`builtin architectures: ${Object.keys(BUILTIN_ARCHITECTURES).join(', ')}`);
  }

  async list(): Promise<TArchitectureSummary[]> {
    return (await this.architectures.findAll()).map(toArchitectureSummary);
  }

  async all(): Promise<ArchitectureRow[]> {
    return this.architectures.findAll();
  }
}

export function toArchitectureSummary(row: ArchitectureRow): TArchitectureSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    builtin: row.builtin,
    spec: ZArchitectureSpec.parse(row.spec),
    parameterCount: row.parameterCount,
    createdAt: row.createdAt.toISOString(),
  };
}
