import { z } from 'zod';
import type { TParams } from './runs';

/**
 * The hyperparameters of a trial, in one registry. Everything that lists them is derived from
 * HYPERPARAMETERS: the trial's schema (ZHyperparameters), search spaces and grids (search.ts),
 * grid expansion, random and TPE sampling, parameter importance (packages/ml), the launch form's
 * fields, table columns, labels and the model card. Adding a hyperparameter is its entry here
 * plus the code that uses it in the trainer.
 *
 * A new entry comes with a `default`: params documents stored before it existed lack it, and a
 * search space may leave it out; both mean "the default". Order matters: the grid expands in
 * this order (first slowest) and random search draws in it, so new entries go at the end and
 * every seed keeps drawing what it drew before.
 */

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'softplus', 'linear'] as const;
export const ZActivation = z.enum(ACTIVATIONS).describe('Activation of the hidden layers');
export type TActivation = z.infer<typeof ZActivation>;

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const;
export const ZOptimizer = z.enum(OPTIMIZERS).describe('Optimizer; momentum applies to sgd and rmsprop');
export type TOptimizer = z.infer<typeof ZOptimizer>;

/** The key of an architecture: what a search space names and the architecture record is stored under. */
export const ZArchitectureKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'architecture key must be lower-case letters, digits and dashes');

/**
 * The architecture of a fine-tune experiment's trials: they train the base model's own layers
 * with a new head, not a layer list, so `space.architecture` is `['fine-tune']` (and only then).
 * No stored architecture may take this key.
 */
export const FINE_TUNE_ARCHITECTURE = 'fine-tune';

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
export const ZLearningRate = z.number().positive('learning rate must be positive').max(10, 'learning rate must be at most 10');
export const ZMomentum = z.number().min(0, 'momentum must be in [0, 1)').lt(1, 'momentum must be in [0, 1)');

/** categorical: a value from a list; int and float: numbers, which a space can also give as a distribution. */
export type THyperparameterKind = 'categorical' | 'int' | 'float';
/** How a sampled search draws a numeric hyperparameter (search.ts holds their schemas). */
export type THyperparameterDistribution = 'int' | 'uniform' | 'log-uniform';

/** How the launch form asks for a hyperparameter; the form renders its fields from these. */
export interface HyperparameterFormField {
  /** The field's label: it takes a list, so mostly a plural ("Learning rates"). */
  readonly label: string;
  readonly hint: string;
  /** What a new form starts with: the list as typed for numbers, the ticked values for choices. */
  readonly initial: string | readonly string[];
  /** Numbers: the distributions offered when the strategy samples, the first one preselected, over `range`. */
  readonly distributions?: readonly THyperparameterDistribution[];
  readonly range?: readonly [number, number];
  /** Where the field sits: with the main dimensions of the space, or in the regularisation group. */
  readonly group: 'space' | 'regularization' | 'fine-tune';
}

export interface HyperparameterDefinition<V extends string | number = string | number> {
  readonly kind: THyperparameterKind;
  /** Schema of one stored value; its messages name the hyperparameter. */
  readonly value: z.ZodType<V>;
  /** Schema of a value in a new search space, when stricter than a stored one's. */
  readonly spaceValue?: z.ZodType<V>;
  /**
   * The value of a trial whose params do not hold one: a run stored before the hyperparameter
   * existed, or a search space that leaves it out. Without one the hyperparameter is required
   * in every trial and every space.
   */
  readonly default?: V;
  /** Categorical: the values it can take, when they are a closed list. */
  readonly choices?: readonly V[];
  /** 'log': values spread over orders of magnitude; read on a log axis (charts, importance). */
  readonly scale?: 'linear' | 'log';
  /** false: a recorded setting that is never a dimension of a search space. */
  readonly searchable: boolean;
  /** Numbers: false when a space may only list values (no distribution). */
  readonly distributions?: boolean;
  /** Set when a space may leave it out although it has no default: says who sets it then. */
  readonly optionalInSpace?: string;
  /** Display: "Learning rate"; `short` for legends ("lr=0.01"); `format` how a value prints. */
  readonly label: string;
  readonly short: string;
  /** A table's column header, when shorter than the label ("LR"). */
  readonly column?: string;
  readonly unit?: string;
  readonly format: 'integer' | 'number' | 'text';
  /** For the OpenAPI document and tooltips. */
  readonly description: string;
  readonly form: HyperparameterFormField;
}

/** The registry. New hyperparameters go at the end (see above). */
export const HYPERPARAMETERS = {
  architecture: {
    kind: 'categorical',
    value: z.string().min(1),
    spaceValue: ZArchitectureKey,
    searchable: true,
    label: 'Architecture',
    short: 'arch',
    format: 'text',
    description: 'Key of the architecture, e.g. "cnn-a"',
    // the form has a control of its own for it (cards and the architecture editor)
    form: { label: 'Architectures', hint: 'Architectures to train', initial: [], group: 'space' },
  },
  batchSize: {
    kind: 'int',
    value: ZBatchSize,
    scale: 'log',
    searchable: true,
    label: 'Batch size',
    short: 'batch',
    column: 'Batch',
    unit: 'images',
    format: 'integer',
    description: 'Training images per gradient step',
    form: {
      label: 'Batch sizes',
      hint: 'Whole numbers, comma-separated',
      initial: '32, 64',
      distributions: ['int'],
      range: [16, 128],
      group: 'space',
    },
  },
  epochs: {
    kind: 'int',
    value: ZEpochs,
    searchable: true,
    distributions: false,
    optionalInSpace: 'Required by grid and random search; ASHA sets epochs from its rungs and refuses this field',
    label: 'Epochs',
    short: 'epochs',
    format: 'integer',
    description: 'Passes over the training images',
    form: { label: 'Epochs', hint: 'Epochs per training run, e.g. 2, 5', initial: '2', group: 'space' },
  },
  activation: {
    kind: 'categorical',
    value: ZActivation,
    choices: ACTIVATIONS,
    searchable: true,
    label: 'Activation',
    short: 'act',
    format: 'text',
    description: 'Activation of the hidden layers that do not set their own',
    form: { label: 'Activations', hint: 'Of the hidden layers', initial: ['relu'], group: 'space' },
  },
  optimizer: {
    kind: 'categorical',
    value: ZOptimizer,
    choices: OPTIMIZERS,
    searchable: true,
    label: 'Optimizer',
    short: 'opt',
    format: 'text',
    description: 'Optimizer; momentum applies to sgd and rmsprop',
    form: { label: 'Optimizers', hint: 'Momentum applies to sgd and rmsprop', initial: ['adam'], group: 'space' },
  },
  learningRate: {
    kind: 'float',
    value: ZLearningRate,
    scale: 'log',
    searchable: true,
    label: 'Learning rate',
    short: 'lr',
    column: 'LR',
    format: 'number',
    description: "The optimizer's step size (its start, under a schedule)",
    form: {
      label: 'Learning rates',
      hint: 'e.g. 0.01, 0.001 or 1e-3',
      initial: '0.01, 0.001',
      distributions: ['log-uniform', 'uniform'],
      range: [0.0001, 0.1],
      group: 'space',
    },
  },
  momentum: {
    kind: 'float',
    value: ZMomentum,
    searchable: true,
    label: 'Momentum',
    short: 'mom',
    format: 'number',
    description: 'Momentum of sgd (classical) and rmsprop; ignored by the other optimizers',
    form: {
      label: 'Momentum',
      hint: 'In [0, 1); used by sgd and rmsprop',
      initial: '0',
      distributions: ['uniform'],
      range: [0, 0.95],
      group: 'space',
    },
  },
  dropout: {
    kind: 'float',
    value: z.number().min(0, 'dropout must be in [0, 1)').lt(1, 'dropout must be in [0, 1)'),
    default: 0,
    searchable: true,
    label: 'Dropout',
    short: 'drop',
    format: 'number',
    description: 'Rate of a dropout layer before the output layer, on top of any the architecture has; 0 adds none',
    form: {
      label: 'Dropout',
      hint: 'Rate in [0, 1) before the output layer; 0 for none',
      initial: '0',
      distributions: ['uniform'],
      range: [0, 0.5],
      group: 'regularization',
    },
  },
  weightDecay: {
    kind: 'float',
    value: z.number().min(0, 'weight decay must be in [0, 1]').max(1, 'weight decay must be in [0, 1]'),
    default: 0,
    scale: 'log',
    searchable: true,
    label: 'Weight decay',
    short: 'wd',
    format: 'number',
    description:
      'L2 penalty on every conv and dense kernel: weightDecay · Σw² is added to the loss the optimizer minimises (Keras l2); biases are not penalised; 0 for none',
    form: {
      label: 'Weight decay (L2)',
      hint: 'λ of λ·Σw² over the kernels, e.g. 1e-4; 0 for none',
      initial: '0',
      distributions: ['log-uniform', 'uniform'],
      range: [0.00001, 0.01],
      group: 'regularization',
    },
  },
  labelSmoothing: {
    kind: 'float',
    value: z.number().min(0, 'label smoothing must be in [0, 1)').lt(1, 'label smoothing must be in [0, 1)'),
    default: 0,
    searchable: true,
    label: 'Label smoothing',
    short: 'ls',
    format: 'number',
    description:
      'ε of the training targets y·(1 − ε) + ε/classes in the cross-entropy the optimizer minimises (Keras label_smoothing); the reported losses stay against the true labels; 0 for none',
    form: {
      label: 'Label smoothing',
      hint: 'ε in [0, 1), e.g. 0.1; 0 for none',
      initial: '0',
      distributions: ['uniform'],
      range: [0, 0.2],
      group: 'regularization',
    },
  },
  erasingProbability: {
    kind: 'float',
    value: z.number().min(0, 'erasing probability must be in [0, 1]').max(1, 'erasing probability must be in [0, 1]'),
    default: 0,
    searchable: true,
    label: 'Erasing probability',
    short: 'erase',
    format: 'number',
    description:
      "Chance that random erasing (Zhong et al. 2017) blanks a rectangle of each training image, shaped by the experiment's augmentation.randomErasing (the paper's shape without one); a trial that does not set it erases with augmentation.randomErasing.probability, else not at all",
    form: {
      label: 'Erasing probability',
      hint: 'Random erasing, per training image, in [0, 1]; 0 for none',
      initial: '0',
      distributions: ['uniform'],
      range: [0, 0.5],
      group: 'regularization',
    },
  },
  freezeLayers: {
    kind: 'int',
    value: z
      .number()
      .int('freeze layers must be a whole number of layers')
      .min(0, 'freeze layers must be at least 0')
      .max(1000, 'freeze layers must be at most 1000'),
    default: 0,
    searchable: true,
    label: 'Frozen layers',
    short: 'freeze',
    column: 'Frozen',
    format: 'integer',
    description:
      "Fine-tuning (an experiment with a baseModel): how many of the base model's first layers keep their weights while the rest and the new classifier head train; at most the base's layer count less one. 0 (the default) trains every layer; only 0 is allowed without a base model",
    form: {
      label: 'Frozen layers',
      hint: "The base model's first N layers keep their weights, e.g. 0, 2",
      initial: '0',
      distributions: ['int'],
      range: [0, 4],
      group: 'fine-tune',
    },
  },
} as const satisfies Record<string, HyperparameterDefinition>;

export type THyperparameterRegistry = typeof HYPERPARAMETERS;
export type THyperparameterName = keyof THyperparameterRegistry;
/** The value type of one hyperparameter. */
export type THyperparameterValue<N extends THyperparameterName> = z.output<THyperparameterRegistry[N]['value']>;

type NamesWhere<Condition> = { [N in THyperparameterName]: THyperparameterRegistry[N] extends Condition ? N : never }[THyperparameterName];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Hyperparameters with a default: optional in a params document and in a space. */
export type TDefaultedHyperparameterName = NamesWhere<{ default: string | number }>;
export type TRequiredHyperparameterName = Exclude<THyperparameterName, TDefaultedHyperparameterName>;
export type TSearchableHyperparameterName = NamesWhere<{ searchable: true }>;
export type TCategoricalHyperparameterName = NamesWhere<{ kind: 'categorical' }>;
export type TNumericHyperparameterName = Exclude<THyperparameterName, TCategoricalHyperparameterName>;

/** Every hyperparameter, in registry order. */
export const HYPERPARAMETER_NAMES = Object.keys(HYPERPARAMETERS) as readonly THyperparameterName[];

function entry(name: THyperparameterName): HyperparameterDefinition {
  return HYPERPARAMETERS[name];
}

/** The ones a search space can hold, in registry order (the grid's and the sampler's order). */
export const SEARCHABLE_HYPERPARAMETER_NAMES = HYPERPARAMETER_NAMES.filter(
  (name) => entry(name).searchable,
) as readonly TSearchableHyperparameterName[];
export const DEFAULTED_HYPERPARAMETER_NAMES = HYPERPARAMETER_NAMES.filter(
  (name) => entry(name).default !== undefined,
) as readonly THyperparameterName[] as unknown as readonly TDefaultedHyperparameterName[];

/** The registry entry of one hyperparameter, widened for code that walks every entry. */
export function hyperparameterDefinition(name: THyperparameterName): HyperparameterDefinition {
  return entry(name);
}

export function isHyperparameterName(name: string): name is THyperparameterName {
  return Object.hasOwn(HYPERPARAMETERS, name);
}

type HyperparameterShape = Simplify<
  { [N in TRequiredHyperparameterName]: THyperparameterRegistry[N]['value'] } & {
    [N in TDefaultedHyperparameterName]: z.ZodOptional<THyperparameterRegistry[N]['value']>;
  }
>;

/**
 * One point of a search space: the hyperparameters of a single trial. A hyperparameter with a
 * default stays absent when the params document does not hold it (a trial of a space that left
 * it out, or stored before it existed): `resolveHyperparameters` fills in the defaults where a
 * value is used, so what was recorded is kept apart from what was assumed.
 */
export const ZHyperparameters = z
  .object(
    Object.fromEntries(
      HYPERPARAMETER_NAMES.map((name) => {
        const definition = entry(name);
        const value = definition.value.describe(definition.description);
        return [name, definition.default === undefined ? value : value.optional()];
      }),
    ) as unknown as HyperparameterShape,
  )
  .meta({ id: 'Hyperparameters' });
export type THyperparameters = z.infer<typeof ZHyperparameters>;

/** The defaults of every hyperparameter that has one. */
export type THyperparameterDefaults = { [N in TDefaultedHyperparameterName]: THyperparameterValue<N> };
/** Hyperparameters with every default filled in: what a trial trains with. */
export type TResolvedHyperparameters = Simplify<THyperparameters & THyperparameterDefaults>;

export function hyperparameterDefaults(): THyperparameterDefaults {
  return Object.fromEntries(DEFAULTED_HYPERPARAMETER_NAMES.map((name) => [name, entry(name).default])) as THyperparameterDefaults;
}

/** `hyperparameters` with the default of each one it does not hold; the values it holds are kept. */
export function resolveHyperparameters<T extends Partial<THyperparameters>>(hyperparameters: T): Simplify<T & THyperparameterDefaults> {
  const resolved: Record<string, unknown> = { ...hyperparameters };
  for (const name of DEFAULTED_HYPERPARAMETER_NAMES) resolved[name] ??= entry(name).default;
  return resolved as Simplify<T & THyperparameterDefaults>;
}

/** The value a trial trained with: its own, else the default (undefined only for a required one it lacks). */
export function hyperparameterValue<N extends THyperparameterName>(
  hyperparameters: Partial<Record<THyperparameterName, unknown>>,
  name: N,
): THyperparameterValue<N> | undefined {
  return (hyperparameters[name] ?? entry(name).default) as THyperparameterValue<N> | undefined;
}

// ---------------------------------------------------------------------------------------------
// A search trial's hyperparameters are its run's params document (issue 13, "runs as data").
// These two are the only translation between the two: no other code maps columns or params
// to hyperparameters by hand, so a new hyperparameter is one registry entry above.

/**
 * A search trial's hyperparameters, read from its run's params document. A hyperparameter with
 * a default that an older run (or a space that left it out) lacks stays absent, as
 * ZHyperparameters keeps it; resolveHyperparameters fills the defaults where values are used.
 * Throws a readable error (its `cause`, the ZodError) when the document is not a trial's
 * hyperparameters, e.g. a run logged from code.
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
  for (const [key, value] of Object.entries(hyperparameters) as [string, TParams[string] | undefined][]) {
    if (value !== undefined) params[key] = value;
  }
  return params;
}
