import type { TCreateRunRequest, TLogRequest, TLogResponse, TRunArtifact, TRunArtifactList, TRunDetail, TUpdateRunRequest } from '@atelier/domain';

/** A file to upload: its name within the run and its bytes. */
export interface UploadFile {
  name: string;
  data: Blob;
}

export interface ModelUpload {
  /** model.json as `model.save(tf.io.http(...))` sends it. */
  modelJson: Blob;
  /** Every weight, concatenated in manifest order. */
  weights: Blob;
  name?: string;
  dataset?: string;
  overwrite?: boolean;
}

/** The REST calls the SDK makes; tests replace it to watch what a run sends. */
export interface Transport {
  createRun(request: TCreateRunRequest): Promise<TRunDetail>;
  log(runId: string, request: TLogRequest): Promise<TLogResponse>;
  updateRun(runId: string, request: TUpdateRunRequest): Promise<TRunDetail>;
  uploadModel(runId: string, upload: ModelUpload): Promise<TRunArtifact>;
  uploadArtifacts(runId: string, files: readonly UploadFile[], options?: { overwrite?: boolean }): Promise<TRunArtifactList>;
}
