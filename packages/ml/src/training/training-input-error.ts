/**
 * Training options that can never train: an invalid hyperparameter, images that do not match
 * their declared shape, a label outside the classes. Retrying cannot help, so the worker fails
 * the job at once with this message (see apps/worker/src/jobs/failure-kind.ts).
 */
export class TrainingInputError extends Error {
  override readonly name = 'TrainingInputError';
}
