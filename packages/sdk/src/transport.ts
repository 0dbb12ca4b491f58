import type { ArtifactFile, RunModelUpload } from '@atelier/client';
import type {
  TCreateRunRequest,
  TEvaluation,
  TLogEvaluationRequest,
  TLogRequest,
  TRunArtifact,
  TRunDetail,
  TUpdateRunRequest,
} from '@atelier/domain';

/** A file to upload: its path within the run and its bytes. */
export type UploadFile = ArtifactFile;
export type ModelUpload = RunModelUpload;

/** What a run needs to know of itself once created. */
export type CreatedRun = Pick<TRunDetail, 'id' | 'number' | 'experimentId'>;

/**
 * Where a run's calls go: the API (httpTransport), or a local folder (offlineTransport, synced
 * later with `atelier sync`). Tests replace it to watch what a run sends.
 */
export interface Transport {
  createRun(request: TCreateRunRequest): Promise<CreatedRun>;
  log(runId: string, request: TLogRequest): Promise<void>;
  updateRun(runId: string, request: TUpdateRunRequest): Promise<void>;
  uploadModel(runId: string, upload: ModelUpload): Promise<Pick<TRunArtifact, 'id' | 'name'>>;
  uploadArtifacts(runId: string, files: readonly UploadFile[], options?: { overwrite?: boolean }): Promise<void>;
  /** Stores a confusion matrix as the run's evaluation; the API's scores come back (null offline: they are computed at sync). */
  logEvaluation(runId: string, request: TLogEvaluationRequest): Promise<TEvaluation | null>;
}
