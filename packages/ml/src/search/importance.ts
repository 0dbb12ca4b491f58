import { HYPERPARAMETER_NAMES, type THyperparameterName, type THyperparameters, type TParameterImportance } from '@atelier/domain';

export interface ScoredTrial {
  hyperparameters: THyperparameters;
  /** Higher is better; trials without a finite score are left out. */
  score: number;
}

/** Numeric hyperparameters with more distinct values than this are binned into quartiles. */
const MAX_GROUPS_UNBINNED = 4;
/** Hyperparameters whose values spread over orders of magnitude. */
const LOG_SCALE: ReadonlySet<THyperparameterName> = new Set(['learningRate']);

/** The p-quantile of sorted values, interpolating between order statistics (numpy's default, type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/**
 * The group of each trial: its value, or for numbers with more than four distinct values its
 * quartile (0..3, upper bounds inclusive). Quartiles are cut in log space for the learning
 * rate; since the log is monotonic this changes the cut points but never which trials share a
 * bin, so the result matches quartiles of the raw values.
 */
function groupKeys(name: THyperparameterName, values: readonly (string | number)[]): (string | number)[] {
  const distinct = new Set(values);
  if (distinct.size <= MAX_GROUPS_UNBINNED || !values.every((v) => typeof v === 'number')) return [...values];
  const scaled = (values as number[]).map((v) => (LOG_SCALE.has(name) && v > 0 ? Math.log(v) : v));
  const sorted = [...scaled].sort((a, b) => a - b);
  const cuts = [0.25, 0.5, 0.75].map((p) => quantile(sorted, p));
  return scaled.map((v) => {
    const bin = cuts.findIndex((cut) => v <= cut);
    return bin === -1 ? cuts.length : bin;
  });
}

/**
 * How much of the spread in trial scores each hyperparameter explains: η² of a one-way
 * ANOVA, between-group over total sum of squares, trials grouped by the hyperparameter's value
 * (or quartile). `share` is η² normalised over all hyperparameters (all 0 when every η² is 0).
 * η² of several hyperparameters can overlap (correlated choices), so shares are a ranking aid,
 * not a decomposition. Fewer than 3 scored trials: []. Order: HYPERPARAMETER_NAMES.
 */
export function parameterImportance(trials: readonly ScoredTrial[]): TParameterImportance[] {
  const scored = trials.filter((t) => Number.isFinite(t.score));
  if (scored.length < 3) return [];
  const scores = scored.map((t) => t.score);
  const mean = scores.reduce((s, y) => s + y, 0) / scores.length;
  const totalSS = scores.reduce((s, y) => s + (y - mean) ** 2, 0);

  const rows = HYPERPARAMETER_NAMES.map((name) => {
    const keys = groupKeys(name, scored.map((t) => t.hyperparameters[name]));
    const groups = new Map<string | number, { sum: number; count: number }>();
    keys.forEach((key, i) => {
      const group = groups.get(key) ?? { sum: 0, count: 0 };
      group.sum += scores[i]!;
      group.count += 1;
      groups.set(key, group);
    });
    let betweenSS = 0;
    for (const { sum, count } of groups.values()) betweenSS += count * (sum / count - mean) ** 2;
    // One group explains nothing; a zero total (all scores equal) leaves nothing to explain.
    const etaSquared = groups.size < 2 || totalSS <= 0 ? 0 : Math.min(1, Math.max(0, betweenSS / totalSS));
    return { name, etaSquared, groups: groups.size };
  });
  const sum = rows.reduce((s, r) => s + r.etaSquared, 0);
  return rows.map((r) => ({ ...r, share: sum > 0 ? r.etaSquared / sum : 0 }));
}
