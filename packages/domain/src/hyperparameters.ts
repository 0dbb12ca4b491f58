import { z } from 'zod';
import type { TParams } from './runs';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'softplus', 'linear'] as const;
export const ZActivation = z.enum(ACTIVATIONS).describe('Activation of the hidden layers');
export type TActivation = z.infer<typeof ZActivation>;

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const;
export const ZOptimizer = z.enum(OPTIMIZERS).describe('Optimizer; momentum applies to sgd and rmsprop');
export type TOptimizer = z.infer<typeof ZOptimizer>;

export const ZBatchSize = z
  .number()
  .int('batch size must be a whole number')
  .positive('batch size must be positive')
  .max(8192, 'batch size must be at most 8192');
export const ZEpochs = z
  .number()
  .int('epochs must be a whole number')
  .min(1, 'epochs must be at least 1')
  .max(1000, 'epochs must be at most 1000');
export const ZLearningRate = z
  .number()
  .positive('learning rate must be positive')
  .max(10, 'learning rate must be at most 10');
export const ZMomentum = z
  .number()
  .min(0, 'momentum must be in [0, 1)')
  .lt(1, 'momentum must be in [0, 1)');

/** One point of a search space: the hyperparameters of a single trial. */
export const ZHyperparameters = z
  .object({
    architecture: z.string().min(1).describe('Key of the architecture, e.g. "cnn-a"'),
    batchSize: ZBatchSize,
    epochs: ZEpochs,
    activation: ZActivation,
    optimizer: ZOptimizer,
    learningRate: ZLearningRate,
    momentum: ZMomentum,
  })
  .meta({ id: 'Hyperparameters' });
export type THyperparameters = z.infer<typeof ZHyperparameters>;

export const HYPERPARAMETER_NAMES = [
  'architecture',
  'batchSize',
  'epochs',
  'activation',
  'optimizer',
  'learningRate',
  'momentum',
] as const satisfies readonly (keyof THyperparameters)[];
export type THyperparameterName = (typeof HYPERPARAMETER_NAMES)[number];

// ---------------------------------------------------------------------------------------------
// A search trial's hyperparameters are its run's params document (issue 13, "runs as data").
// These two are the only translation between the two: no other code maps columns or params
// to hyperparameters by hand, so a new hyperparameter is one schema entry above.

/**
 * A search trial's hyperparameters, read from its run's params document. Optional
 * hyperparameters missing from an older run get their schema defaults. Throws a readable error
 * (its `cause`, the ZodError) when the document is not a trial's hyperparameters, e.g. a run
 * logged from code.
 */
export function hyperparametersOf(params: unknown): THyperparameters {
  const parsed = ZHyperparameters.safeParse(params);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`).join('; ');
  throw new Error(`the run's params are not a search trial's hyperparameters (${problems})`, { cause: parsed.error });
}

/** The params document that stores a search trial's hyperparameters (keys as in THyperparameters). */
export function paramsOf(hyperparameters: THyperparameters): TParams {
  const params: TParams = {};
  for (const [key, value] of Object.entries(hyperparameters)) {
    if (value !== undefined) params[key] = value as TParams[string];
  }
  return params;
}
