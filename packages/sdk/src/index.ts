/**
 * @atelier/sdk for Node: log a TensorFlow.js training to Atelier.
 *
 *     const run = await atelier.init({ experiment: 'fashion-cnn', config: { lr: 1e-3 } });
 *     await model.fit(xs, ys, { epochs: 5, callbacks: [run.callback()] });
 *     await run.logModel(model);
 *     await run.finish();
 *
 * The URL and token come from init()'s options, ATELIER_URL / ATELIER_TOKEN, or `atelier login`.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { type Connect, type InitOptions, initRun } from './init.js';
import { offlineTransport } from './node/offline.js';
import { connectionDefaults } from './node/saved-login.js';
import type { Run } from './run.js';

/** ATELIER_MODE=offline or init({ mode: 'offline' }): the run goes to a local folder (see node/offline.ts). */
const connectOffline: Connect = (options) => {
  const transport = offlineTransport(path.resolve(options.offlineDir ?? process.env.ATELIER_OFFLINE_DIR ?? 'atelier-offline'));
  return Promise.resolve({ transport, pageOf: (runId: string) => transport.folderOf(runId) });
};

/**
 * Starts a run in the experiment named `options.experiment` and returns it. The URL and token
 * come from the options, else ATELIER_URL / ATELIER_TOKEN, else `atelier login`; ATELIER_MODE=offline
 * (or `mode: 'offline'`) writes the run to a folder instead. Throws an {@link AtelierError} when
 * the API cannot be reached within `initTimeoutMs` or refuses the run; nothing of the run's own
 * methods throws. A script that ends without {@link Run.finish} finishes its run on exit.
 */
export async function init(options: InitOptions): Promise<Run> {
  const mode = options.mode ?? (process.env.ATELIER_MODE === 'offline' ? 'offline' : 'online');
  const connection = connectionDefaults(options.url);
  const { run } = mode === 'offline' ? await initRun(options, connection, connectOffline) : await initRun(options, connection);
  finishBeforeExit(run);
  return run;
}

/**
 * A script that ends without finish() still sends what it logged: when Node is about to exit
 * (its event loop empty), the run is finished, as W&B does. A crash (an uncaught exception)
 * exits without that; the run then shows as lost once it has been silent for a while.
 */
function finishBeforeExit(run: Run): void {
  process.once('beforeExit', () => {
    void run.finish();
  });
}

export { AtelierCallback, type CallbackOptions } from './callback.js';
export { AtelierError, type FailureKind } from './errors.js';
export type { InitOptions } from './init.js';
export type { FetchLike } from './http-transport.js';
export type { OutboxTotals } from './outbox.js';
export {
  Run,
  type ConfusionMatrixOptions,
  type FinishSummary,
  type Labels,
  type LoggedModel,
  type LogModelOptions,
  type LogOptions,
} from './run.js';
export type { Logs, LogValue } from './callback.js';
export type { UploadFile } from './transport.js';
export {
  loginFile,
  readSavedLogin,
  saveLogin,
  removeLogin,
  connectionDefaults,
  type ConnectionDefaults,
  type SavedLogin,
} from './node/saved-login.js';
/** The SDK as one object, for `import atelier from '@atelier/sdk'`. */
export default {
  /** See {@link init}. */
  init,
};
