import { chanceAccuracy, divergence, isTiedWithBest, standardError } from './score-rules';

describe('ties within one standard error', () => {
  // the user's search: the "best" #2 at 79.35 % ± 2.75 over 3 folds, the runner-up #1 just below
  const best = { meanValAccuracy: 0.7935, stdValAccuracy: 0.0275 };

  it('uses SE = std / √k of the best trial', () => {
    expect(standardError(0.0275, 3)).toBeCloseTo(0.0275 / Math.sqrt(3), 12);
    expect(standardError(0.0275, 1)).toBe(0);
    expect(standardError(null, 5)).toBe(0);
  });

  it('ties a trial less than one SE below the best, not one further away', () => {
    const se = 0.0275 / Math.sqrt(3); // 1.59 points
    expect(isTiedWithBest({ meanValAccuracy: 0.7935 - se + 1e-6, stdValAccuracy: 0.01 }, best, 3)).toBe(true);
    expect(isTiedWithBest({ meanValAccuracy: 0.79, stdValAccuracy: 0.03 }, best, 3)).toBe(true);
    expect(isTiedWithBest({ meanValAccuracy: 0.7935 - se - 1e-6, stdValAccuracy: 0.01 }, best, 3)).toBe(false);
    expect(isTiedWithBest({ meanValAccuracy: null, stdValAccuracy: null }, best, 3)).toBe(false);
  });

  it('ties only equal means on a holdout split, and only within the same ASHA rung', () => {
    expect(isTiedWithBest({ meanValAccuracy: 0.7935, stdValAccuracy: 0 }, best, 1)).toBe(true);
    expect(isTiedWithBest({ meanValAccuracy: 0.79, stdValAccuracy: 0 }, best, 1)).toBe(false);
    expect(isTiedWithBest({ meanValAccuracy: 0.7935, stdValAccuracy: 0.02, rung: 0 }, { ...best, rung: 2 }, 3)).toBe(false);
    expect(isTiedWithBest({ meanValAccuracy: 0.79, stdValAccuracy: 0.02, rung: 2 }, { ...best, rung: 2 }, 3)).toBe(true);
  });
});

describe('divergence', () => {
  it('flags a loss that is not finite (a scored trial without a mean loss)', () => {
    expect(divergence({ meanValAccuracy: 0.6, meanValLoss: Number.NaN }, 10)).toBe('non-finite-loss');
    expect(divergence({ meanValAccuracy: 0.6, meanValLoss: Number.POSITIVE_INFINITY }, 10)).toBe('non-finite-loss');
    expect(divergence({ meanValAccuracy: 0.6, meanValLoss: null }, 10)).toBe('non-finite-loss');
  });

  it('flags accuracy at chance level, 1/classes + 2 points', () => {
    expect(chanceAccuracy(10)).toBeCloseTo(0.12, 12);
    // the user's diverged run: 10 % accuracy, loss 14.5
    expect(divergence({ meanValAccuracy: 0.1, meanValLoss: 14.5 }, 10)).toBe('chance-accuracy');
    expect(divergence({ meanValAccuracy: 0.12, meanValLoss: 2.3 }, 10)).toBe('chance-accuracy');
    expect(divergence({ meanValAccuracy: 0.13, meanValLoss: 2.3 }, 10)).toBeNull();
    expect(divergence({ meanValAccuracy: 0.5, meanValLoss: 0.7 }, 2)).toBe('chance-accuracy');
  });

  it('says nothing about a trial without a score', () => {
    expect(divergence({ meanValAccuracy: null, meanValLoss: null }, 10)).toBeNull();
  });
});
