import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { lookup } from 'mime-types';
import { type TRunArtifact, type TRunArtifactList, ZArtifactName } from '@atelier/domain';
import { ApiException, badRequest, conflict, notFound } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';
import { ArtifactStore, ArtifactTooLargeError, type StagedFile } from './artifact-store';
import { type FilePart, readMultipart } from './multipart-upload';
import { toRunArtifact } from './run-artifact.mapper';
import { ArtifactNameTakenError, ArtifactRegisteredError, registeredMessage, RunArtifactsRepository } from './run-artifacts.repository';

/** Files in one POST /runs/:id/artifacts; more go in further requests. */
export const MAX_FILES_PER_UPLOAD = 100;

interface StagedArtifact {
  name: string;
  contentType: string;
  staged: StagedFile;
}

/** What a download sends: a file from the store, or a model's zip from the database. */
export type ArtifactDownload = { name: string; contentType: string; sha256: string; sizeBytes: number } & (
  { source: 'store'; path: string } | { source: 'database'; content: Uint8Array }
);

export const mib = (bytes: number) => `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;

/** The name of an artifact from a 'path' field or the part's file name; a 400 names the part. */
export function artifactName(raw: string, from: string): string {
  const result = ZArtifactName.safeParse(raw);
  if (result.success) return result.data;
  throw badRequest(`Invalid artifact name ${JSON.stringify(raw)} (${from}): ${result.error.issues.map((i) => i.message).join('; ')}.`);
}

/** The part's type, or one guessed from the name when the client sent the generic one. */
export function contentTypeOf(name: string, mimeType: string): string {
  if (mimeType && mimeType !== 'application/octet-stream') return mimeType;
  return lookup(name) || 'application/octet-stream';
}

/**
 * Files logged to a run (MLflow's log_artifact): streamed into the artifact store, recorded as
 * Artifact rows of kind 'file'. Rules, so they live in one place:
 * - any run, finished or not, takes files (MLflow allows logging to a finished run too: plots
 *   and reports are often made after training ends);
 * - a name is a relative path within the run (ZArtifactName), unique per run; a taken name is a
 *   409 unless the request says `?overwrite=true`, which replaces the old file atomically;
 * - one request is all or nothing: any refused part and nothing of the request is stored.
 */
@Injectable()
export class RunArtifactsService {
  private readonly logger = new Logger('RunArtifacts');

  constructor(
    private readonly artifacts: RunArtifactsRepository,
    private readonly store: ArtifactStore,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async requireRun(runId: string) {
    const run = await this.artifacts.findRun(runId);
    if (!run) throw notFound(`Run '${runId}' not found`);
    return run;
  }

  async list(runId: string): Promise<TRunArtifactList> {
    await this.requireRun(runId);
    return { runId, items: (await this.artifacts.list(runId)).map(toRunArtifact) };
  }

  async upload(runId: string, request: Request, overwrite: boolean): Promise<TRunArtifactList> {
    // Before reading a byte of the body: an unknown run must not cost the client its upload.
    const run = await this.requireRun(runId);
    const limit = this.config.ATELIER_ARTIFACT_MAX_BYTES;
    const names = new Set<string>();
    /** Each part's artifact name, for the 413 of a part cut at the limit. */
    const nameOf = new WeakMap<FilePart['stream'], string>();
    // Set by the field callback below, which TypeScript's narrowing does not follow.
    let pendingPath = null as string | null;

    const stage = async (part: FilePart): Promise<StagedArtifact> => {
      const from =
        pendingPath !== null ? `the 'path' field before the file in '${part.field}'` : `the file name of the part '${part.field}'`;
      const raw = pendingPath ?? part.filename;
      pendingPath = null;
      if (raw === undefined)
        throw badRequest(`The file in the field '${part.field}' has no file name: send a 'path' field before it to name the artifact.`);
      const name = artifactName(raw, from);
      if (names.has(name)) throw badRequest(`The artifact name '${name}' is given twice in one request.`);
      names.add(name);
      nameOf.set(part.stream, name);
      // The check runs while the bytes flow to disk; the transaction checks again at the end.
      const staging = this.store.stage(part.stream, limit);
      try {
        if (!overwrite && (await this.artifacts.nameTaken(runId, name))) throw this.nameTaken(runId, name);
      } catch (error) {
        staging.then(
          (staged) => this.store.discard(staged),
          () => undefined,
        );
        throw error;
      }
      try {
        return { name, contentType: contentTypeOf(name, part.mimeType), staged: await staging };
      } catch (error) {
        if (error instanceof ArtifactTooLargeError) throw this.tooLarge(name);
        throw error;
      }
    };

    const staged = await readMultipart<StagedArtifact>(
      request,
      { fileBytes: limit, files: MAX_FILES_PER_UPLOAD, fields: MAX_FILES_PER_UPLOAD, fieldBytes: 4 * 1024 },
      {
        field: (field, value) => {
          if (field !== 'path')
            throw badRequest(`Unexpected form field '${field}': send file parts, each optionally preceded by a 'path' field naming it.`);
          if (pendingPath !== null) throw badRequest("Two 'path' fields in a row: each 'path' names the file part that follows it.");
          pendingPath = value;
        },
        file: stage,
        discard: (artifact) => this.store.discard(artifact.staged),
        tooLarge: (part) => this.tooLarge(nameOf.get(part.stream) ?? part.filename ?? part.field),
      },
    );
    const discardAll = () => Promise.all(staged.map((a) => this.store.discard(a.staged)));
    if (pendingPath !== null) {
      await discardAll();
      throw badRequest("The last 'path' field names no file: send each 'path' field before the file part it names.");
    }
    if (staged.length === 0)
      throw badRequest(
        'The request holds no file: send multipart/form-data with one or more file parts (e.g. curl -F path=plots/roc.png -F file=@roc.png <api>/runs/<id>/artifacts).',
      );
    return { runId, items: await this.commit(run.id, run.experimentId, staged, overwrite) };
  }

  /** Renames the staged files under their keys, then writes the rows; undoes the renames if the rows fail. */
  private async commit(runId: string, experimentId: string, staged: StagedArtifact[], overwrite: boolean): Promise<TRunArtifact[]> {
    const rows = staged.map((artifact) => {
      const id = randomUUID();
      return { artifact, id, key: this.store.keyFor(runId, id) };
    });
    const moved: string[] = [];
    try {
      for (const { artifact, key } of rows) {
        await this.store.commit(artifact.staged, key);
        moved.push(key);
      }
      const { rows: inserted, replacedKeys } = await this.artifacts.insert(
        runId,
        experimentId,
        rows.map(({ artifact, id, key }) => ({
          id,
          kind: 'file',
          name: artifact.name,
          contentType: artifact.contentType,
          sizeBytes: artifact.staged.sizeBytes,
          sha256: artifact.staged.sha256,
          storageKey: key,
        })),
        overwrite,
      );
      await Promise.all(replacedKeys.map((key) => this.removeQuietly(key)));
      return inserted.map(toRunArtifact);
    } catch (error) {
      await Promise.all([...moved.map((key) => this.removeQuietly(key)), ...staged.map((a) => this.store.discard(a.staged))]);
      if (error instanceof ArtifactNameTakenError) throw this.nameTaken(runId, error.artifactName);
      if (error instanceof ArtifactRegisteredError) throw conflict(registeredMessage(runId, error));
      throw error;
    }
  }

  async download(runId: string, artifactId: string): Promise<ArtifactDownload> {
    const row = await this.artifacts.findOne(runId, artifactId);
    if (!row) {
      await this.requireRun(runId);
      throw notFound(`Artifact '${artifactId}' not found in run '${runId}'`);
    }
    const name = row.name ?? (row.kind === 'model' ? 'model.zip' : row.id);
    const common = { sha256: row.sha256, sizeBytes: Number(row.sizeBytes) };
    if (row.storageKey)
      return {
        ...common,
        name,
        contentType: row.contentType ?? 'application/octet-stream',
        source: 'store',
        path: this.store.pathOf(row.storageKey),
      };
    const content = await this.artifacts.modelContent(row.id);
    if (!content) throw new ApiException(500, 'artifact_missing', `Artifact '${artifactId}' has neither a stored file nor content.`);
    return {
      ...common,
      name: row.kind === 'model' && !name.endsWith('.zip') ? `${name}.zip` : name,
      contentType: row.contentType ?? 'application/zip',
      source: 'database',
      content,
    };
  }

  private nameTaken(runId: string, name: string): ApiException {
    return conflict(`Run '${runId}' already has an artifact named '${name}': add ?overwrite=true to replace it, or choose another name.`);
  }

  private tooLarge(name: string): ApiException {
    const limit = this.config.ATELIER_ARTIFACT_MAX_BYTES;
    return new ApiException(
      413,
      'payload_too_large',
      `The file '${name}' is larger than the ${mib(limit)} (${limit} bytes) limit for run artifacts (ATELIER_ARTIFACT_MAX_BYTES); nothing was stored.`,
    );
  }

  private async removeQuietly(key: string): Promise<void> {
    await this.store
      .remove(key)
      .catch((error: unknown) => this.logger.warn(`could not remove ${key} from the artifact store: ${(error as Error).message}`));
  }
}
