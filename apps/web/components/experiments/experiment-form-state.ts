import {
  explainUnionIssues,
  hyperparameterDefinition,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  ZCreateExperimentRequest,
  type HyperparameterDefinition,
  type TCategoricalHyperparameterName,
  type TExperimentDetail,
  type TArchitectureSummary,
  type TCreateExperimentRequest,
  type TGridSpace,
  type TNumericHyperparameterName,
  type TSearchableHyperparameterName,
  type TSearchStrategyKind,
  type TValidationPlan,
} from '@atelier/domain';
import { estimateGrid, parseNumberList, type GridEstimate } from './grid';

/**
 * The launch form's state is text as typed; `validateForm` turns it into a request and checks
 * it with the same schema the API uses, so the browser and the server give the same answer.
 */
export interface ExperimentFormState {
  name: string;
  description: string;
  dataset: string;
  architectures: string[];
  /** Numeric dimensions as typed ("0.01, 0.001"), by hyperparameter; see `distributions` for ranges. */
  values: Record<NumericDimension, string>;
  /** Categorical dimensions other than architecture: the values ticked, by hyperparameter. */
  choices: Record<ChoiceDimension, string[]>;
  validationKind: 'kfold' | 'holdout';
  folds: string;
  holdoutFraction: string;
  /** Empty means the whole training set. */
  trainingSlice: string;
  seed: string;
  strategy: TSearchStrategyKind;
  /** Random search: configurations drawn. */
  randomTrials: string;
  /** The rungs of ASHA, of Hyperband and of TPE's early stopping. */
  ashaMinEpochs: string;
  ashaMaxEpochs: string;
  ashaReductionFactor: string;
  /** ASHA: configurations drawn at random; empty for every grid point. */
  ashaTrials: string;
  /** Hyperband: configurations drawn; empty for one iteration of its brackets. */
  hyperbandTrials: string;
  tpeTrials: string;
  tpeStartupTrials: string;
  tpeParallelism: string;
  tpeMultivariate: boolean;
  /** TPE with ASHA's early stopping over the rungs above. */
  tpeEarlyStopping: boolean;
  /** Numeric dimensions given as a distribution instead of a list (random search and ASHA). */
  distributions: Partial<Record<NumericDimension, DistributionInput>>;
  /** Empty: no limit of the request's own (the server's limits still apply). */
  maxTrials: string;
  maxTotalEpochs: string;
  /**
   * Random erasing's rectangle set here (its probability is the erasingProbability dimension
   * of the space, a hyperparameter like the others); off: the paper's rectangle.
   */
  randomErasing: boolean;
  erasingAreaMin: string;
  erasingAreaMax: string;
}

/**
 * The form's fields for hyperparameters come from the registry (packages/domain
 * hyperparameters.ts): a new hyperparameter's entry, with its `form` description, is its field.
 */
export type NumericDimension = Extract<TSearchableHyperparameterName, TNumericHyperparameterName>;
export type ChoiceDimension = Exclude<Extract<TSearchableHyperparameterName, TCategoricalHyperparameterName>, 'architecture'>;
export interface DistributionInput {
  dist: 'uniform' | 'log-uniform' | 'int';
  low: string;
  high: string;
}

const definitionOf = (name: TSearchableHyperparameterName): HyperparameterDefinition => hyperparameterDefinition(name);

/** The numeric dimensions, in registry order. */
export const NUMERIC_DIMENSIONS = SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => definitionOf(name).kind !== 'categorical') as NumericDimension[];
/** The categorical dimensions but architecture (which has cards and an editor of its own), in registry order. */
export const CHOICE_DIMENSIONS = SEARCHABLE_HYPERPARAMETER_NAMES.filter(
  (name) => definitionOf(name).kind === 'categorical' && name !== 'architecture',
) as ChoiceDimension[];

/** Which distributions each numeric dimension can take (none: lists only). */
export const DISTRIBUTIONS = Object.fromEntries(
  NUMERIC_DIMENSIONS.map((name) => [name, [...(definitionOf(name).form.distributions ?? [])]]),
) as Record<NumericDimension, DistributionInput['dist'][]>;

/** The distribution a dimension switches to first, over the registry's starting range. */
export const DEFAULT_DISTRIBUTIONS = Object.fromEntries(
  NUMERIC_DIMENSIONS.flatMap((name) => {
    const { distributions, range } = definitionOf(name).form;
    return distributions?.length && range ? [[name, { dist: distributions[0]!, low: String(range[0]), high: String(range[1]) }]] : [];
  }),
) as Partial<Record<NumericDimension, DistributionInput>>;

export const FORM_FIELDS = [
  'name',
  'description',
  'dataset',
  ...SEARCHABLE_HYPERPARAMETER_NAMES,
  'validation',
  'trainingSlice',
  'seed',
  'strategy',
  'budget',
  'augmentation',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormErrors = Partial<Record<FormField | 'form', string>>;

export interface FormValidation {
  /** The request to send, or null while any field is invalid. */
  request: TCreateExperimentRequest | null;
  errors: FormErrors;
}

export const DEFAULT_TRAINING_SLICE = 2000;

/** The largest seed the API takes (a 31-bit integer). */
export const MAX_SEED = 2 ** 31 - 1;

/**
 * A fresh seed for each new search: a default fixed seed would redraw the previous random
 * search's points. Drawn on the server page, so the first render and hydration agree.
 */
export function drawSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (MAX_SEED + 1));
}

export function initialFormState(options: { dataset?: string; architecture?: string; seed?: number } = {}): ExperimentFormState {
  return {
    name: '',
    description: '',
    dataset: options.dataset ?? '',
    architectures: options.architecture ? [options.architecture] : [],
    values: Object.fromEntries(NUMERIC_DIMENSIONS.map((name) => [name, String(definitionOf(name).form.initial)])) as Record<NumericDimension, string>,
    choices: Object.fromEntries(CHOICE_DIMENSIONS.map((name) => [name, [...(definitionOf(name).form.initial as readonly string[])]])) as Record<ChoiceDimension, string[]>,
    validationKind: 'kfold',
    folds: '3',
    holdoutFraction: '0.2',
    trainingSlice: String(DEFAULT_TRAINING_SLICE),
    seed: String(options.seed ?? drawSeed()),
    strategy: 'grid',
    randomTrials: '8',
    ashaMinEpochs: '1',
    ashaMaxEpochs: '9',
    ashaReductionFactor: '3',
    ashaTrials: '',
    hyperbandTrials: '',
    tpeTrials: '30',
    tpeStartupTrials: '10',
    tpeParallelism: '2',
    tpeMultivariate: false,
    tpeEarlyStopping: false,
    distributions: {},
    maxTrials: '',
    maxTotalEpochs: '',
    randomErasing: false,
    erasingAreaMin: '0.02',
    erasingAreaMax: '0.4',
  };
}

/** The strategy sets epochs from its rungs (ASHA, Hyperband, TPE with early stopping), so the form asks for none. */
export function usesRungs(state: Pick<ExperimentFormState, 'strategy' | 'tpeEarlyStopping'>): boolean {
  return state.strategy === 'asha' || state.strategy === 'hyperband' || (state.strategy === 'tpe' && state.tpeEarlyStopping);
}

/** knn has no hyperparameters to search: it can't take part in a grid. */
export function gridArchitectures(architectures: readonly TArchitectureSummary[]): TArchitectureSummary[] {
  return architectures.filter((architecture) => architecture.spec.kind !== 'knn' && architecture.key !== 'knn');
}

/** Maps an issue path from zod or the API ("space.batchSize.1", "validation.folds") to a form field. */
export function fieldForIssuePath(path: string | readonly PropertyKey[]): FormField | 'form' {
  const parts = (typeof path === 'string' ? path.split(/[.[\]/]+/) : path.map(String)).filter(Boolean);
  const [head, next] = parts;
  if (head === 'space' && next && (FORM_FIELDS as readonly string[]).includes(next)) return next as FormField;
  if (head === 'validation') return 'validation';
  if (head === 'strategy' && next === 'trials' && parts.length === 2) return 'strategy';
  if (head === 'budget') return 'budget';
  if (head === 'augmentation') return 'augmentation';
  if (head && (FORM_FIELDS as readonly string[]).includes(head)) return head as FormField;
  return 'form';
}

/** Keeps the first message per field, in order. */
export function errorsFromIssues(issues: readonly { path: string | readonly PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const field = fieldForIssuePath(issue.path);
    errors[field] ??= issue.message;
  }
  return errors;
}

function parseInteger(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** A list holding only the hyperparameter's default: what leaving the dimension out means. */
function isDefaultOnly(definition: HyperparameterDefinition, value: unknown): boolean {
  return definition.default !== undefined && Array.isArray(value) && value.length === 1 && value[0] === definition.default;
}

export function validateForm(state: ExperimentFormState): FormValidation {
  const errors: FormErrors = {};
  const list = (field: FormField, text: string): number[] => {
    const parsed = parseNumberList(text);
    if (parsed.ok) return parsed.values;
    errors[field] = parsed.error;
    return [];
  };

  const sampled = state.strategy !== 'grid';
  const numeric = (field: NumericDimension, text: string) => {
    const distribution = sampled && DISTRIBUTIONS[field].length > 0 ? state.distributions[field] : undefined;
    if (!distribution) return list(field, text);
    const low = Number(distribution.low);
    const high = Number(distribution.high);
    if (distribution.low.trim() === '' || distribution.high.trim() === '' || !Number.isFinite(low) || !Number.isFinite(high)) {
      errors[field] = 'low and high must be numbers';
    }
    return distribution.dist === 'int' ? { dist: 'int' as const, low, high } : { dist: distribution.dist, low, high };
  };
  const space: Record<string, unknown> = { architecture: state.architectures };
  for (const name of SEARCHABLE_HYPERPARAMETER_NAMES) {
    if (name === 'architecture') continue;
    if ((CHOICE_DIMENSIONS as string[]).includes(name)) {
      space[name] = state.choices[name as ChoiceDimension];
      continue;
    }
    // the rungs set epochs
    if (name === 'epochs' && usesRungs(state)) continue;
    const value = numeric(name as NumericDimension, state.values[name as NumericDimension]);
    // left at its default alone, a dimension is left out: the request says what the user chose.
    // With a rectangle of its own the erasing probability is always sent: a trial without one
    // would erase with the augmentation's probability instead (how stored experiments work).
    const erasingShaped = name === 'erasingProbability' && state.randomErasing;
    if (isDefaultOnly(definitionOf(name), value) && !erasingShaped) continue;
    space[name] = value;
  }
  const whole = (field: FormField, text: string, what: string): number => {
    const value = parseInteger(text);
    if (value === null) errors[field] ??= `${what} must be a whole number`;
    return value ?? 0;
  };
  let strategy: TCreateExperimentRequest['strategy'] = { kind: 'grid' };
  if (state.strategy === 'random') strategy = { kind: 'random', trials: whole('strategy', state.randomTrials, 'the number of trials') };
  // ASHA, Hyperband and TPE's early stopping share the one set of rung fields (r, R, η)
  const rungs = () => ({
    minEpochs: whole('strategy', state.ashaMinEpochs, 'r (min epochs)'),
    maxEpochs: whole('strategy', state.ashaMaxEpochs, 'R (max epochs)'),
    reductionFactor: whole('strategy', state.ashaReductionFactor, 'η'),
  });
  // left empty, the strategy's own count applies (ASHA: every grid point; Hyperband: one iteration)
  const samples = (text: string) => (text.trim() ? { trials: whole('strategy', text, 'the number of samples') } : {});
  if (state.strategy === 'asha') strategy = { kind: 'asha', ...rungs(), ...samples(state.ashaTrials) };
  if (state.strategy === 'hyperband') strategy = { kind: 'hyperband', ...rungs(), ...samples(state.hyperbandTrials) };
  if (state.strategy === 'tpe') {
    strategy = {
      kind: 'tpe',
      trials: whole('strategy', state.tpeTrials, 'the number of trials'),
      startupTrials: whole('strategy', state.tpeStartupTrials, 'the number of random startup trials'),
      parallelism: whole('strategy', state.tpeParallelism, 'the trials at once'),
      multivariate: state.tpeMultivariate,
      earlyStopping: state.tpeEarlyStopping ? rungs() : null,
    };
  }
  const budget: { maxTrials?: number; maxTotalEpochs?: number } = {};
  if (state.maxTrials.trim()) budget.maxTrials = whole('budget', state.maxTrials, 'max trials');
  if (state.maxTotalEpochs.trim()) budget.maxTotalEpochs = whole('budget', state.maxTotalEpochs, 'max total epochs');
  const erasing = state.randomErasing
    ? { randomErasing: { areaRange: [Number(state.erasingAreaMin), Number(state.erasingAreaMax)] as [number, number] } }
    : null;
  if (erasing && [state.erasingAreaMin, state.erasingAreaMax].some((t) => t.trim() === '' || !Number.isFinite(Number(t)))) {
    errors.augmentation = 'random erasing needs numbers for its area range';
  }

  let validation: TCreateExperimentRequest['validation'];
  if (state.validationKind === 'kfold') {
    const folds = parseInteger(state.folds);
    if (folds === null) errors.validation = 'folds must be a whole number';
    validation = { kind: 'kfold', folds: folds ?? 0 };
  } else {
    const fraction = Number(state.holdoutFraction);
    if (state.holdoutFraction.trim() === '' || !Number.isFinite(fraction)) errors.validation = 'holdout fraction must be a number';
    validation = { kind: 'holdout', fraction };
  }

  let trainingSlice: number | null = null;
  if (state.trainingSlice.trim() !== '') {
    trainingSlice = parseInteger(state.trainingSlice);
    if (trainingSlice === null) errors.trainingSlice = 'training slice must be a whole number of images';
  }

  const seed = parseInteger(state.seed);
  if (seed === null) errors.seed = 'seed must be a whole number';

  if (!state.dataset) errors.dataset = 'choose a dataset';
  if (state.architectures.length === 0) errors.architecture = 'choose at least one architecture';
  for (const name of CHOICE_DIMENSIONS) {
    if (state.choices[name].length === 0) errors[name] = `choose at least one ${definitionOf(name).label.toLowerCase()}`;
  }

  const candidate: TCreateExperimentRequest = {
    name: state.name,
    description: state.description,
    dataset: state.dataset,
    strategy,
    space: space as TCreateExperimentRequest['space'],
    validation,
    trainingSlice,
    seed: seed ?? 0,
    ...(Object.keys(budget).length ? { budget } : {}),
    ...(erasing ? { augmentation: erasing } : {}),
  };

  const parsed = ZCreateExperimentRequest.safeParse(candidate);
  if (!parsed.success) {
    // a list-or-distribution field reports its list's message, not the union's "Invalid input"
    const schemaErrors = errorsFromIssues(explainUnionIssues(parsed.error.issues as never) as { path: PropertyKey[]; message: string }[]);
    for (const [field, message] of Object.entries(schemaErrors) as [FormField | 'form', string][]) {
      errors[field] ??= message;
    }
  }

  const valid = Object.keys(errors).length === 0;
  return { request: valid ? candidate : null, errors };
}

export const FIELD_LABELS: Record<FormField | 'form', string> = {
  name: 'Name',
  description: 'Description',
  dataset: 'Dataset',
  ...(Object.fromEntries(SEARCHABLE_HYPERPARAMETER_NAMES.map((name) => [name, definitionOf(name).form.label])) as Record<TSearchableHyperparameterName, string>),
  validation: 'Validation',
  trainingSlice: 'Training slice',
  seed: 'Seed',
  strategy: 'Strategy',
  budget: 'Budget',
  augmentation: 'Augmentation',
  form: 'Form',
};

/**
 * The grid's size from the form as typed, independent of fields that don't change it (name,
 * seed…), so the count is there from the first keystroke. Null while a dimension can't be read.
 */
export function estimateFromForm(state: ExperimentFormState): GridEstimate | null {
  // random search and ASHA: the server's plan is the count (draws, rungs)
  if (state.strategy !== 'grid') return null;
  const space: Record<string, readonly (string | number)[]> = { architecture: state.architectures };
  for (const name of CHOICE_DIMENSIONS) space[name] = state.choices[name];
  for (const name of NUMERIC_DIMENSIONS) {
    const list = parseNumberList(state.values[name]);
    if (!list.ok) return null;
    space[name] = list.values;
  }
  let validation: TValidationPlan;
  if (state.validationKind === 'kfold') {
    const folds = parseInteger(state.folds);
    if (folds === null || folds < 1) return null;
    validation = { kind: 'kfold', folds };
  } else {
    validation = { kind: 'holdout', fraction: Number(state.holdoutFraction) };
  }
  return estimateGrid(space as TGridSpace, validation);
}

/** The page subtitle for each strategy: what the search will do with the space below. */
export function strategyLede(strategy: ExperimentFormState['strategy']): string {
  switch (strategy) {
    case 'grid':
      return 'Define a grid of hyperparameters; every combination is trained and cross-validated.';
    case 'random':
      return 'Define a space of hyperparameters; configurations are drawn from it at random with the seed, each trained and cross-validated.';
    case 'asha':
      return 'Define a space of hyperparameters; ASHA trains many configurations for a few epochs and promotes the best to train longer.';
    default:
      return 'Define a space of hyperparameters to search; every trial is trained and cross-validated.';
  }
}

const numberList = (values: readonly number[]) => values.join(', ');

/**
 * The form filled in with an experiment's request, to launch a variation of it: the same
 * space, validation, budget and augmentation, a fresh seed (the same seed would redraw the
 * same random points) and the name marked as a copy. Fields the form cannot show (an int
 * distribution's step or log scale) fall back to the form's own.
 */
/** The form fields of a stored strategy: the inverse of what the request builder reads. */
function strategyFields(strategy: TExperimentDetail['strategy']): Partial<ExperimentFormState> {
  const rungs = (r: { minEpochs: number; maxEpochs: number; reductionFactor: number }) => ({
    ashaMinEpochs: String(r.minEpochs),
    ashaMaxEpochs: String(r.maxEpochs),
    ashaReductionFactor: String(r.reductionFactor),
  });
  switch (strategy.kind) {
    case 'grid':
      return { strategy: 'grid' };
    case 'random':
      return { strategy: 'random', randomTrials: String(strategy.trials) };
    case 'asha':
      return { strategy: 'asha', ...rungs(strategy), ashaTrials: strategy.trials !== undefined ? String(strategy.trials) : '' };
    case 'hyperband':
      return { strategy: 'hyperband', ...rungs(strategy), hyperbandTrials: strategy.trials !== undefined ? String(strategy.trials) : '' };
    case 'tpe':
      return {
        strategy: 'tpe',
        tpeTrials: String(strategy.trials),
        tpeStartupTrials: String(strategy.startupTrials),
        tpeParallelism: String(strategy.parallelism),
        tpeMultivariate: strategy.multivariate,
        tpeEarlyStopping: strategy.earlyStopping !== null,
        ...(strategy.earlyStopping ? rungs(strategy.earlyStopping) : {}),
      };
  }
}

export function formStateFromExperiment(experiment: TExperimentDetail, seed: number = drawSeed()): ExperimentFormState {
  const base = initialFormState({ dataset: experiment.dataset, seed });
  const { space, strategy, validation, budget } = experiment;
  const distributions: ExperimentFormState['distributions'] = {};
  const values = { ...base.values };
  const choices = { ...base.choices };
  const dimensions = space as Record<string, readonly (string | number)[] | { dist: DistributionInput['dist']; low: number; high: number } | undefined>;
  for (const name of NUMERIC_DIMENSIONS) {
    const value = dimensions[name];
    // a dimension the space left out keeps the form's default (for epochs: the rungs set it)
    if (value === undefined) continue;
    if (Array.isArray(value)) values[name] = numberList(value as number[]);
    else {
      const { dist, low, high } = value as { dist: DistributionInput['dist']; low: number; high: number };
      distributions[name] = { dist, low: String(low), high: String(high) };
    }
  }
  for (const name of CHOICE_DIMENSIONS) choices[name] = [...((dimensions[name] as readonly string[] | undefined) ?? base.choices[name])];
  const state: ExperimentFormState = {
    ...base,
    name: `${experiment.name} (copy)`.slice(0, 120),
    description: experiment.description,
    architectures: [...space.architecture],
    values,
    choices,
    validationKind: validation.kind,
    folds: validation.kind === 'kfold' ? String(validation.folds) : base.folds,
    holdoutFraction: validation.kind === 'holdout' ? String(validation.fraction) : base.holdoutFraction,
    trainingSlice: experiment.trainingSlice === null ? '' : String(experiment.trainingSlice),
    distributions,
    maxTrials: budget.maxTrials !== undefined ? String(budget.maxTrials) : '',
    maxTotalEpochs: budget.maxTotalEpochs !== undefined ? String(budget.maxTotalEpochs) : '',
  };
  Object.assign(state, strategyFields(strategy));
  const erasing = experiment.augmentation?.randomErasing;
  if (erasing) {
    // an experiment from before the hyperparameter: its augmentation's probability was every trial's
    if (space.erasingProbability === undefined) state.values.erasingProbability = String(erasing.probability);
    Object.assign(state, {
      randomErasing: true,
      erasingAreaMin: String(erasing.areaRange[0]),
      erasingAreaMax: String(erasing.areaRange[1]),
    });
  }
  return state;
}
