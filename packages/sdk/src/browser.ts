/**
 * @atelier/sdk for browsers: the same init/log/finish and TF.js callback as in Node, without
 * Node's modules (no saved login, no environment variables: pass `url` and, if the API needs
 * one, `token` to init()). The API must list the page's origin in ATELIER_CORS_ORIGINS.
 *
 * @packageDocumentation
 */
import { type InitOptions, initRun } from './init.js';
import type { Run } from './run.js';

/**
 * Starts a run in the experiment named `options.experiment` and returns it. Pass `url` (the API,
 * or the web app that serves it under /api). Throws an {@link AtelierError} when the API cannot be
 * reached within `initTimeoutMs` or refuses the run; nothing of the run's own methods throws.
 * A page has no exit: call {@link Run.finish} when training is over.
 */
export async function init(options: InitOptions): Promise<Run> {
  const { run } = await initRun(options);
  return run;
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
/** The SDK as one object, for `import atelier from '@atelier/sdk'`. */
export default {
  /** See {@link init}. */
  init,
};
