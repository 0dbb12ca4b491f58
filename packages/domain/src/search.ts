import { z } from 'zod';
import {
  hyperparameterDefinition,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  type HyperparameterDefinition,
  type TDefaultedHyperparameterName,
  type THyperparameterRegistry,
  type THyperparameterValue,
  type TSearchableHyperparameterName,
} from './hyperparameters';

/**
 * Search spaces, derived from the hyperparameter registry. Every searchable hyperparameter is
 * one dimension, given either as a list of values (a grid axis; random search draws uniformly
 * from it) or, for numeric hyperparameters, as a distribution that only the sampling strategies
 * (random, ASHA, Hyperband, TPE) can draw from. A dimension with a default may be left out: every
 * trial then has the default.
 */

/** A list dimension: a non-empty list of distinct values. */
function listOf<T extends z.ZodType<string | number>>(name: string, value: T) {
  return z
    .array(value)
    .min(1, `the values for ${name} are empty: give at least one value`)
    .max(100, `the values for ${name} hold more than 100 entries`)
    .refine((values) => new Set(values).size === values.length, `the values for ${name} repeat a value`);
}

function ordered<T extends { low: number; high: number }>(name: string, schema: z.ZodType<T>) {
  return schema.refine((d) => d.low < d.high, `the range of ${name} is empty: low must be below high`);
}

/** Floats drawn uniformly, or uniformly in log space (learning rates). */
function floatDistribution(name: string, value: z.ZodNumber) {
  return ordered(
    name,
    z.discriminatedUnion('dist', [
      z.object({ dist: z.literal('uniform'), low: value, high: value }),
      z.object({ dist: z.literal('log-uniform'), low: value.positive(`log-uniform ${name} needs low > 0`), high: value }),
    ]),
  );
}

/** Whole numbers from low to high inclusive, on a step, optionally uniform in log space (batch sizes). */
function intDistribution(name: string, value: z.ZodNumber) {
  return ordered(
    name,
    z.object({
      dist: z.literal('int'),
      low: value,
      high: value,
      step: z.number().int().positive().default(1).describe('Only low + k·step are drawn'),
      log: z.boolean().default(false).describe('Uniform in log space: as many draws in 16..32 as in 32..64'),
    }),
  );
}

export const ZFloatDistribution = floatDistribution('value', z.number());
export const ZIntDistribution = intDistribution('value', z.number().int());
export type TFloatDistribution = z.infer<typeof ZFloatDistribution>;
export type TIntDistribution = z.infer<typeof ZIntDistribution>;

/** Whether a space may give this hyperparameter as a distribution rather than a list. */
export function acceptsDistribution(definition: HyperparameterDefinition): boolean {
  return definition.kind !== 'categorical' && definition.distributions !== false;
}

/** May a space leave it out: it has a default, or someone else sets it (epochs under rungs). */
function optionalInSpace(definition: HyperparameterDefinition): boolean {
  return definition.default !== undefined || definition.optionalInSpace !== undefined;
}

/** The schema of one dimension: a list (grid) or a list or distribution, optional when the hyperparameter has a default. */
export function dimensionSchema(name: string, definition: HyperparameterDefinition, grid: boolean): z.ZodType {
  const value = definition.spaceValue ?? definition.value;
  const list = listOf(name, value);
  let schema: z.ZodType = list;
  if (!grid && acceptsDistribution(definition)) {
    if (!(value instanceof z.ZodNumber)) throw new Error(`${name}: a numeric hyperparameter needs a number schema`);
    schema = z.union([list, definition.kind === 'int' ? intDistribution(name, value) : floatDistribution(name, value)]);
  }
  const optional = grid ? definition.default !== undefined : optionalInSpace(definition);
  if (!optional) return schema.describe(definition.description);
  const note =
    definition.default !== undefined
      ? `${definition.description}. Optional: left out, every trial has ${definition.default}`
      : (definition.optionalInSpace ?? definition.description);
  return schema.optional().describe(note);
}

function spaceShape(grid: boolean): Record<string, z.ZodType> {
  return Object.fromEntries(
    SEARCHABLE_HYPERPARAMETER_NAMES.map((name) => [name, dimensionSchema(name, hyperparameterDefinition(name), grid)]),
  );
}

type Registry = THyperparameterRegistry;
type Searchable = TSearchableHyperparameterName;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ListOnly<N extends Searchable> = Registry[N] extends { kind: 'categorical' }
  ? true
  : Registry[N] extends { distributions: false }
    ? true
    : false;
type SpaceOptional = Extract<
  TDefaultedHyperparameterName | { [N in Searchable]: Registry[N] extends { optionalInSpace: string } ? N : never }[Searchable],
  Searchable
>;
type GridOptional = Extract<TDefaultedHyperparameterName, Searchable>;

type Dimension<N extends Searchable, Int, Float> =
  THyperparameterValue<N>[] | (ListOnly<N> extends true ? never : Registry[N] extends { kind: 'int' } ? Int : Float);
type SpaceOf<Int, Float> = Simplify<
  { [N in Exclude<Searchable, SpaceOptional>]: Dimension<N, Int, Float> } & { [N in SpaceOptional]?: Dimension<N, Int, Float> }
>;

export type TSearchSpace = SpaceOf<TIntDistribution, TFloatDistribution>;
export type TSearchSpaceInput = SpaceOf<z.input<typeof ZIntDistribution>, z.input<typeof ZFloatDistribution>>;
/** A space in which every dimension is a list: what grid search expands. */
export type TGridSpace = Simplify<
  { [N in Exclude<Searchable, GridOptional>]: THyperparameterValue<N>[] } & { [N in GridOptional]?: THyperparameterValue<N>[] }
>;

export const ZSearchSpace = z.object(spaceShape(false)).meta({ id: 'SearchSpace' }) as unknown as z.ZodType<
  TSearchSpace,
  TSearchSpaceInput
>;
export const ZGridSpace = z.object(spaceShape(true)).meta({ id: 'GridSpace' }) as unknown as z.ZodType<TGridSpace, TGridSpace>;

/** The searchable hyperparameters a space gives (lists or distributions), in registry order. */
export function spaceDimensions(space: Partial<Record<Searchable, unknown>>): Searchable[] {
  return SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => space[name] !== undefined);
}

/** The dimensions given as distributions rather than lists. */
export function distributionDimensions(space: TSearchSpace): string[] {
  return Object.entries(space)
    .filter(([, value]: [string, unknown]) => value !== undefined && !Array.isArray(value))
    .map(([name]) => name);
}

/** The space as a grid, or null when a dimension is a distribution or epochs is missing. */
export function asGridSpace(space: TSearchSpace): TGridSpace | null {
  if (distributionDimensions(space).length > 0 || space.epochs === undefined) return null;
  return space as TGridSpace;
}

/** Rungs of successive halving: r, r·η, r·η², … epochs up to R. */
const rungScheduleShape = {
  minEpochs: z.number().int().min(1).max(1000).describe('r: epochs of the first rung'),
  maxEpochs: z.number().int().min(1).max(1000).describe('R: epochs of the last rung'),
  reductionFactor: z.number().int().min(2).max(10).default(3).describe('η: the top 1/η of a rung is promoted'),
};

export const ZRungSchedule = z
  .object(rungScheduleShape)
  .refine((s) => s.minEpochs < s.maxEpochs, { error: 'early stopping needs minEpochs below maxEpochs', path: ['maxEpochs'] })
  .meta({
    id: 'RungSchedule',
    description: "ASHA's early stopping: every trial trains r epochs, the best 1/η go on to r·η, and so on up to R",
  });
export type TRungSchedule = z.infer<typeof ZRungSchedule>;

/** How many trials a sampled search may ask for: one limit for every strategy. */
const trialCount = () => z.number().int().min(1).max(10_000);

export const ZAshaStrategy = z
  .object({
    kind: z.literal('asha'),
    ...rungScheduleShape,
    trials: trialCount().optional().describe('Configurations drawn at random from the space; omitted: every point of the grid'),
  })
  .refine((s) => s.minEpochs < s.maxEpochs, { error: 'ASHA needs minEpochs below maxEpochs', path: ['maxEpochs'] })
  .describe('Asynchronous successive halving (Li et al. 2018) over the grid or over random draws');

export const ZHyperbandStrategy = z
  .object({
    kind: z.literal('hyperband'),
    ...rungScheduleShape,
    trials: trialCount()
      .optional()
      .describe(
        'Configurations drawn at random and shared out over the brackets; omitted: one Hyperband iteration (each bracket its full share)',
      ),
  })
  .refine((s) => s.minEpochs < s.maxEpochs, { error: 'Hyperband needs minEpochs below maxEpochs', path: ['maxEpochs'] })
  .describe(
    'Hyperband (Li et al. 2018): brackets of asynchronous successive halving that start at r, r·η, r·η², … epochs, so aggressive and cautious early stopping are both tried',
  );

export const ZTpeStrategy = z
  .object({
    kind: z.literal('tpe'),
    trials: trialCount().describe('Trials proposed in all, one after another as results arrive'),
    startupTrials: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('Trials drawn at random before TPE models the results (Optuna: n_startup_trials)'),
    eiCandidates: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(24)
      .describe('Candidates drawn from l(x); the one with the best l(x)/g(x) is proposed (Optuna: n_ei_candidates)'),
    multivariate: z
      .boolean()
      .default(false)
      .describe('Model the hyperparameters jointly (one kernel per trial over all dimensions) instead of one by one'),
    constantLiar: z
      .boolean()
      .default(true)
      .describe('Count running trials as observed with a bad value, so parallel workers are not sent to the same point'),
    parallelism: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(2)
      .describe('Trials kept queued or running at once: proposed at creation, then topped up as trials finish'),
    earlyStopping: ZRungSchedule.nullable()
      .default(null)
      .describe(
        "ASHA's rungs for every TPE trial (Optuna's TPESampler with a SuccessiveHalvingPruner); null: every trial trains its epochs",
      ),
  })
  .describe('Tree-structured Parzen Estimator (Bergstra et al. 2011), seeded, as Optuna implements it');

export const ZSearchStrategy = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('grid') }).describe('Every point of the grid'),
    z
      .object({ kind: z.literal('random'), trials: trialCount().describe('Distinct configurations drawn, seeded') })
      .describe('Distinct seeded draws from the space'),
    ZAshaStrategy,
    ZHyperbandStrategy,
    ZTpeStrategy,
  ])
  .meta({ id: 'SearchStrategy' });
export type TSearchStrategy = z.infer<typeof ZSearchStrategy>;
export const SEARCH_STRATEGY_KINDS = ['grid', 'random', 'asha', 'hyperband', 'tpe'] as const satisfies readonly TSearchStrategy['kind'][];
export type TSearchStrategyKind = (typeof SEARCH_STRATEGY_KINDS)[number];
export type TAshaStrategy = z.infer<typeof ZAshaStrategy>;
export type THyperbandStrategy = z.infer<typeof ZHyperbandStrategy>;
export type TTpeStrategy = z.infer<typeof ZTpeStrategy>;

type RungFields = Pick<TRungSchedule, 'minEpochs' | 'maxEpochs' | 'reductionFactor'>;

/**
 * Epochs at the end of each rung: r, r·η, r·η², … while below R, then R itself. A trial
 * at rung k has trained rungEpochs[k] epochs on every fold.
 */
export function ashaRungEpochs(strategy: RungFields): number[] {
  const rungs: number[] = [];
  for (let epochs = strategy.minEpochs; epochs < strategy.maxEpochs; epochs *= strategy.reductionFactor) rungs.push(epochs);
  rungs.push(strategy.maxEpochs);
  return rungs;
}

/** The rungs a strategy trains in (ASHA, Hyperband, TPE with early stopping), or null when trials train their epochs in one go. */
export function rungScheduleOf(strategy: TSearchStrategy): RungFields | null {
  switch (strategy.kind) {
    case 'asha':
    case 'hyperband':
      return strategy;
    case 'tpe':
      return strategy.earlyStopping;
    default:
      return null;
  }
}

/** The epochs at each rung of a strategy that trains in rungs, else null. */
export function rungEpochsOf(strategy: TSearchStrategy): number[] | null {
  const schedule = rungScheduleOf(strategy);
  return schedule ? ashaRungEpochs(schedule) : null;
}

/**
 * How many of n configurations reach each rung when every promotion ASHA can make is made:
 * floor(n / η^k). An upper bound for the work of an asynchronous run.
 */
export function ashaRungPopulation(trials: number, rungCount: number, reductionFactor: number): number[] {
  const population: number[] = [];
  let n = trials;
  for (let k = 0; k < rungCount; k++) {
    population.push(n);
    n = Math.floor(n / reductionFactor);
  }
  return population;
}

export interface HyperbandBracket {
  /** Optuna's bracket id: 0 stops most aggressively (starts at the first rung). */
  bracket: number;
  /** The rung its trials start at: bracket b starts at rung b, r·η^b epochs. */
  firstRung: number;
  /** Its share of the configurations in one Hyperband iteration: ceil(B · η^s / (s + 1)), s = B − 1 − b. */
  allocation: number;
}

/**
 * Hyperband's brackets as Optuna's HyperbandPruner builds them: floor(log_η(R/r)) + 1 brackets,
 * bracket b a successive halving that starts at rung b, with the paper's n_s = ⌈B·η^s/(s+1)⌉
 * configurations.
 */
export function hyperbandBrackets(schedule: RungFields): HyperbandBracket[] {
  const rungCount = ashaRungEpochs(schedule).length;
  // The exact integer form of floor(log_η(R/r)) + 1, immune to floating-point log.
  let count = 0;
  for (let epochs = schedule.minEpochs; epochs <= schedule.maxEpochs; epochs *= schedule.reductionFactor) count++;
  count = Math.min(count, rungCount);
  return Array.from({ length: count }, (_, bracket) => {
    const s = count - 1 - bracket;
    return { bracket, firstRung: bracket, allocation: Math.ceil((count * schedule.reductionFactor ** s) / (s + 1)) };
  });
}

/** Trials of one Hyperband iteration: every bracket its full allocation. */
export function hyperbandIterationSize(schedule: RungFields): number {
  return hyperbandBrackets(schedule).reduce((sum, b) => sum + b.allocation, 0);
}

/**
 * The bracket of every trial, numbered from 1, in order: a smooth weighted round-robin over the
 * brackets' allocations. Optuna hashes trial numbers instead; interleaving gives each bracket its
 * exact share (a full iteration holds every allocation exactly) and keeps a short search from
 * landing in one bracket, and the plan can count it without running anything.
 */
export function hyperbandAssignments(schedule: RungFields, trials: number): number[] {
  const brackets = hyperbandBrackets(schedule);
  const total = brackets.reduce((sum, b) => sum + b.allocation, 0);
  const current = brackets.map(() => 0);
  const assigned: number[] = [];
  for (let n = 0; n < trials; n++) {
    let pick = 0;
    brackets.forEach((b, i) => {
      // `current` has one entry per bracket, so the `?? 0`s never apply.
      const credit = (current[i] ?? 0) + b.allocation;
      current[i] = credit;
      if (credit > (current[pick] ?? 0)) pick = i;
    });
    current[pick] = (current[pick] ?? 0) - total;
    assigned.push(pick);
  }
  return assigned;
}

/** The bracket of trial `trialNumber` (from 1) of a Hyperband search. */
export function hyperbandBracketOf(strategy: THyperbandStrategy, trialNumber: number): number {
  const trials = strategy.trials ?? hyperbandIterationSize(strategy);
  const bracket = hyperbandAssignments(strategy, Math.max(trials, trialNumber))[trialNumber - 1];
  if (bracket === undefined) throw new RangeError(`trial number ${trialNumber} is not 1 or more`);
  return bracket;
}

/** The rung a trial starts at: its bracket's for Hyperband, else the first (0). */
export function firstRungOf(strategy: TSearchStrategy, trialNumber: number): number {
  return strategy.kind === 'hyperband' ? (hyperbandBrackets(strategy)[hyperbandBracketOf(strategy, trialNumber)]?.firstRung ?? 0) : 0;
}

/** The first rung of trials 1..count at once (linear, where firstRungOf per trial would be quadratic). */
export function firstRungsOf(strategy: TSearchStrategy, count: number): number[] {
  if (strategy.kind !== 'hyperband') return Array.from({ length: count }, () => 0);
  const brackets = hyperbandBrackets(strategy);
  return hyperbandAssignments(strategy, count).map((bracket) => brackets[bracket]?.firstRung ?? 0);
}

/** Caps a request must stay within; the server has its own limits (MAX_TRIALS, MAX_TOTAL_EPOCHS) on top. */
export const ZSearchBudget = z
  .object({
    maxTrials: z.number().int().min(1).optional().describe('Refuse the search if it would run more trials'),
    maxTotalEpochs: z.number().int().min(1).optional().describe('Refuse the search if its planned epochs (over all folds) exceed this'),
  })
  .meta({ id: 'SearchBudget' });
export type TSearchBudget = z.infer<typeof ZSearchBudget>;

/**
 * Random erasing (Zhong et al. 2017), applied to training batches only: the rectangle. How often
 * is the erasingProbability hyperparameter; `probability` is kept for the trials that do not set
 * it (experiments created before it existed, and spaces that leave it out).
 */
export const ZRandomErasing = z
  .object({
    probability: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        "The erasing probability of trials whose params do not set erasingProbability (the space's dimension wins where it is given)",
      ),
    areaRange: z.tuple([z.number().gt(0).max(1), z.number().gt(0).max(1)]).default([0.02, 0.4]),
    aspectRatioRange: z.tuple([z.number().positive(), z.number().positive()]).default([0.3, 3.3]),
    fillRange: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0, 1]),
    perPixelFill: z.boolean().default(true),
  })
  .refine((r) => r.areaRange[0] <= r.areaRange[1], { error: 'areaRange must be [min, max]', path: ['areaRange'] })
  .refine((r) => r.aspectRatioRange[0] <= r.aspectRatioRange[1], {
    error: 'aspectRatioRange must be [min, max]',
    path: ['aspectRatioRange'],
  })
  .refine((r) => r.fillRange[0] <= r.fillRange[1], { error: 'fillRange must be [min, max]', path: ['fillRange'] })
  .meta({ id: 'RandomErasing' });
export type TRandomErasing = z.infer<typeof ZRandomErasing>;

export const ZAugmentation = z.object({ randomErasing: ZRandomErasing.nullable().default(null) }).meta({ id: 'Augmentation' });
export type TAugmentation = z.infer<typeof ZAugmentation>;
