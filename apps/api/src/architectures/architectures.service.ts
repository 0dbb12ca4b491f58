import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type TArchitectureLayout,
  type TArchitectureSpec,
  type TArchitectureSummary,
  ZArchitectureSpec,
  ZArchitectureSummaryRequest,
  ZCreateArchitectureRequest,
} from '@atelier/domain';
import type { z } from 'zod';
import { ArchitectureSpecError, summarizeArchitecture } from '@atelier/ml/models/summary';
import { badRequest, conflict } from '../common/api-exception';
import { BUILTIN_ARCHITECTURES } from '@atelier/ml/models/zoo';
import { type ArchitectureRow, ArchitecturesRepository } from './architectures.repository';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { parameterCapIssue } from './model-caps';

/** Parameter counts are quoted for the builtin datasets' shape: 28×28×1 images, 10 classes. */
const SUMMARY_SHAPE = { inputShape: [28, 28, 1] as const, numClasses: 10 };

@Injectable()
export class ArchitecturesService implements OnModuleInit {
  private readonly logger = new Logger('ArchitecturesService');

  constructor(
    private readonly architectures: ArchitecturesRepository,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  /** Seeds the builtin architectures at start-up (idempotent); knn has no parameters (null). */
  async onModuleInit(): Promise<void> {
    for (const builtin of Object.values(BUILTIN_ARCHITECTURES)) {
      const parameterCount = builtin.spec.kind === 'knn' ? null : summarizeArchitecture(builtin.spec, SUMMARY_SHAPE).parameterCount;
      await this.architectures.upsertBuiltin({ ...builtin, parameterCount });
    }
    this.logger.log(`builtin architectures: ${Object.keys(BUILTIN_ARCHITECTURES).join(', ')}`);
  }

  async list(projectIds: readonly string[] | null): Promise<TArchitectureSummary[]> {
    return (await this.architectures.findAll(projectIds)).map(toArchitectureSummary);
  }

  /** Output shape and parameters of every layer; 400 naming the layer when the stack cannot be built. */
  summarize(request: z.output<typeof ZArchitectureSummaryRequest>): TArchitectureLayout {
    return layoutOf(request.spec, { inputShape: request.inputShape, numClasses: request.numClasses });
  }

  /**
   * Stores a user's layer list after checking it builds for the builtin shape and is under the
   * parameter cap there (400 with the count and the cap; POST /experiments checks again for its
   * dataset's shape); 409 when the key is taken.
   */
  async create(request: z.output<typeof ZCreateArchitectureRequest>, projectId: string): Promise<TArchitectureSummary> {
    const layout = layoutOf(request.spec, SUMMARY_SHAPE);
    const overCap = parameterCapIssue(
      request.key,
      layout.parameterCount,
      { maxParameters: this.config.ATELIER_MAX_MODEL_PARAMS, maxTrainingMemoryMb: this.config.ATELIER_MAX_TRAINING_MEMORY_MB },
      'the 28×28×1 images of the builtin datasets',
    );
    if (overCap) throw badRequest(overCap, [{ path: 'spec.layers', message: overCap }]);
    const row = await this.architectures.createCustom({
      key: request.key,
      name: request.name,
      description: request.description,
      spec: request.spec,
      parameterCount: layout.parameterCount,
      projectId,
    });
    if (!row) throw conflict(`An architecture with the key '${request.key}' already exists: choose another key`);
    return toArchitectureSummary(row);
  }

  /** The architectures a project may use: the builtins and its own. */
  async all(projectIds: readonly string[] | null): Promise<ArchitectureRow[]> {
    return this.architectures.findAll(projectIds);
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

function layoutOf(
  spec: TArchitectureSpec,
  shape: { inputShape: readonly [number, number, number]; numClasses: number },
): TArchitectureLayout {
  try {
    const result = summarizeArchitecture(spec, shape);
    return {
      inputShape: [...shape.inputShape],
      layers: result.layers.map((layer, index) => ({
        index,
        type: layer.type,
        outputShape: layer.outputShape,
        parameterCount: layer.parameterCount,
        output: layer.output === true,
      })),
      parameterCount: result.parameterCount,
      trainableParameterCount: result.trainableParameterCount,
    };
  } catch (error) {
    if (!(error instanceof ArchitectureSpecError)) throw error;
    const path = error.layerIndex === null ? 'spec.layers' : `spec.layers[${error.layerIndex}]`;
    throw badRequest(`This architecture cannot be built: ${error.message}`, [{ path, message: error.message }]);
  }
}
