import { selectBackend, type BackendInfo, type BackendName } from '@atelier/ml/backend/select-backend';

let selected: Promise<BackendInfo> | null = null;

/**
 * Initializes TensorFlow.js once per process (each sandboxed child loads its own wasm module)
 * and reports which backend trains, for the fold's provenance. The preference comes from the
 * parsed config; `env: {}` keeps the ML package from reading process.env behind its back.
 */
export function ensureBackend(preferred?: BackendName): Promise<BackendInfo> {
  const pending =
    selected ??
    selectBackend({ preferred, env: {} }).catch((error: unknown) => {
      selected = null;
      throw error;
    });
  selected = pending;
  return pending;
}
