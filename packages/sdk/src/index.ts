/**
 * @atelier/sdk for Node: log a TensorFlow.js training to Atelier.
 *
 *     const run = await atelier.init({ experiment: 'fashion-cnn', config: { lr: 1e-3 } });
 *     await model.fit(xs, ys, { epochs: 5, callbacks: [run.callback()] });
 *     await run.logModel(model);
 *     await run.finish();
 *
 * The URL and token come from init()'s options, ATELIER_URL / ATELIER_TOKEN, or `atelier login`.
 */
import { type InitOptions, initRun } from './init.js';
import { connectionDefaults } from './node/saved-login.js';
import type { Run } from './run.js';

export async function init(options: InitOptions): Promise<Run> {
  const defaults = connectionDefaults();
  // a token saved for another server is not sent to the one init() names
  const { run } = await initRun(options, options.url !== undefined && options.url !== defaults.url ? { token: process.env.ATELIER_TOKEN } : defaults);
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
export { Run, type FinishSummary, type LogModelOptions, type LogOptions } from './run.js';
export type { UploadFile } from './transport.js';
export { loginFile, readSavedLogin, saveLogin, removeLogin, connectionDefaults, type SavedLogin } from './node/saved-login.js';
export default { init };
