import {
  explainUnionIssues,
  hyperparameterDefinition,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  ZCreateExperimentRequest,
  FINE_TUNE_ARCHITECTURE,
  type HyperparameterDefinition,
  type TCategoricalHyperparameterName,
  type TExperimentDetail,
  type TArchitectureSummary,
  type TCreateExperimentRequest,
  type TRegisteredModelSummary,
  type TGridSpace,
  type TNumericHyperparameterName,
  type TSearchableHyperparameterName,
  type TSearchStrategyKind,
  type TValidationPlan,
} from '@atelier/domain';
import type { FieldPath } from 'react-hook-form';
import { z } from 'zod';
import { estimateGrid, parseNumberList, type GridEstimate } from './grid';

/**
 * The launch form's values are text as typed (react-hook-form holds them); `ZExperimentForm`
 * converts them into a request and checks it with the API's own schema, so the browser and the
 * server give the same answer from one rule.
 */
export interface ExperimentFormState {
  name: string;
  description: string;
  dataset: string;
  /** 'scratch': train the architectures ticked; 'model': fine-tune `baseModel` (issue 17). */
  startFrom: 'scratch' | 'model';
  /** The model to fine-tune, as a reference ('fashion@production', 'fashion/2') or a stored model id. */
  baseModel: string;
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
export const NUMERIC_DIMENSIONS = SEARCHABLE_HYPERPARAMETER_NAMES.filter(
  (name) => definitionOf(name).kind !== 'categorical',
) as NumericDimension[];
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
    const first = distributions?.[0];
    return first && range ? [[name, { dist: first, low: String(range[0]), high: String(range[1]) }]] : [];
  }),
) as Partial<Record<NumericDimension, DistributionInput>>;

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
    startFrom: 'scratch',
    baseModel: '',
    architectures: options.architecture ? [options.architecture] : [],
    values: Object.fromEntries(NUMERIC_DIMENSIONS.map((name) => [name, String(definitionOf(name).form.initial)])) as Record<
      NumericDimension,
      string
    >,
    choices: Object.fromEntries(
      CHOICE_DIMENSIONS.map((name) => [name, [...(definitionOf(name).form.initial as readonly string[])]]),
    ) as Record<ChoiceDimension, string[]>,
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

/**
 * What the "Start from a model" picker offers: each alias of each registered model
 * ('fashion@production', what moves with a promotion) and its latest version ('fashion/3').
 */
export function baseModelOptions(models: readonly TRegisteredModelSummary[]): string[] {
  return models.flatMap((model) => [
    ...model.aliases.map((alias) => `${model.name}@${alias.alias}`),
    ...(model.latestVersion !== null ? [`${model.name}/${model.latestVersion}`] : []),
  ]);
}

/** knn has no hyperparameters to search: it can't take part in a grid. */
export function gridArchitectures(architectures: readonly TArchitectureSummary[]): TArchitectureSummary[] {
  return architectures.filter((architecture) => architecture.spec.kind !== 'knn' && architecture.key !== 'knn');
}

/** A form field's name: a path into the form's values, as react-hook-form names them. */
export type FormPath = FieldPath<ExperimentFormState>;

/** One message for one field of the form, from the conversion, the schema or the API. */
export interface FormIssue {
  /** Null: no field of the form shows it (a message for the whole form). */
  path: FormPath | null;
  message: string;
}

/** A number as typed, or null: "" and "fast" are not numbers (a form-only conversion; ranges are the schema's). */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The strategy field that holds `strategy.trials` for each strategy. */
const TRIALS_FIELD: Partial<Record<TSearchStrategyKind, FormPath>> = {
  random: 'randomTrials',
  asha: 'ashaTrials',
  hyperband: 'hyperbandTrials',
  tpe: 'tpeTrials',
};
const RUNG_FIELDS: Record<string, FormPath> = {
  minEpochs: 'ashaMinEpochs',
  maxEpochs: 'ashaMaxEpochs',
  reductionFactor: 'ashaReductionFactor',
};

/**
 * The form field that shows an issue of the request (from zod or the API's 400: "space.batchSize.1",
 * "validation.folds", "strategy.maxEpochs"), or null for a message about the whole form.
 */
export function formPathForIssue(
  path: string | readonly PropertyKey[],
  state: Pick<ExperimentFormState, 'strategy' | 'validationKind' | 'distributions'>,
): FormPath | null {
  const parts = (typeof path === 'string' ? path.split(/[.[\]/]+/) : path.map(String)).filter(Boolean);
  const [head, next, third] = parts;
  switch (head) {
    case 'name':
    case 'description':
    case 'dataset':
    case 'baseModel':
    case 'trainingSlice':
    case 'seed':
      return head;
    case 'space': {
      if (next === 'architecture') return 'architectures';
      if ((CHOICE_DIMENSIONS as readonly string[]).includes(next ?? '')) return `choices.${next as ChoiceDimension}`;
      if ((NUMERIC_DIMENSIONS as readonly string[]).includes(next ?? '')) {
        const name = next as NumericDimension;
        // a sampled dimension given as a distribution shows the issue beside its low and high
        return state.strategy !== 'grid' && state.distributions[name] && DISTRIBUTIONS[name].length > 0
          ? `distributions.${name}`
          : `values.${name}`;
      }
      return null;
    }
    case 'validation':
      return state.validationKind === 'kfold' ? 'folds' : 'holdoutFraction';
    case 'strategy': {
      if (next === 'trials') return TRIALS_FIELD[state.strategy] ?? 'strategy';
      if (next === 'startupTrials') return 'tpeStartupTrials';
      if (next === 'parallelism') return 'tpeParallelism';
      const rung = next === 'earlyStopping' ? third : next;
      return rung ? (RUNG_FIELDS[rung] ?? 'strategy') : 'strategy';
    }
    case 'budget':
      return next === 'maxTotalEpochs' ? 'maxTotalEpochs' : 'maxTrials';
    case 'augmentation':
      return parts.at(-1) === '1' ? 'erasingAreaMax' : 'erasingAreaMin';
    default:
      return null;
  }
}

/** A list holding only the hyperparameter's default: what leaving the dimension out means. */
function isDefaultOnly(definition: HyperparameterDefinition, value: unknown): boolean {
  return definition.default !== undefined && Array.isArray(value) && value.length === 1 && value[0] === definition.default;
}

/**
 * The form's values as a request, converting text to numbers (comma lists, whole fields); what
 * cannot be converted is an issue on its field. Ranges, integers and every other rule are left
 * to the domain schema, which `ZExperimentForm` applies next.
 */
export function requestFromForm(state: ExperimentFormState): { request: TCreateExperimentRequest; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const number = (path: FormPath, text: string, what: string): number => {
    const value = parseNumber(text);
    if (value === null) issues.push({ path, message: `${what} must be a number` });
    return value ?? Number.NaN;
  };
  const list = (path: FormPath, text: string): number[] => {
    const parsed = parseNumberList(text);
    if (parsed.ok) return parsed.values;
    issues.push({ path, message: parsed.error });
    return [];
  };

  const sampled = state.strategy !== 'grid';
  // a fine-tune trains its base model's layers: its one "architecture" is the base
  const fineTune = state.startFrom === 'model';
  if (fineTune && !state.baseModel.trim()) issues.push({ path: 'baseModel', message: 'pick the model to start from' });
  const space: Record<string, unknown> = { architecture: fineTune ? [FINE_TUNE_ARCHITECTURE] : state.architectures };
  for (const name of SEARCHABLE_HYPERPARAMETER_NAMES) {
    if (name === 'architecture') continue;
    // frozen layers are the base model's: from scratch there are none (the field is hidden)
    if (name === 'freezeLayers' && !fineTune) continue;
    if ((CHOICE_DIMENSIONS as readonly string[]).includes(name)) {
      space[name] = state.choices[name as ChoiceDimension];
      continue;
    }
    const dimension = name as NumericDimension;
    // the rungs set epochs
    if (dimension === 'epochs' && usesRungs(state)) continue;
    const distribution = sampled && DISTRIBUTIONS[dimension].length > 0 ? state.distributions[dimension] : undefined;
    let value: unknown;
    if (distribution) {
      const path: FormPath = `distributions.${dimension}`;
      value = { dist: distribution.dist, low: number(path, distribution.low, 'low'), high: number(path, distribution.high, 'high') };
    } else {
      value = list(`values.${dimension}`, state.values[dimension]);
    }
    // left at its default alone, a dimension is left out: the request says what the user chose.
    // With a rectangle of its own the erasing probability is always sent: a trial without one
    // would erase with the augmentation's probability instead (how stored experiments work).
    const erasingShaped = name === 'erasingProbability' && state.randomErasing;
    if (isDefaultOnly(definitionOf(name), value) && !erasingShaped) continue;
    space[name] = value;
  }

  // ASHA, Hyperband and TPE's early stopping share the one set of rung fields (r, R, η)
  const rungs = () => ({
    minEpochs: number('ashaMinEpochs', state.ashaMinEpochs, 'r (min epochs)'),
    maxEpochs: number('ashaMaxEpochs', state.ashaMaxEpochs, 'R (max epochs)'),
    reductionFactor: number('ashaReductionFactor', state.ashaReductionFactor, 'η'),
  });
  // left empty, the strategy's own count applies (ASHA: every grid point; Hyperband: one iteration)
  const samples = (path: FormPath, text: string) => (text.trim() ? { trials: number(path, text, 'the number of samples') } : {});
  let strategy: TCreateExperimentRequest['strategy'];
  switch (state.strategy) {
    case 'grid':
      strategy = { kind: 'grid' };
      break;
    case 'random':
      strategy = { kind: 'random', trials: number('randomTrials', state.randomTrials, 'the number of trials') };
      break;
    case 'asha':
      strategy = { kind: 'asha', ...rungs(), ...samples('ashaTrials', state.ashaTrials) };
      break;
    case 'hyperband':
      strategy = { kind: 'hyperband', ...rungs(), ...samples('hyperbandTrials', state.hyperbandTrials) };
      break;
    case 'tpe':
      strategy = {
        kind: 'tpe',
        trials: number('tpeTrials', state.tpeTrials, 'the number of trials'),
        startupTrials: number('tpeStartupTrials', state.tpeStartupTrials, 'the number of random startup trials'),
        parallelism: number('tpeParallelism', state.tpeParallelism, 'the trials at once'),
        multivariate: state.tpeMultivariate,
        earlyStopping: state.tpeEarlyStopping ? rungs() : null,
      };
      break;
  }

  const budget: { maxTrials?: number; maxTotalEpochs?: number } = {};
  if (state.maxTrials.trim()) budget.maxTrials = number('maxTrials', state.maxTrials, 'max trials');
  if (state.maxTotalEpochs.trim()) budget.maxTotalEpochs = number('maxTotalEpochs', state.maxTotalEpochs, 'max total epochs');
  const augmentation = state.randomErasing
    ? {
        randomErasing: {
          areaRange: [
            number('erasingAreaMin', state.erasingAreaMin, 'the erased area'),
            number('erasingAreaMax', state.erasingAreaMax, 'the erased area'),
          ] as [number, number],
        },
      }
    : null;
  const validation: TCreateExperimentRequest['validation'] =
    state.validationKind === 'kfold'
      ? { kind: 'kfold', folds: number('folds', state.folds, 'folds') }
      : { kind: 'holdout', fraction: number('holdoutFraction', state.holdoutFraction, 'the holdout fraction') };

  const request: TCreateExperimentRequest = {
    name: state.name,
    description: state.description,
    dataset: state.dataset,
    strategy,
    space: space as TCreateExperimentRequest['space'],
    validation,
    // empty: the whole training set
    trainingSlice: state.trainingSlice.trim() === '' ? null : number('trainingSlice', state.trainingSlice, 'the training slice'),
    seed: number('seed', state.seed, 'the seed'),
    ...(fineTune ? { baseModel: state.baseModel.trim() } : {}),
    ...(Object.keys(budget).length ? { budget } : {}),
    ...(augmentation ? { augmentation } : {}),
  };
  return { request, issues };
}

/** The domain schema's issues for a request, each on the form field that shows it. */
export function formIssuesOf(
  issues: readonly { path: string | readonly PropertyKey[]; message: string }[],
  state: ExperimentFormState,
): FormIssue[] {
  return issues.map((issue) => ({ path: formPathForIssue(issue.path, state), message: issue.message }));
}

/**
 * The launch form's schema, for react-hook-form's zodResolver: the form's text converted into a
 * request, then the API's own `ZCreateExperimentRequest` — the one rule — with each issue moved
 * onto the field that shows it. Its output is the request to send.
 */
export const ZExperimentForm = z.custom<ExperimentFormState>().transform((state, ctx): TCreateExperimentRequest => {
  const { request, issues } = requestFromForm(state);
  const parsed = ZCreateExperimentRequest.safeParse(request);
  const schemaIssues = parsed.success
    ? []
    : // a list-or-distribution field reports its list's message, not the union's "Invalid input"
      formIssuesOf(explainUnionIssues(parsed.error.issues), state);
  // a field the conversion could not read reports that, not what the schema made of NaN
  const converted = new Set(issues.map((issue) => issue.path));
  const all = [...issues, ...schemaIssues.filter((issue) => !converted.has(issue.path))];
  for (const issue of all)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path ? issue.path.split('.') : ['root', 'form'] });
  // the request as converted, not the schema's output: the defaults are the server's to fill in
  return all.length === 0 ? request : z.NEVER;
});

/** Keeps the first message per field, in order: what the form shows. */
export function messagesByPath(issues: readonly FormIssue[]): Partial<Record<FormPath | 'form', string>> {
  const messages: Partial<Record<FormPath | 'form', string>> = {};
  for (const issue of issues) messages[issue.path ?? 'form'] ??= issue.message;
  return messages;
}

/** The label the form gives a field, for the list of what blocks a launch. */
export function labelForPath(path: FormPath | 'form'): string {
  const [head, name] = path.split('.');
  if ((head === 'values' || head === 'distributions' || head === 'choices') && name)
    return definitionOf(name as TSearchableHyperparameterName).form.label;
  return FIELD_LABELS[head as keyof typeof FIELD_LABELS] ?? 'Form';
}

const FIELD_LABELS: Partial<Record<string, string>> = {
  name: 'Name',
  description: 'Description',
  dataset: 'Dataset',
  baseModel: 'Start from a model',
  architectures: definitionOf('architecture').form.label,
  folds: 'Validation',
  holdoutFraction: 'Validation',
  trainingSlice: 'Training slice',
  seed: 'Seed',
  strategy: 'Strategy',
  randomTrials: 'Strategy',
  ashaMinEpochs: 'Strategy',
  ashaMaxEpochs: 'Strategy',
  ashaReductionFactor: 'Strategy',
  ashaTrials: 'Strategy',
  hyperbandTrials: 'Strategy',
  tpeTrials: 'Strategy',
  tpeStartupTrials: 'Strategy',
  tpeParallelism: 'Strategy',
  maxTrials: 'Budget',
  maxTotalEpochs: 'Budget',
  erasingAreaMin: 'Augmentation',
  erasingAreaMax: 'Augmentation',
};

/**
 * The grid's size from the form as typed, independent of fields that don't change it (name,
 * seed…), so the count is there from the first keystroke. Null while a dimension can't be read.
 */
export function estimateFromForm(state: ExperimentFormState): GridEstimate | null {
  // random search and ASHA: the server's plan is the count (draws, rungs)
  if (state.strategy !== 'grid') return null;
  const fineTune = state.startFrom === 'model';
  const space: Record<string, readonly (string | number)[]> = { architecture: fineTune ? [FINE_TUNE_ARCHITECTURE] : state.architectures };
  for (const name of CHOICE_DIMENSIONS) space[name] = state.choices[name];
  for (const name of NUMERIC_DIMENSIONS) {
    if (name === 'freezeLayers' && !fineTune) continue;
    const list = parseNumberList(state.values[name]);
    if (!list.ok) return null;
    space[name] = list.values;
  }
  let validation: TValidationPlan;
  if (state.validationKind === 'kfold') {
    const folds = parseNumber(state.folds);
    if (folds === null || !Number.isInteger(folds) || folds < 1) return null;
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
  const dimensions = space as Record<
    string,
    readonly (string | number)[] | { dist: DistributionInput['dist']; low: number; high: number } | undefined
  >;
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
    ...(experiment.parentModel
      ? {
          startFrom: 'model' as const,
          baseModel: experiment.parentModel.reference ?? experiment.parentModel.id,
          architectures: base.architectures,
        }
      : { architectures: [...space.architecture] }),
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
