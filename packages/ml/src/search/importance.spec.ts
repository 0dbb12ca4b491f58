import { ZParameterImportance, type THyperparameters } from '@atelier/domain';
import { parameterImportance } from './importance';

const base: THyperparameters = {
  architecture: 'cnn-a', batchSize: 32, epochs: 5, activation: 'relu', optimizer: 'adam', learningRate: 0.001, momentum: 0,
};
const trial = (overrides: Partial<THyperparameters>, score: number) => ({ hyperparameters: { ...base, ...overrides }, score });
const byName = (rows: ReturnType<typeof parameterImportance>) => Object.fromEntries(rows.map((r) => [r.name, r]));

describe('parameterImportance', () => {
  it('matches a hand-computed one-way ANOVA', () => {
    // scores 0.9, 0.8, 0.5, 0.6: mean 0.7, total SS 0.04 + 0.01 + 0.04 + 0.01 = 0.10
    const rows = parameterImportance([
      trial({ architecture: 'cnn-a', optimizer: 'adam', batchSize: 32 }, 0.9),
      trial({ architecture: 'cnn-a', optimizer: 'sgd', batchSize: 64 }, 0.8),
      trial({ architecture: 'mlp', optimizer: 'adam', batchSize: 32 }, 0.5),
      trial({ architecture: 'mlp', optimizer: 'sgd', batchSize: 32 }, 0.6),
    ]);
    expect(rows.map((r) => r.name)).toEqual(['architecture', 'batchSize', 'epochs', 'activation', 'optimizer', 'learningRate', 'momentum']);
    const r = byName(rows);
    // architecture: means 0.85 and 0.55, SS_between = 4 · 0.15² = 0.09 → η² = 0.9
    expect(r.architecture!.etaSquared).toBeCloseTo(0.9, 10);
    expect(r.architecture!.groups).toBe(2);
    // optimizer: both groups average 0.7 → 0
    expect(r.optimizer!.etaSquared).toBeCloseTo(0, 10);
    // batchSize: {0.9, 0.5, 0.6} mean 2/3 and {0.8}: 3·(1/30)² + 0.1² = 0.013333… → η² = 0.13333…
    expect(r.batchSize!.etaSquared).toBeCloseTo(0.0133333333 / 0.1, 8);
    // a single value explains nothing
    expect(r.epochs).toEqual({ name: 'epochs', etaSquared: 0, share: 0, groups: 1 });
    // shares: 0.9 / 1.0333… and 0.1333… / 1.0333…
    expect(r.architecture!.share).toBeCloseTo(0.9 / (0.9 + 0.4 / 3), 10);
    expect(r.batchSize!.share).toBeCloseTo(0.4 / 3 / (0.9 + 0.4 / 3), 10);
    expect(rows.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
    for (const row of rows) expect(ZParameterImportance.parse(row)).toEqual(row);
  });

  it('bins a numeric hyperparameter with more than four values into quartiles', () => {
    // 8 learning rates, 2 per quartile; quartile means 0.2, 0.5, 0.6, 0.9 around a mean of 0.55:
    // SS_between = 2·(0.35² + 0.05² + 0.05² + 0.35²) = 0.5, SS_within = 8 · 0.1² = 0.08 → η² = 0.5/0.58
    const rates = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1];
    const scores = [0.1, 0.3, 0.4, 0.6, 0.5, 0.7, 0.8, 1.0];
    // the trials in another order, so binning does not lean on input order
    const order = [5, 2, 7, 0, 3, 6, 1, 4];
    const r = byName(parameterImportance(order.map((i) => trial({ learningRate: rates[i]! }, scores[i]!))));
    expect(r.learningRate!.groups).toBe(4);
    expect(r.learningRate!.etaSquared).toBeCloseTo(0.5 / 0.58, 10);
    expect(r.learningRate!.share).toBeCloseTo(1, 10);
  });

  it('keeps four or fewer numeric values as their own groups', () => {
    // momentum 0, 0.5, 0.9, 0.99 each once plus 0 again: 4 groups, no binning
    const r = byName(
      parameterImportance([
        trial({ momentum: 0 }, 0.2),
        trial({ momentum: 0 }, 0.4),
        trial({ momentum: 0.5 }, 0.5),
        trial({ momentum: 0.9 }, 0.6),
        trial({ momentum: 0.99 }, 0.8),
      ]),
    );
    // mean 0.5, total SS = 0.09 + 0.01 + 0 + 0.01 + 0.09 = 0.2; between: 2·0.2² + 0 + 0.1² + 0.3² = 0.18
    expect(r.momentum!.groups).toBe(4);
    expect(r.momentum!.etaSquared).toBeCloseTo(0.9, 10);
  });

  it('returns [] below 3 scored trials and zeros when the scores do not vary', () => {
    expect(parameterImportance([])).toEqual([]);
    expect(parameterImportance([trial({}, 0.5), trial({ optimizer: 'sgd' }, 0.7), trial({ optimizer: 'sgd' }, NaN)])).toEqual([]);
    const flat = parameterImportance([trial({}, 0.5), trial({ optimizer: 'sgd' }, 0.5), trial({ optimizer: 'rmsprop' }, 0.5)]);
    expect(flat).toHaveLength(7);
    expect(flat.every((r) => r.etaSquared === 0 && r.share === 0)).toBe(true);
    expect(byName(flat).optimizer!.groups).toBe(3);
  });
});
