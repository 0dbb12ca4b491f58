import { Injectable, Logger } from '@nestjs/common';
import { type BackendInfo, selectBackend } from '@atelier/ml/backend/select-backend';

/**
 * TensorFlow.js in the API process, started on the first prediction rather than at boot (most
 * API processes never predict). packages/ml's selection: tfjs-node when installed, else wasm,
 * else cpu. `env: {}` keeps the ML package from reading process.env: the API's config has no
 * backend setting, so the automatic choice applies.
 */
@Injectable()
export class TfRuntime {
  private readonly logger = new Logger('TfRuntime');
  private selected: Promise<BackendInfo> | null = null;

  ready(): Promise<BackendInfo> {
    this.selected ??= selectBackend({ env: {} }).then(
      (info) => {
        this.logger.log(`TensorFlow.js backend for predictions: ${info.label}`);
        return info;
      },
      (error: unknown) => {
        this.selected = null;
        throw error;
      },
    );
    return this.selected;
  }
}
