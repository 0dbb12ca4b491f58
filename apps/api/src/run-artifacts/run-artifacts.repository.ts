import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { LIVE_RUN } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';

/** Artifact columns a listing shows (never the model bytes). */
export const RUN_ARTIFACT_SELECT = {
  id: true,
  kind: true,
  name: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  storageKey: true,
  createdAt: true,
} as const;

export type RunArtifactRow = Prisma.ArtifactGetPayload<{ select: typeof RUN_ARTIFACT_SELECT }>;

/** A new artifact row: a file (storageKey) or a model (content). */
export interface NewArtifact {
  id: string;
  kind: 'file' | 'model';
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey?: string;
  content?: Uint8Array<ArrayBuffer>;
  metadata?: Prisma.InputJsonObject;
}

/** Same name already in the run, and the request did not ask to overwrite. */
export class ArtifactNameTakenError extends Error {
  override readonly name = 'ArtifactNameTakenError';
  constructor(readonly artifactName: string) {
    super(`artifact name taken: ${artifactName}`);
  }
}

/** Overwrite would replace a model that the registry publishes as a version: a version's bytes never change. */
export class ArtifactRegisteredError extends Error {
  override readonly name = 'ArtifactRegisteredError';
  constructor(
    readonly artifactName: string,
    /** `name/version` of each version that publishes it */
    readonly versions: string[],
  ) {
    super(`artifact registered: ${artifactName}`);
  }
}

/** The 409 of an upload whose overwrite would change a registered version. */
export const registeredMessage = (runId: string, error: ArtifactRegisteredError) =>
  `Run '${runId}' already has an artifact named '${error.artifactName}' and it is registered as ${error.versions.join(', ')}: a registered version never changes. ` +
  'Upload under another ?name= and register it as a new version.';

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

@Injectable()
export class RunArtifactsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The run with what a model card needs: its parameters, experiment and (search) dataset; or null. */
  findRun(id: string) {
    return this.prisma.run.findFirst({
      where: { id, ...LIVE_RUN },
      select: {
        id: true,
        experimentId: true,
        number: true,
        name: true,
        params: true,
        experiment: { select: { name: true, dataset: { select: { key: true } } } },
      },
    });
  }

  findDataset(key: string) {
    return this.prisma.dataset.findUnique({ where: { key }, select: { key: true, name: true, classNames: true, imageShape: true } });
  }

  async datasetKeys(): Promise<string[]> {
    return (await this.prisma.dataset.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((d) => d.key);
  }

  async nameTaken(runId: string, name: string): Promise<boolean> {
    return (await this.prisma.artifact.count({ where: { trialId: runId, name } })) > 0;
  }

  list(runId: string): Promise<RunArtifactRow[]> {
    return this.prisma.artifact.findMany({
      where: { trialId: runId },
      // a search's refit models have no name: after the named ones, newest first
      orderBy: [{ name: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
      select: RUN_ARTIFACT_SELECT,
    });
  }

  findOne(runId: string, artifactId: string) {
    return this.prisma.artifact.findFirst({ where: { id: artifactId, trialId: runId }, select: RUN_ARTIFACT_SELECT });
  }

  /** A model artifact's zip bytes. */
  async modelContent(artifactId: string): Promise<Uint8Array | null> {
    return (await this.prisma.artifact.findUnique({ where: { id: artifactId }, select: { content: true } }))?.content ?? null;
  }

  /**
   * Inserts the artifacts of one upload in one transaction. With `overwrite`, artifacts of the
   * same names are replaced (their rows deleted in the same transaction) and their storage keys
   * returned, for the caller to remove the files once committed. Without it, a taken name
   * throws ArtifactNameTakenError and nothing is written.
   */
  async insert(
    runId: string,
    experimentId: string,
    artifacts: NewArtifact[],
    overwrite: boolean,
  ): Promise<{ rows: RunArtifactRow[]; replacedKeys: string[] }> {
    const names = artifacts.map((a) => a.name);
    // Two overwrites of one name at once: the second's insert meets the first's row; run it again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.prisma.$transaction(async (tx) => {
          let replacedKeys: string[] = [];
          if (overwrite) {
            const replaced = await tx.artifact.findMany({
              where: { trialId: runId, name: { in: names } },
              select: {
                id: true,
                name: true,
                storageKey: true,
                modelVersions: { select: { version: true, registeredModel: { select: { name: true } } } },
              },
            });
            const registered = replaced.find((r) => r.modelVersions.length > 0);
            if (registered) {
              throw new ArtifactRegisteredError(
                registered.name ?? '',
                registered.modelVersions.map((v) => `${v.registeredModel.name}/${v.version}`),
              );
            }
            await tx.artifact.deleteMany({ where: { id: { in: replaced.map((r) => r.id) } } });
            replacedKeys = replaced.flatMap((r) => (r.storageKey ? [r.storageKey] : []));
          }
          const rows: RunArtifactRow[] = [];
          for (const artifact of artifacts) {
            rows.push(
              await tx.artifact.create({
                data: {
                  id: artifact.id,
                  experimentId,
                  trialId: runId,
                  kind: artifact.kind,
                  name: artifact.name,
                  contentType: artifact.contentType,
                  sizeBytes: BigInt(artifact.sizeBytes),
                  sha256: artifact.sha256,
                  storageKey: artifact.storageKey ?? null,
                  content: artifact.content ?? null,
                  metadata: artifact.metadata ?? {},
                },
                select: RUN_ARTIFACT_SELECT,
              }),
            );
          }
          return { rows, replacedKeys };
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (!overwrite) {
          const taken = await this.prisma.artifact.findFirst({ where: { trialId: runId, name: { in: names } }, select: { name: true } });
          throw new ArtifactNameTakenError(taken?.name ?? names[0] ?? ''); // names holds what was just inserted
        }
        if (attempt >= 3) throw error;
      }
    }
  }
}
