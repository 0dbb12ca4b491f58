/**
 * @atelier/sdk for browsers: the same init/log/finish and TF.js callback as in Node, without
 * Node's modules (no saved login, no environment variables: pass `url` and, if the API needs
 * one, `token` to init()). The API must list the page's origin in ATELIER_CORS_ORIGINS.
 */
import { type InitOptions, initRun } from './init.js';
import type { Run } from './run.js';

export async function init(options: InitOptions): Promise<Run> {
  const { run } = await initRun(options);
  return run;
}

export { AtelierCallback, type CallbackOptions } from './callback.js';
export { AtelierError, type FailureKind } from './errors.js';
export type { InitOptions } from './init.js';
export { Run, type ConfusionMatrixOptions, type FinishSummary, type Labels, type LogModelOptions, type LogOptions } from './run.js';
export type { UploadFile } from './transport.js';
export default { init };
