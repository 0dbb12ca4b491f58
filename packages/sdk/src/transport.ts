import type { ArtifactFile, RunModelUpload } from '@atelier/client';
import type { TCreateRunRequest, TLogRequest, TLogResponse, TRunArtifact, TRunDetail, TUpdateRunRequest } from '@atelier/domain';

/** A file to upload: its path within the run and its bytes. */
export type UploadFile = ArtifactFile;
export type ModelUpload = RunModelUpload;

/** The REST calls the SDK makes; tests replace it to watch what a run sends. */
export interface Transport {
  createRun(request: TCreateRunRequest): Promise<TRunDetail>;
  log(runId: string, request: TLogRequest): Promise<TLogResponse>;
  updateRun(runId: string, request: TUpdateRunRequest): Promise<TRunDetail>;
  uploadModel(runId: string, upload: ModelUpload): Promise<TRunArtifact>;
  uploadArtifacts(runId: string, files: readonly UploadFile[], options?: { overwrite?: boolean }): Promise<TRunArtifact[]>;
}
