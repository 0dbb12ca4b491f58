import {
  SEARCHABLE_HYPERPARAMETER_NAMES,
  type TFloatDistribution,
  type THyperparameters,
  type TIntDistribution,
  type TSearchableHyperparameterName,
  type TSearchSpace,
} from '@atelier/domain';
import { createRandom, deriveSeed, type SeededRandom } from '../data/random';

/** Salt of the sampling stream, so a search's seed does not replay its trials' shuffles. */
const SAMPLE_SALT = 0x5eed;
/** Significant digits kept on sampled floats: 0.00123457 reads better in a table than 0.0012345678912. */
const SIGNIFICANT_DIGITS = 6;

export interface SampleOptions {
  /**
   * Epochs of every point, overriding space.epochs. ASHA owns epochs (its first rung), so its
   * spaces have none.
   */
  epochs?: number;
}

type Dimension = NonNullable<TSearchSpace[TSearchableHyperparameterName]>;
type IntDistribution = Pick<TIntDistribution, 'low' | 'high' | 'step' | 'log'>;

export function isFloatDistribution(d: unknown): d is TFloatDistribution {
  return (
    typeof d === 'object' &&
    d !== null &&
    !Array.isArray(d) &&
    ((d as { dist?: string }).dist === 'uniform' || (d as { dist?: string }).dist === 'log-uniform')
  );
}

export function isIntDistribution(d: unknown): d is IntDistribution & { dist: 'int' } {
  return typeof d === 'object' && d !== null && !Array.isArray(d) && (d as { dist?: string }).dist === 'int';
}

export function roundSignificant(value: number, digits = SIGNIFICANT_DIGITS): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

/** Values an int distribution can take: low, low+step, … up to high. */
function intValueCount(d: IntDistribution): number {
  return Math.floor((d.high - d.low) / d.step) + 1;
}

function drawFloat(d: TFloatDistribution, random: SeededRandom): number {
  const u = random.next();
  const raw = d.dist === 'uniform' ? d.low + u * (d.high - d.low) : Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low)));
  // Rounding can step just past a bound that has more than six significant digits.
  return Math.min(d.high, Math.max(d.low, roundSignificant(raw)));
}

function drawInt(d: IntDistribution, random: SeededRandom, name: string): number {
  const count = intValueCount(d);
  if (!d.log) return d.low + random.nextInt(count) * d.step;
  if (d.low <= 0) throw new Error(`${name} is drawn in log space, which needs low > 0 (got ${d.low})`);
  // Log-uniform on [low, high], then snapped to the nearest value on the step.
  const x = Math.exp(Math.log(d.low) + random.next() * (Math.log(d.high) - Math.log(d.low)));
  const k = Math.min(count - 1, Math.max(0, Math.round((x - d.low) / d.step)));
  return d.low + k * d.step;
}

function drawDimension(name: string, dimension: Dimension | number[], random: SeededRandom): string | number {
  if (Array.isArray(dimension)) return dimension[random.nextInt(dimension.length)]!;
  if (isFloatDistribution(dimension)) return drawFloat(dimension, random);
  if (isIntDistribution(dimension)) return drawInt(dimension, random, name);
  throw new Error(`${name} is neither a list of values nor a distribution`);
}

export function epochsOf(space: TSearchSpace, options: SampleOptions): number[] {
  if (options.epochs !== undefined) return [options.epochs];
  if (space.epochs === undefined)
    throw new Error('the search space has no epochs: give a list of epochs (ASHA passes its first rung instead)');
  return space.epochs;
}

/**
 * How many distinct points the space holds: the product of list lengths and int-distribution
 * value counts, or Infinity as soon as one dimension is a float distribution.
 */
export function distinctPointCount(space: TSearchSpace, options: SampleOptions = {}): number {
  let count = 1;
  for (const name of sampledDimensions(space)) {
    const dimension = name === 'epochs' ? epochsOf(space, options) : space[name];
    if (Array.isArray(dimension)) count *= dimension.length;
    else if (isIntDistribution(dimension)) count *= intValueCount(dimension);
    else return Infinity;
  }
  return count;
}

/**
 * The dimensions a point is drawn over, in registry order: those the space gives, and epochs
 * always (from the space or, under rungs, from the caller). One the space leaves out is not
 * drawn, so the trial keeps its default, and a space without the hyperparameters added later
 * draws exactly what it drew before them.
 */
export function sampledDimensions(space: TSearchSpace): TSearchableHyperparameterName[] {
  return SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => name === 'epochs' || space[name] !== undefined);
}

/** One point drawn from the space (epochs from `epochs`), each dimension in registry order. */
export function drawPoint(space: TSearchSpace, random: SeededRandom, epochs: readonly number[]): THyperparameters {
  const point: Record<string, string | number> = {};
  for (const name of sampledDimensions(space)) {
    point[name] = drawDimension(name, name === 'epochs' ? (epochs as number[]) : space[name]!, random);
  }
  return point as unknown as THyperparameters;
}

/**
 * `count` distinct points drawn from the space, the same list for the same seed on any machine.
 * Lists are drawn uniformly; floats uniformly or log-uniformly and rounded to 6 significant
 * digits; ints on their step. A draw equal to an earlier point is redrawn.
 * Throws when the space has fewer distinct points than `count`.
 */
export function sampleSpace(space: TSearchSpace, count: number, seed: number, options: SampleOptions = {}): THyperparameters[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`the number of points to draw must be a whole number ≥ 0, got ${count}`);
  const epochs = epochsOf(space, options);
  const available = distinctPointCount(space, options);
  if (available < count) {
    throw new Error(
      `the search space holds ${available} distinct point${available === 1 ? '' : 's'} but ${count} were requested: ` +
        `ask for at most ${available} trials, or widen the space`,
    );
  }
  const random = createRandom(deriveSeed(seed, SAMPLE_SALT));
  const dimensions = sampledDimensions(space);
  const points: THyperparameters[] = [];
  const seen = new Set<string>();
  // Draws can be rare near the limit (coupon collector: ~n·ln n draws for all n points), and a
  // float range narrower than 6 significant digits has few values; cap the work all the same.
  const maxDraws = Math.max(1000, count * 200);
  for (let draws = 0; points.length < count; draws++) {
    if (draws >= maxDraws) {
      throw new Error(
        `drew only ${points.length} distinct points out of ${count} requested in ${maxDraws} draws: ` +
          'the ranges are too narrow for that many trials; widen them or ask for fewer trials',
      );
    }
    const point = drawPoint(space, random, epochs);
    const key = JSON.stringify(dimensions.map((name) => point[name]));
    if (seen.has(key)) continue;
    seen.add(key);
    points.push(point);
  }
  return points;
}
