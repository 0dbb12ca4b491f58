import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels, wasmBinaryDir } from './kernels';

export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendInfo {
  name: BackendName;
  /** Version of @tensorflow/tfjs-core in use. */
  version: string;
  /** For logs and run metadata, e.g. "wasm (tfjs 4.22.0, SIMD)". */
  label: string;
  /** Why better backends were skipped, e.g. "tensorflow: @tensorflow/tfjs-node is not installed". */
  skipped: string[];
}

export interface SelectBackendOptions {
  /** Tried first; the rest of tensorflow → wasm → cpu follow as fallbacks. */
  preferred?: BackendName;
  /**
   * Where ATELIER_TF_BACKEND is read from (it overrides `preferred`); the process environment
   * by default. Apps pass their parsed config's value here instead.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

const ENV_VARIABLE = 'ATELIER_TF_BACKEND';

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/**
 * tfjs-node is optional and often unloadable (its install downloads libtensorflow, which fails
 * offline and has returned 403 online), so anything it throws, even at require time, means
 * "not available".
 */
async function tryTensorflow(): Promise<string | null> {
  try {
    require('@tensorflow/tfjs-node');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'MODULE_NOT_FOUND'
      ? '@tensorflow/tfjs-node is not installed'
      : `@tensorflow/tfjs-node failed to load: ${message(error)}`;
  }
  try {
    // tfjs-node registers 'tensorflow' with its own copy of tfjs-core when versions differ;
    // then our engine never sees it.
    // Typed as always a factory, but it returns undefined for a name nothing registered.
    const factory = tf.findBackendFactory('tensorflow') as ReturnType<typeof tf.findBackendFactory> | undefined;
    if (!factory) return '@tensorflow/tfjs-node loaded but registered no backend with this tfjs-core (version mismatch?)';
    return (await tf.setBackend('tensorflow')) ? null : 'the tensorflow backend failed to initialise';
  } catch (error) {
    return `the tensorflow backend failed: ${message(error)}`;
  }
}

let wasmPathsSet = false;

async function tryWasm(): Promise<string | null> {
  try {
    if (!wasmPathsSet) {
      // In Node the binaries are read from disk: point the loader at the package's dist folder
      // rather than at a CDN (which would fail offline).
      setWasmPaths(wasmBinaryDir());
      wasmPathsSet = true;
    }
    // The wasm backend cannot train a CNN without the project's Conv2DBackpropFilter.
    registerTrainingKernels();
    return (await tf.setBackend('wasm')) ? null : 'the wasm backend failed to initialise';
  } catch (error) {
    return `the wasm backend failed: ${message(error)}`;
  }
}

async function tryCpu(): Promise<string | null> {
  return (await tf.setBackend('cpu')) ? null : 'the cpu backend failed to initialise';
}

const ATTEMPTS: Record<BackendName, () => Promise<string | null>> = { tensorflow: tryTensorflow, wasm: tryWasm, cpu: tryCpu };

async function describe(name: BackendName, skipped: string[]): Promise<BackendInfo> {
  const version = tf.version_core;
  const features: string[] = [];
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    if (simd) features.push('SIMD');
    if (threads) features.push('threads');
  }
  return { name, version, label: `${name} (tfjs ${[version, ...features].join(', ')})`, skipped };
}

async function select(preferred: BackendName | undefined): Promise<BackendInfo> {
  const order = preferred ? [preferred, ...BACKEND_NAMES.filter((n) => n !== preferred)] : [...BACKEND_NAMES];
  const skipped: string[] = [];
  for (const name of order) {
    const failure = await ATTEMPTS[name]();
    if (failure === null) {
      await tf.ready();
      return describe(name, skipped);
    }
    skipped.push(`${name}: ${failure}`);
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.join('; ')}`);
}

/**
 * Chooses the fastest backend that works here and makes it TF.js's active backend:
 * tfjs-node when installed and loadable, else wasm with the training kernels, else cpu.
 * ATELIER_TF_BACKEND (tensorflow | wasm | cpu) overrides `preferred`; an unavailable choice
 * falls back down the list and says so in `skipped`. Idempotent: a second call with the same
 * outcome returns the same info without touching the engine.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendInfo> {
  const env = options.env ?? process.env;
  const fromEnv = env[ENV_VARIABLE]?.trim().toLowerCase();
  if (fromEnv && !isBackendName(fromEnv)) {
    throw new Error(`${ENV_VARIABLE} must be one of ${BACKEND_NAMES.join(', ')}, got "${fromEnv}"`);
  }
  const preferred = (fromEnv as BackendName | undefined) || options.preferred;

  while (pending) await pending.catch(() => undefined);
  if (current && tf.getBackend() === current.name && (!preferred || preferred === current.name)) return current;

  pending = select(preferred);
  try {
    current = await pending;
    return current;
  } finally {
    pending = null;
  }
}

/**
 * What is running now, for logs and run metadata; null until selectBackend has run (or when
 * something else switched TF.js's backend behind its back).
 */
export function backendInfo(): BackendInfo | null {
  return current && tf.getBackend() === current.name ? current : null;
}
