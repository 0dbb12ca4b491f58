import { NotASearchError } from '@atelier/db';
import { DatasetFormatError } from '@atelier/ml/data/dataset-errors';
import { ArchitectureSpecError } from '@atelier/ml/models/summary';
import { CheckpointError } from '@atelier/ml/training/checkpoint';
import { TrainingInputError } from '@atelier/ml/training/training-input-error';
import { UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';

/**
 * Whether an error fails the same way on every attempt, so retrying only delays the message:
 * an architecture that cannot be built for the dataset's images, training options or a
 * hyperparameter out of range, a dataset file that does not parse or does not match its labels,
 * a checkpoint that does not load, a database row that fails its schema. Anything else (a lost
 * connection, an out-of-memory kill, a missing file on a volume not mounted yet) is retried.
 */
export function isDeterministicFailure(error: unknown): boolean {
  const errors = [error, (error as { cause?: unknown } | null)?.cause];
  return errors.some(
    (e) =>
      e instanceof UnrecoverableError ||
      (e as Partial<Error> | null)?.name === 'UnrecoverableError' ||
      e instanceof ZodError ||
      e instanceof NotASearchError ||
      e instanceof ArchitectureSpecError ||
      e instanceof TrainingInputError ||
      e instanceof DatasetFormatError ||
      e instanceof CheckpointError,
  );
}
